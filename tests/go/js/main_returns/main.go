// main_returns: main returns while other goroutines are blocked on a
// channel, sleeping on a long timer, and in an empty select; the
// program exits 0 at once (no deadlock report, no waiting for the timer).
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	block := make(chan int)
	go func() { <-block; fmt.Println("never") }()
	go func() { time.Sleep(10 * time.Minute); fmt.Println("never") }()
	go func() { select {} }()
	// (A goroutine spinning on runtime.Gosched would starve node's event
	// loop: with GOOS=js an os write blocks until a JS callback, which only
	// runs once every goroutine is idle, so the program would hang.)
	t := time.AfterFunc(time.Hour, func() { fmt.Println("never") })
	_ = t
	runtime.Gosched()
	fmt.Println("main returns with", runtime.NumGoroutine() >= 4, "goroutines alive")
}
