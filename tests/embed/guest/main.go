// The guest of tests/embed: Go functions a C host calls through pogo.h, and calls
// back into C functions the host installed on the global object.
package main

import (
	"fmt"
	"os"
	"syscall/js"
	"time"
)

func main() {
	g := js.Global()
	g.Set("goAdd", js.FuncOf(func(this js.Value, args []js.Value) any {
		a, b := args[0].Int(), args[1].Int()
		return a + b + g.Call("hostMul", a, b).Int()
	}))
	g.Set("goDepth", js.FuncOf(func(this js.Value, args []js.Value) any {
		n := args[0].Int()
		if n == 0 {
			return 0
		}
		// a large frame, so the goroutine stack grows (and moves) on the way down
		var pad [512]byte
		pad[n%512] = byte(n)
		return g.Call("hostDepth", n-1).Int() + 1 + int(pad[n%512]-byte(n))
	}))
	g.Set("goBytes", js.FuncOf(func(this js.Value, args []js.Value) any {
		buf := make([]byte, args[0].Length())
		js.CopyBytesToGo(buf, args[0])
		sum := 0
		for _, b := range buf {
			sum += int(b)
		}
		out := js.Global().Get("Uint8Array").New(len(buf))
		for i := range buf {
			buf[i] ^= 0xff
		}
		js.CopyBytesToJS(out, buf)
		return map[string]any{"sum": sum, "inverted": out}
	}))
	g.Set("goLater", js.FuncOf(func(this js.Value, args []js.Value) any {
		cb, ms := args[0], args[1].Int()
		go func() {
			time.Sleep(time.Duration(ms) * time.Millisecond)
			cb.Invoke("late", ms)
		}()
		return nil
	}))
	g.Set("goPanic", js.FuncOf(func(this js.Value, args []js.Value) any {
		panic("deliberate panic in a callback")
	}))
	g.Set("goThrow", js.FuncOf(func(this js.Value, args []js.Value) any {
		// a C function that throws: Go sees a js.Error panic and recovers
		defer func() { recover() }()
		g.Call("hostThrow")
		return "not reached"
	}))
	g.Set("goDescribe", js.FuncOf(func(this js.Value, args []js.Value) any {
		v := args[0]
		list := v.Get("list")
		buf := make([]byte, v.Get("bytes").Length())
		js.CopyBytesToGo(buf, v.Get("bytes"))
		return fmt.Sprintf("name=%s list=%d:%d,%s flag=%v bytes=%x missing=%s",
			v.Get("name").String(), list.Length(), list.Index(0).Int(), list.Index(1).String(),
			v.Get("flag").Bool(), buf, v.Get("missing").Type())
	}))
	g.Set("goExit", js.FuncOf(func(this js.Value, args []js.Value) any {
		code := args[0].Int()
		go func() {
			time.Sleep(5 * time.Millisecond)
			os.Exit(code)
		}()
		return nil
	}))
	select {}
}
