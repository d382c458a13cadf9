// stdin_nonblock_timers: standard input in non-blocking mode beside sleeping
// goroutines. syscall.SetNonblock(0, true) sets the WASI fd flag and
// os.NewFile(0, ...) makes a File that Go's netpoller polls (poll_oneoff
// with fd_read and clock subscriptions) when fd_fdstat_get reports the flag
// back; either way every byte must arrive. stdin is a file of commands: main
// reads one, then waits on a ticker goroutine (40 ms apart) or prints; a
// second goroutine wakes once at 100 ms, between ticks 2 and 3. The order is
// fixed by channels and by 20 ms margins (serial). What fd_fdstat_get says is
// not printed: node's WASI returns the host's raw fcntl flags there.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"syscall"
	"time"
)

func main() {
	fmt.Println("SetNonblock(0, true):", syscall.SetNonblock(0, true))
	in := os.NewFile(0, "stdin")

	ticks := make(chan int)
	go func() {
		for n := 1; n <= 5; n++ {
			time.Sleep(40 * time.Millisecond)
			fmt.Println("ticker: tick", n)
			ticks <- n
		}
	}()
	slept := make(chan bool)
	go func() {
		time.Sleep(100 * time.Millisecond)
		fmt.Println("sleeper: woke at 100ms")
		slept <- true
	}()

	sc := bufio.NewScanner(in)
	last := 0
	for sc.Scan() {
		cmd, arg, _ := strings.Cut(sc.Text(), " ")
		switch cmd {
		case "say":
			fmt.Println("main:", arg)
		case "wait":
			n, _ := strconv.Atoi(arg)
			for last < n {
				last = <-ticks
			}
			fmt.Println("main: saw tick", last)
		default:
			fmt.Printf("main: unknown command %q\n", cmd)
		}
	}
	fmt.Println("scan error:", sc.Err())
	n, err := in.Read(make([]byte, 8))
	fmt.Println("read at EOF:", n, err == io.EOF)
	<-slept
	fmt.Println("main: done")
}
