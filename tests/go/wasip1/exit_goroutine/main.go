// exit_goroutine: os.Exit(7) from a goroutine while main is blocked on a
// channel and another goroutine sleeps: proc_exit ends the program at once;
// main's deferred call does not run, output written before is all there.
package main

import (
	"fmt"
	"os"
	"time"
)

func main() {
	defer fmt.Println("deferred in main: must not print")
	go func() {
		time.Sleep(time.Hour)
		fmt.Println("sleeper: must not print")
	}()
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("goroutine: exiting with 7")
		fmt.Fprintln(os.Stderr, "stderr from the goroutine")
		os.Exit(7)
	}()
	fmt.Println("main: blocking")
	<-make(chan int)
}
