package main

import (
	"fmt"
	"time"
)

//go:wasmimport env host_log
func hostLog(x int32)

//go:wasmexport add
func add(a, b int32) int32 {
	hostLog(a + b)
	return a + b
}

var ch = make(chan int32, 1)

//go:wasmexport start_worker
func startWorker(n int32) {
	go func() {
		for i := int32(0); i < n; i++ {
			time.Sleep(time.Millisecond)
			ch <- i * 10
		}
	}()
}

//go:wasmexport take
func take() int32 { return <-ch }

//go:wasmexport hello
func hello() { fmt.Println("hello from the reactor") }

func main() {}
