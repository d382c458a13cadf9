// The guest of the embed-go example: a Go GOOS=js program that calls a C function,
// hands C a callback, and awaits answers C computes on worker threads.
//
// C installs hostAdd, register and fetchAsync on the global object before Go starts.
// Callbacks (js.FuncOf) must not block, exactly as under node: they only hand their
// arguments to a channel; main does the waiting and the printing.
package main

import (
	"fmt"
	"strings"
	"syscall/js"
)

func main() {
	g := js.Global()

	// a C function, called synchronously
	fmt.Println("Go: hostAdd(2, 40) =", g.Call("hostAdd", 2, 40).Int())

	// a Go function C keeps and calls later (the host calls it after we pause)
	shout := js.FuncOf(func(this js.Value, args []js.Value) any {
		return strings.ToUpper(args[0].String()) + "!"
	})
	g.Call("register", shout)
	fmt.Println("Go: registered shout with C")

	// promises: C answers each request later, from a worker thread
	xs := []int{3, 4, 5}
	answers := make([]chan int, len(xs))
	for i, x := range xs {
		ch := make(chan int, 1)
		answers[i] = ch
		var resolve js.Func
		resolve = js.FuncOf(func(this js.Value, args []js.Value) any {
			ch <- args[0].Int() // buffered: does not block
			resolve.Release()
			return nil
		})
		g.Call("fetchAsync", x, resolve)
	}
	fmt.Println("Go: asked C for", len(xs), "answers, waiting")
	for i, x := range xs {
		fmt.Printf("Go: fetchAsync(%d) resolved to %d\n", x, <-answers[i])
	}
	shout.Release()
	fmt.Println("Go: main returns")
}
