// A Go program (GOOS=js and GOOS=wasip1) that misbehaves in the way its argument
// names: recurse without end, allocate without end, hold JS values without end (js
// only), spin without yielding, or sleep for an hour.
package main

import (
	"fmt"
	"os"
	"time"
)

var sink int

//go:noinline
func down(n int) int {
	var pad [64]byte
	pad[n%64] = byte(n)
	return down(n+1) + int(pad[3])
}

var keep [][]byte

func main() {
	switch os.Args[1] {
	case "recurse":
		fmt.Println("recursing")
		sink = down(0)
	case "oom":
		for i := 0; ; i++ {
			keep = append(keep, make([]byte, 1<<20))
			keep[i][0] = 1
		}
	case "flood":
		flood()
	case "spin":
		fmt.Println("spinning")
		for {
			sink++
		}
	case "sleep":
		fmt.Println("sleeping")
		time.Sleep(time.Hour)
	}
}
