// panic_goroutine: a panic in a non-main goroutine kills the program while
// main is blocked; exit 2; the trace names the goroutine's creator. Also a
// panic with a plain string value from a deep stack.
package main

import "fmt"

func deep(n int) {
	if n == 0 {
		panic(fmt.Sprintf("boom from goroutine at depth %d", 10))
	}
	deep(n - 1)
}

func main() {
	fmt.Println("main starts")
	done := make(chan bool)
	go func() {
		deep(10)
		done <- true
	}()
	<-done
	fmt.Println("not reached")
}
