// stdin_blocking_timer: read all of standard input with io.ReadAll (os.Stdin
// as the runtime set it up) while a timer and a sleeping goroutine exist, so
// the scheduler has timers pending around every read; then wait for the
// timer. Prints the size, line count and a checksum of the 180 KB input.
package main

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"time"
)

func main() {
	fired := make(chan time.Duration, 1)
	start := time.Now()
	time.AfterFunc(30*time.Millisecond, func() { fired <- time.Since(start) })
	go func() {
		time.Sleep(time.Hour) // still asleep when main returns
		fmt.Println("not reached")
	}()

	data, err := io.ReadAll(os.Stdin)
	fmt.Println("read:", len(data), "bytes, error:", err)
	fmt.Println("lines:", bytes.Count(data, []byte("\n")))
	fmt.Printf("sha256: %x\n", sha256.Sum256(data))
	n, err := os.Stdin.Read(make([]byte, 16))
	fmt.Println("read at EOF:", n, err == io.EOF)

	d := <-fired
	fmt.Println("timer fired after >= 30ms:", d >= 30*time.Millisecond)
}
