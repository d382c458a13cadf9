// js_funcs: js.FuncOf callbacks invoked from Go through JS (Invoke, Call as
// a method with `this`), arguments and return values converted both ways,
// nested re-entry Go -> JS -> Go -> JS -> Go (6 levels), a callback that
// starts goroutines and waits for them, goroutine stack growth inside a
// callback, callbacks stored in objects and arrays, and Release.
package main

import (
	"fmt"
	"strings"
	"sync"
	"syscall/js"
)

func deep(n int) int {
	var pad [8]int
	pad[n%8] = n
	if n == 0 {
		return pad[0]
	}
	return deep(n-1) + pad[n%8]%3
}

func main() {
	Object := js.Global().Get("Object")

	add := js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		s := 0.0
		for _, a := range args {
			s += a.Float()
		}
		return s
	})
	defer add.Release()
	fmt.Println("add:", add.Invoke(1, 2, 3.5).Float(), add.Invoke().Float(), add.Type())

	// returns of every kind
	kinds := js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		switch args[0].String() {
		case "nil":
			return nil
		case "string":
			return "str"
		case "int":
			return 42
		case "slice":
			return []interface{}{1, "x"}
		case "map":
			return map[string]interface{}{"a": 1}
		case "value":
			return Object.New()
		case "func":
			return add
		}
		return js.Undefined()
	})
	for _, k := range []string{"nil", "string", "int", "slice", "map", "value", "func", "other"} {
		r := kinds.Invoke(k)
		fmt.Printf("%s -> %s %s\n", k, r.Type(), r.String())
	}
	fmt.Println("returned func works:", kinds.Invoke("func").Invoke(10, 20).Int())

	// method call with this
	counter := Object.New()
	counter.Set("count", 0)
	counter.Set("inc", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		by := 1
		if len(args) > 0 {
			by = args[0].Int()
		}
		this.Set("count", this.Get("count").Int()+by)
		return this.Get("count")
	}))
	counter.Call("inc")
	counter.Call("inc", 5)
	fmt.Println("count:", counter.Call("inc", 10).Int(), counter.Get("count").Int())
	fmt.Println("this when invoked plainly is undefined:", js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		return this.IsUndefined()
	}).Invoke().Bool())

	// nested re-entry: Go -> JS -> Go -> JS -> ... 6 levels
	var trace []string
	var nest js.Func
	nest = js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		level := args[0].Int()
		trace = append(trace, fmt.Sprintf("enter %d", level))
		var inner string
		if level < 6 {
			inner = nest.Invoke(level + 1).String() // back out to JS, which calls Go again
		} else {
			inner = "bottom"
		}
		trace = append(trace, fmt.Sprintf("leave %d", level))
		return fmt.Sprintf("L%d(%s)", level, inner)
	})
	fmt.Println("nested:", nest.Invoke(1).String())
	fmt.Println(strings.Join(trace, ", "))

	// two different funcs calling each other through JS
	var ping, pong js.Func
	ping = js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		n := args[0].Int()
		if n == 0 {
			return "ping-end"
		}
		return "ping>" + pong.Invoke(n-1).String()
	})
	pong = js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		n := args[0].Int()
		if n == 0 {
			return "pong-end"
		}
		return "pong>" + ping.Invoke(n-1).String()
	})
	fmt.Println(ping.Invoke(5).String())

	// a callback that spawns goroutines and waits: allowed, since other
	// goroutines run while the callback's goroutine blocks
	par := js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		n := args[0].Int()
		res := make([]int, n)
		var wg sync.WaitGroup
		for i := 0; i < n; i++ {
			wg.Add(1)
			go func(i int) { defer wg.Done(); res[i] = i * 10 }(i)
		}
		wg.Wait()
		sum := 0
		for _, v := range res {
			sum += v
		}
		return sum
	})
	fmt.Println("parallel in callback:", par.Invoke(20).Int())

	// deep recursion inside a callback (stack growth while JS frames are live)
	deepFn := js.FuncOf(func(this js.Value, args []js.Value) interface{} { return deep(args[0].Int()) })
	fmt.Println("deep in callback:", deepFn.Invoke(20000).Int())

	// callbacks stored in an array, called by index through Invoke
	arr := js.Global().Get("Array").New()
	for i := 0; i < 3; i++ {
		i := i
		arr.SetIndex(i, js.FuncOf(func(this js.Value, args []js.Value) interface{} {
			return fmt.Sprintf("fn%d(%s)", i, args[0].String())
		}))
	}
	for i := 0; i < arr.Length(); i++ {
		fmt.Println(arr.Index(i).Invoke("arg").String())
	}

	// argument conversion: JS values arriving in Go
	echo := js.FuncOf(func(this js.Value, args []js.Value) interface{} {
		parts := make([]string, len(args))
		for i, a := range args {
			parts[i] = a.Type().String() + ":" + a.String()
		}
		return strings.Join(parts, " ")
	})
	fmt.Println(echo.Invoke(1, "two", true, nil, js.Undefined(), []interface{}{}, 0.25).String())

	// goroutines calling JS funcs concurrently (JS is single-threaded; calls serialize)
	var wg sync.WaitGroup
	results := make([]int, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			results[g] = add.Invoke(g, g).Int()
		}(g)
	}
	wg.Wait()
	fmt.Println("concurrent:", results)
	nest.Release()
	ping.Release()
	pong.Release()
	fmt.Println("done")
}
