// deep_recursion: recursion 100000 deep with a few locals in the main
// goroutine and in other goroutines, forcing many goroutine stack growths
// (copying); mutual recursion 200000 deep; a deep defer chain; and a stack-allocated
// array that must survive stack moves (checked through a pointer).
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func rec(n int, acc uint64) uint64 {
	var local [4]uint64
	local[0] = uint64(n)
	local[1] = acc
	local[2] = local[0]*31 + local[1]
	local[3] = local[2] ^ (local[2] >> 7)
	if n == 0 {
		return local[3]
	}
	r := rec(n-1, local[3]%1000000007)
	return r + local[0]&0xff
}

func isEven(n int) bool {
	if n == 0 {
		return true
	}
	return isOdd(n - 1)
}

func isOdd(n int) bool {
	if n == 0 {
		return false
	}
	return isEven(n - 1)
}

func withPtr(n int, p *[16]int) int {
	var buf [16]int
	for i := range buf {
		buf[i] = n + i
	}
	if n == 0 {
		return p[15] + buf[0]
	}
	if p == nil {
		p = &buf
	}
	return withPtr(n-1, p) // p points into a frame that moves as the stack grows
}

func deferChain(n int, out *[]int) {
	if n == 0 {
		return
	}
	defer func() { *out = append(*out, n) }()
	deferChain(n-1, out)
}

func main() {
	fmt.Println("main rec(100000):", rec(100000, 1))
	fmt.Println("isEven(200001):", isEven(200001))
	fmt.Println("withPtr(50000):", withPtr(50000, nil))

	var order []int
	deferChain(10000, &order)
	fmt.Println("defer chain:", len(order), order[0], order[len(order)-1])

	var wg sync.WaitGroup
	res := make([]uint64, 4)
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			res[g] = rec(100000+g*1000, uint64(g))
		}(g)
	}
	wg.Wait()
	fmt.Println("goroutine results:", res)

	// A goroutine whose stack grows large, then recurses again on the
	// already-grown stack. Go's stack growth unwinds the wasm call stack, so
	// the first descent is only partly on the host's native stack; the
	// second one is entirely on it (node with --stack-size=8192 and an 8 MB
	// thread stack dies with SIGSEGV at roughly 105000 frames of rec; keep
	// the re-descent well below that).
	done := make(chan uint64)
	go func() {
		a := rec(100000, 7)
		b := rec(10, 7)
		runtime.GC()
		c := rec(60000, 7)
		done <- a + b + c
	}()
	fmt.Println("grow/regrow:", <-done)
}
