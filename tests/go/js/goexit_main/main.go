// goexit_main: runtime.Goexit in the main goroutine runs main's deferred
// calls; other goroutines keep running until they finish; then the
// program deadlocks and exits 2. Natively Go says "no goroutines (main
// called runtime.Goexit) - deadlock!"; under GOOS=js the syscall/js event
// goroutine still exists, so the report is node's deadlock event path:
// "all goroutines are asleep - deadlock!" with that goroutine's trace.
package main

import (
	"fmt"
	"runtime"
	"time"
)

func main() {
	go func() {
		time.Sleep(20 * time.Millisecond)
		fmt.Println("background goroutine finished")
	}()
	defer fmt.Println("main's deferred call runs")
	runtime.Goexit()
	fmt.Println("not reached")
}
