// select_timeout: select with default, with time.After timeouts, with several
// ready channels (counted, not ordered), and a timeout that wins over a slow
// sender. Competing delays are 250+ ms apart so that a loaded host cannot
// make both cases ready at once (select would then pick randomly).
package main

import (
	"fmt"
	"time"
)

func main() {
	c := make(chan int, 1)
	// default when nothing ready
	select {
	case v := <-c:
		fmt.Println("got", v)
	default:
		fmt.Println("default: nothing ready")
	}
	c <- 7
	select {
	case v := <-c:
		fmt.Println("got", v)
	default:
		fmt.Println("default")
	}
	// send with default on full channel
	c <- 1
	select {
	case c <- 2:
		fmt.Println("sent")
	default:
		fmt.Println("default: channel full")
	}
	<-c

	// timeout wins over a sender that never sends
	never := make(chan int)
	select {
	case <-never:
		fmt.Println("impossible")
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timeout 1")
	}

	// fast sender wins over a long timeout
	fast := make(chan string)
	go func() {
		time.Sleep(5 * time.Millisecond)
		fast <- "fast value"
	}()
	select {
	case s := <-fast:
		fmt.Println(s)
	case <-time.After(2 * time.Second):
		fmt.Println("timeout 2 (unexpected)")
	}

	// slow sender loses to a short timeout; the sender then completes into a buffer
	slow := make(chan string, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		slow <- "slow value"
	}()
	select {
	case s := <-slow:
		fmt.Println("unexpected", s)
	case <-time.After(20 * time.Millisecond):
		fmt.Println("timeout 3")
	}
	fmt.Println("later:", <-slow)

	// random choice among ready cases: count that both get chosen eventually
	a, b := make(chan int, 1), make(chan int, 1)
	seenA, seenB := false, false
	for i := 0; i < 1000 && !(seenA && seenB); i++ {
		a <- 1
		b <- 2
		select {
		case <-a:
			seenA = true
			<-b
		case <-b:
			seenB = true
			<-a
		}
	}
	fmt.Println("both cases chosen:", seenA && seenB)

	// loop with a quit channel and a ticker-like timer
	quit := make(chan struct{})
	work := make(chan int)
	go func() {
		for i := 0; i < 5; i++ {
			work <- i
		}
		close(quit)
	}()
	n := 0
loop:
	for {
		select {
		case v := <-work:
			n += v
		case <-quit:
			break loop
		}
	}
	fmt.Println("work sum:", n)

	// a Timer used in select, stopped before it fires
	t := time.NewTimer(time.Hour)
	select {
	case <-t.C:
		fmt.Println("impossible")
	default:
		fmt.Println("hour timer pending, stop:", t.Stop())
	}
	// empty select with only timeouts, nested
	deadline := time.After(5 * time.Second)
	ticks := 0
	tick := time.NewTicker(2 * time.Millisecond)
	defer tick.Stop()
	for ticks < 3 {
		select {
		case <-tick.C:
			ticks++
		case <-deadline:
			fmt.Println("deadline before 3 ticks (unexpected)")
			return
		}
	}
	fmt.Println("ticks:", ticks)
}
