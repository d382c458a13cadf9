// exit_0: os.Exit(0) after output on both streams; deferred functions must
// not run, and a goroutine that is still sleeping must not print.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	defer fmt.Println("deferred: must not print")
	go func() {
		time.Sleep(time.Hour)
		fmt.Println("sleeper: must not print")
	}()
	fmt.Println("exiting with 0")
	fmt.Fprintln(os.Stderr, "stderr before exit 0")
	os.Exit(0)
}
