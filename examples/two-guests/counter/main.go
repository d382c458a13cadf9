// The "counter" guest of the two-guests example: a running total the C host adds to.
// The host may run several instances; each names itself after its argv[0].
//
// main stays alive until the host calls counterStop. The callbacks only touch memory
// (no I/O), because a js.FuncOf callback must not block.
package main

import (
	"fmt"
	"os"
	"syscall/js"
)

func main() {
	g := js.Global()
	name := os.Args[0]
	total, calls := 0, 0
	done := make(chan struct{})
	g.Set("whoami", name)
	g.Set("counterAdd", js.FuncOf(func(this js.Value, args []js.Value) any {
		total += args[0].Int()
		calls++
		return total
	}))
	g.Set("counterStop", js.FuncOf(func(this js.Value, args []js.Value) any {
		close(done)
		return nil
	}))
	fmt.Printf("%s: ready\n", name)
	<-done
	fmt.Printf("%s: stopping after %d calls, total %d\n", name, calls, total)
}
