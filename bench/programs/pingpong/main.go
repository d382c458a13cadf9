// pingpong: two goroutines pass a counter back and forth over unbuffered channels, and
// a ring of goroutines passes a token around. Every hand-off is a goroutine switch: in
// WebAssembly, where Go unwinds the whole wasm stack to switch, this is the cost of the
// scheduler and the resumable trampoline.
//
// Usage: pingpong [roundtrips]   (default 2,000,000; the ring sees the same count of hops)
package main

import (
	"fmt"

	"pogobench/internal/arg"
)

// pingPong returns the sum of the values the second goroutine saw.
func pingPong(n int) int {
	ping, pong := make(chan int), make(chan int)
	done := make(chan int)
	go func() {
		sum := 0
		for v := range ping {
			sum += v
			pong <- v + 1
		}
		done <- sum
	}()
	v := 0
	for i := 0; i < n; i++ {
		ping <- v
		v = <-pong
	}
	close(ping)
	return <-done + v
}

// ring passes a token through `size` goroutines linked by channels until it has made
// `hops` hops; returns the hop count observed by the last receiver.
func ring(size, hops int) int {
	first := make(chan int)
	in := first
	for i := 0; i < size; i++ {
		out := make(chan int)
		go func(in <-chan int, out chan<- int) {
			for t := range in {
				out <- t + 1
			}
			close(out)
		}(in, out)
		in = out
	}
	last := 0
	for t := 0; t < hops; t += size {
		first <- t
		last = <-in
	}
	close(first)
	for range in {
	}
	return last
}

func main() {
	n := arg.Int(1, 2000000, "[roundtrips]")
	fmt.Println("ping-pong:", pingPong(n))
	fmt.Println("ring:", ring(100, n))
}
