// channels: unbuffered and buffered channels, close and range, ok-receive,
// len/cap, a pipeline of stages, directional channels, and nil channels.
package main

import (
	"fmt"
	"strings"
)

func gen(n int) <-chan int {
	out := make(chan int)
	go func() {
		for i := 1; i <= n; i++ {
			out <- i
		}
		close(out)
	}()
	return out
}

func sq(in <-chan int) <-chan int {
	out := make(chan int, 4)
	go func() {
		for v := range in {
			out <- v * v
		}
		close(out)
	}()
	return out
}

func main() {
	// unbuffered ping-pong: strict alternation
	ping, pong := make(chan string), make(chan string)
	var log []string
	done := make(chan bool)
	go func() {
		for i := 0; i < 3; i++ {
			m := <-ping
			pong <- m + "-pong"
		}
		done <- true
	}()
	for i := 0; i < 3; i++ {
		ping <- fmt.Sprintf("ping%d", i)
		log = append(log, <-pong)
	}
	<-done
	fmt.Println(strings.Join(log, " "))

	// buffered
	b := make(chan int, 5)
	for i := 0; i < 5; i++ {
		b <- i * 10
	}
	fmt.Println("len", len(b), "cap", cap(b))
	close(b)
	for v := range b {
		fmt.Print(v, " ")
	}
	v, ok := <-b
	fmt.Println("| after close:", v, ok)

	// pipeline
	total := 0
	for v := range sq(sq(gen(10))) {
		total += v
	}
	fmt.Println("sum of 4th powers 1..10:", total)

	// fan-in with ordering restored by index
	type item struct{ idx, val int }
	out := make(chan item)
	for i := 0; i < 8; i++ {
		go func(i int) { out <- item{i, i * 3} }(i)
	}
	got := make([]int, 8)
	for i := 0; i < 8; i++ {
		it := <-out
		got[it.idx] = it.val
	}
	fmt.Println("fan-in:", got)

	// channel of channels (request/response)
	reqs := make(chan chan string)
	go func() {
		n := 0
		for r := range reqs {
			n++
			r <- fmt.Sprint("reply", n)
		}
	}()
	for i := 0; i < 3; i++ {
		r := make(chan string)
		reqs <- r
		fmt.Println(<-r)
	}
	close(reqs)

	// nil channel in select is never ready
	var nilc chan int
	select {
	case <-nilc:
		fmt.Println("impossible")
	default:
		fmt.Println("nil channel not ready")
	}

	// closing a closed channel panics
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		c := make(chan int)
		close(c)
		close(c)
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		c := make(chan int, 1)
		close(c)
		c <- 1
	}()

	// struct{} signal channel and sync through buffered semaphore
	sem := make(chan struct{}, 2)
	res := make(chan int, 6)
	for i := 0; i < 6; i++ {
		go func(i int) {
			sem <- struct{}{}
			res <- i
			<-sem
		}(i)
	}
	s := 0
	for i := 0; i < 6; i++ {
		s += <-res
	}
	fmt.Println("semaphore sum:", s)
}
