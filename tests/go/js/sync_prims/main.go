// sync_prims: sync.Mutex, RWMutex, Once, Cond (Signal and Broadcast),
// sync.Map, sync.Pool (only deterministic uses) and sync/atomic.
package main

import (
	"fmt"
	"sort"
	"sync"
	"sync/atomic"
)

type counter struct {
	mu sync.Mutex
	n  map[string]int
}

func (c *counter) inc(k string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.n[k]++
}

func main() {
	// Mutex
	c := counter{n: map[string]int{}}
	var wg sync.WaitGroup
	for i := 0; i < 50; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			for j := 0; j < 100; j++ {
				c.inc([]string{"a", "b", "c"}[(i+j)%3])
			}
		}(i)
	}
	wg.Wait()
	fmt.Println("mutex:", c.n["a"], c.n["b"], c.n["c"], c.n["a"]+c.n["b"]+c.n["c"])

	// TryLock is 1.18+
	var m sync.Mutex
	fmt.Println("trylock:", m.TryLock(), m.TryLock())
	m.Unlock()

	// RWMutex
	var rw sync.RWMutex
	shared := 0
	var rwg sync.WaitGroup
	for i := 0; i < 10; i++ {
		rwg.Add(2)
		go func() {
			defer rwg.Done()
			rw.Lock()
			shared++
			rw.Unlock()
		}()
		go func() {
			defer rwg.Done()
			rw.RLock()
			_ = shared
			rw.RUnlock()
		}()
	}
	rwg.Wait()
	fmt.Println("rwmutex:", shared)

	// Once
	var once sync.Once
	calls := 0
	var owg sync.WaitGroup
	for i := 0; i < 20; i++ {
		owg.Add(1)
		go func() {
			defer owg.Done()
			once.Do(func() { calls++ })
		}()
	}
	owg.Wait()
	fmt.Println("once calls:", calls)

	// Cond: a queue with Signal, and a start gate with Broadcast
	var mu sync.Mutex
	cond := sync.NewCond(&mu)
	ready := false
	var started int32
	var cwg sync.WaitGroup
	for i := 0; i < 8; i++ {
		cwg.Add(1)
		go func() {
			defer cwg.Done()
			mu.Lock()
			for !ready {
				cond.Wait()
			}
			mu.Unlock()
			atomic.AddInt32(&started, 1)
		}()
	}
	mu.Lock()
	ready = true
	cond.Broadcast()
	mu.Unlock()
	cwg.Wait()
	fmt.Println("broadcast woke:", atomic.LoadInt32(&started))

	queue := []int{}
	qcond := sync.NewCond(&sync.Mutex{})
	consumed := make(chan int)
	go func() {
		for k := 0; k < 5; k++ {
			qcond.L.Lock()
			for len(queue) == 0 {
				qcond.Wait()
			}
			v := queue[0]
			queue = queue[1:]
			qcond.L.Unlock()
			consumed <- v
		}
		close(consumed)
	}()
	for k := 1; k <= 5; k++ {
		qcond.L.Lock()
		queue = append(queue, k*k)
		qcond.Signal()
		qcond.L.Unlock()
	}
	var got []int
	for v := range consumed {
		got = append(got, v)
	}
	fmt.Println("cond queue:", got)

	// atomics
	var a64 int64
	var u32 uint32
	var flag atomic.Value
	flag.Store("initial")
	var awg sync.WaitGroup
	for i := 0; i < 100; i++ {
		awg.Add(1)
		go func(i int) {
			defer awg.Done()
			atomic.AddInt64(&a64, int64(i))
			for {
				old := atomic.LoadUint32(&u32)
				if atomic.CompareAndSwapUint32(&u32, old, old+2) {
					break
				}
			}
		}(i)
	}
	awg.Wait()
	fmt.Println("atomic:", atomic.LoadInt64(&a64), atomic.LoadUint32(&u32), atomic.SwapInt64(&a64, -1), a64)
	fmt.Println("atomic.Value:", flag.Load(), flag.CompareAndSwap("initial", "next"), flag.Load())
	var ai atomic.Int64 // 1.19 typed atomics
	ai.Add(5)
	ai.Add(-2)
	var ab atomic.Bool
	ab.Store(true)
	fmt.Println("typed atomics:", ai.Load(), ab.Load())

	// sync.Map with sorted listing
	var sm sync.Map
	for i, k := range []string{"pear", "apple", "fig", "kiwi"} {
		sm.Store(k, i)
	}
	sm.Delete("fig")
	v, loaded := sm.LoadOrStore("apple", 100)
	fmt.Println("loadorstore:", v, loaded)
	var keys []string
	sm.Range(func(k, v any) bool {
		keys = append(keys, fmt.Sprint(k, "=", v))
		return true
	})
	sort.Strings(keys)
	fmt.Println("sync.Map:", keys)

	// Pool: New is called when empty
	news := 0
	pool := sync.Pool{New: func() any { news++; return new([64]byte) }}
	b := pool.Get().(*[64]byte)
	b[0] = 1
	fmt.Println("pool new calls >= 1:", news >= 1)
}
