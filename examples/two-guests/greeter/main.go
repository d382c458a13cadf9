// The "greeter" guest of the two-guests example: greets names and remembers them.
//
// main stays alive until the host calls greeterStop. The callbacks only touch memory
// (no I/O), because a js.FuncOf callback must not block.
package main

import (
	"fmt"
	"os"
	"strings"
	"syscall/js"
)

func main() {
	g := js.Global()
	name := os.Args[0]
	var seen []string
	done := make(chan struct{})
	g.Set("whoami", name)
	g.Set("greet", js.FuncOf(func(this js.Value, args []js.Value) any {
		seen = append(seen, args[0].String())
		return fmt.Sprintf("Hello, %s! (greeting #%d)", args[0].String(), len(seen))
	}))
	g.Set("greeterStop", js.FuncOf(func(this js.Value, args []js.Value) any {
		close(done)
		return nil
	}))
	fmt.Printf("%s: ready\n", name)
	<-done
	fmt.Printf("%s: stopping, greeted %s\n", name, strings.Join(seen, ", "))
}
