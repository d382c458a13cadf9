// recover: recover from panics of many kinds (runtime errors, custom
// values, error values, re-panics, panics in deferred calls, nested
// recovers), defer order and named result modification, runtime.Error, and
// Goexit running deferred calls.
package main

import (
	"errors"
	"fmt"
	"os"
	"runtime"
	"strconv"
)

type E struct{ msg string }

func (e E) Error() string { return "E:" + e.msg }

func try(name string, f func()) {
	defer func() {
		r := recover()
		_, isRT := r.(runtime.Error)
		_, isErr := r.(error)
		fmt.Printf("%-14s recovered=%v runtimeError=%v error=%v\n", name+":", r, isRT, isErr)
	}()
	f()
}

func namedResult() (s string, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("converted: %v", r)
			s = "partial"
		}
	}()
	s = "start"
	panic("inside namedResult")
}

func deferOrder() {
	for i := 0; i < 4; i++ {
		defer fmt.Print(i, " ")
	}
	fmt.Print("defers: ")
}

func main() {
	var m map[string]int
	var p *E
	var arr []int
	var iface interface{} = "string"
	zero := len(os.Args) - 1
	try("nil map", func() { m["x"] = 1 })
	try("nil ptr", func() { fmt.Println(p.msg) })
	try("index", func() { fmt.Println(arr[zero+3]) })
	try("slice", func() { fmt.Println(arr[2:zero]) })
	try("div zero", func() { fmt.Println(10 / zero) })
	try("type assert", func() { fmt.Println(iface.(int)) })
	try("custom", func() { panic(E{"custom"}) })
	try("error value", func() { panic(errors.New("plain error")) })
	try("int value", func() { panic(42) })
	try("conversion", func() {
		_, err := strconv.Atoi("x12")
		panic(err)
	})
	try("re-panic", func() {
		defer func() {
			r := recover()
			panic(fmt.Sprint("re-panicked: ", r))
		}()
		panic("first")
	})
	try("panic in defer", func() {
		defer func() { panic("second (from defer)") }()
		panic("first")
	})
	try("no panic", func() {})
	try("nested ok", func() {
		try("inner", func() { panic("inner panic") })
		fmt.Println("after inner recover")
	})
	try("closed chan", func() {
		c := make(chan int)
		close(c)
		close(c)
	})
	try("makeslice", func() {
		n := -1 + zero
		_ = make([]int, n)
	})
	try("array oob", func() {
		var a [5]int
		idx := 7 + zero
		a[idx%8] = 1
	})
	s, err := namedResult()
	fmt.Println("namedResult:", s, err)
	deferOrder()
	fmt.Println()

	done := make(chan bool)
	go func() {
		defer close(done)
		defer fmt.Println("goexit ran deferred call")
		runtime.Goexit()
		fmt.Println("not reached")
	}()
	<-done
	fmt.Println("recover outside panic:", recover())
	fmt.Println("done")
}
