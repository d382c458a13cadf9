//go:build !js

package main

func flood() { panic("flood needs GOOS=js") }
