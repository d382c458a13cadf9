// js_released: calling a js.Func after Release: Go's handler prints
// "call to released function" with console.error (stderr) and the call
// returns undefined; the program continues.
package main

import (
	"fmt"
	"syscall/js"
)

func main() {
	f := js.FuncOf(func(this js.Value, args []js.Value) interface{} { return "alive" })
	fmt.Println("before release:", f.Invoke().String())
	v := f.Value
	f.Release()
	r := v.Invoke()
	fmt.Println("after release:", r.Type(), r.IsUndefined())
	fmt.Println("done")
}
