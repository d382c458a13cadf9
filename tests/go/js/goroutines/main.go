// goroutines: many goroutines with sync.WaitGroup, results gathered by index,
// runtime.Gosched, a worker pool, and goroutines spawning goroutines.
package main

import (
	"fmt"
	"runtime"
	"sync"
)

func fib(n int) int {
	if n < 2 {
		return n
	}
	return fib(n-1) + fib(n-2)
}

func main() {
	const n = 1000
	res := make([]int, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			if i%10 == 0 {
				runtime.Gosched()
			}
			res[i] = i * i
		}(i)
	}
	wg.Wait()
	sum := 0
	for _, v := range res {
		sum += v
	}
	fmt.Println("sum of squares:", sum)

	// worker pool
	jobs := make(chan int)
	results := make([]int, 30)
	var pool sync.WaitGroup
	for w := 0; w < 4; w++ {
		pool.Add(1)
		go func() {
			defer pool.Done()
			for j := range jobs {
				results[j] = fib(j % 20)
			}
		}()
	}
	for j := 0; j < 30; j++ {
		jobs <- j
	}
	close(jobs)
	pool.Wait()
	fmt.Println("fibs:", results)

	// tree of goroutines
	var tree sync.WaitGroup
	var mu sync.Mutex
	count := 0
	var spawn func(depth int)
	spawn = func(depth int) {
		defer tree.Done()
		mu.Lock()
		count++
		mu.Unlock()
		if depth == 0 {
			return
		}
		tree.Add(3)
		for i := 0; i < 3; i++ {
			go spawn(depth - 1)
		}
	}
	tree.Add(1)
	go spawn(6)
	tree.Wait()
	fmt.Println("tree nodes:", count) // (3^7-1)/2 = 1093
	fmt.Println("NumGoroutine after wait settles:", settle())
	fmt.Println("GOMAXPROCS:", runtime.GOMAXPROCS(0), "NumCPU:", runtime.NumCPU())
	fmt.Println(runtime.GOOS, runtime.GOARCH)
}

func settle() int {
	for i := 0; i < 100 && runtime.NumGoroutine() > 1; i++ {
		runtime.Gosched()
	}
	return runtime.NumGoroutine()
}
