// panic_nil: a nil pointer dereference (Go on wasm checks explicitly, since
// address 0 is valid wasm memory) that is not recovered: exit 2 with the
// runtime error text. Before it, a recovered integer divide by zero and an
// out-of-range index.
package main

import (
	"fmt"
	"os"
)

type node struct {
	val  int
	next *node
}

func div(a, b int) int { return a / b }

func main() {
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		fmt.Println(div(1, len(os.Args)-1))
	}()
	func() {
		defer func() { fmt.Println("recovered:", recover()) }()
		s := []int{1, 2, 3}
		i := len(os.Args) + 5
		fmt.Println(s[i])
	}()
	n := &node{val: 1}
	fmt.Println("first:", n.val)
	fmt.Println("second:", n.next.val)
}
