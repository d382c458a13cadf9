// stdin_pipe_paced: standard input is a pipe that the runner fills one line
// every 150 ms (stdin_pace), so main really waits for input while a ticker
// goroutine keeps running on 10 ms sleeps: a runtime that reports stdin as
// non-blocking lets Go park main in its netpoller (poll_oneoff with an
// fd_read and a clock subscription); one that does not (node's WASI reports
// the host's raw fcntl flags) hands EAGAIN back, and main then sleeps 5 ms
// and reads again. Prints the lines and whether the ticker advanced while
// main waited for each of them, never how the waiting was done.
package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"sync/atomic"
	"syscall"
	"time"
)

func main() {
	var ticks atomic.Int64
	go func() {
		for {
			time.Sleep(10 * time.Millisecond)
			ticks.Add(1)
		}
	}()

	var pending []byte
	var lines []string
	var ticksAt []int64
	buf := make([]byte, 64)
	for {
		n, err := os.Stdin.Read(buf)
		pending = append(pending, buf[:n]...)
		for {
			i := bytes.IndexByte(pending, '\n')
			if i < 0 {
				break
			}
			lines = append(lines, string(pending[:i]))
			ticksAt = append(ticksAt, ticks.Load())
			pending = pending[i+1:]
		}
		if err == io.EOF {
			break
		}
		if errors.Is(err, syscall.EAGAIN) {
			time.Sleep(5 * time.Millisecond)
			continue
		}
		if err != nil {
			fmt.Println("read error:", err)
			break
		}
	}
	for i, l := range lines {
		waited := "(first)"
		if i > 0 {
			// 150 ms apart: 15 ticks expected, 3 accepted
			waited = fmt.Sprint("ticker advanced meanwhile: ", ticksAt[i]-ticksAt[i-1] >= 3)
		}
		fmt.Printf("line %d %q %s\n", i+1, l, waited)
	}
	fmt.Printf("lines: %d, left over: %q\n", len(lines), pending)
}
