// exit_42: os.Exit(42) after output on both streams; deferred functions must
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
	fmt.Println("exiting with 42")
	fmt.Fprintln(os.Stderr, "stderr before exit 42")
	os.Exit(42)
}
