//go:build js

package main

import (
	"fmt"
	"syscall/js"
)

// flood creates JS objects and keeps every one of them.
func flood() {
	object := js.Global().Get("Object")
	var keep []js.Value
	for {
		keep = append(keep, object.New())
		if len(keep)%(1<<16) == 0 {
			fmt.Println("holding", len(keep))
		}
	}
}
