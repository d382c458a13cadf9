// panic_uncaught: an uncaught panic with a custom error value inside nested
// calls with deferred prints; exit status 2 and the goroutine trace on
// stderr (file:line and +0x offsets are identical for the same wasm).
package main

import (
	"fmt"
	"os"
)

type myErr struct{ code int }

func (e *myErr) Error() string { return fmt.Sprintf("my error %d", e.code) }

func level3(n int) {
	defer fmt.Println("deferred in level3 runs")
	if n > 2 {
		panic(&myErr{n})
	}
}

func level2(n int) { level3(n + 1) }
func level1(n int) { level2(n + 1) }

func main() {
	fmt.Println("before panic")
	fmt.Fprintln(os.Stderr, "stderr before panic")
	defer fmt.Println("deferred in main runs")
	level1(1)
	fmt.Println("not reached")
}
