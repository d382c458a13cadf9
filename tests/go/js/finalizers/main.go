// finalizers: runtime.SetFinalizer on unreachable objects; runtime.GC runs
// them in the finalizer goroutine; reachable objects are not finalized;
// KeepAlive; clearing a finalizer. Prints counts only.
package main

import (
	"fmt"
	"runtime"
	"sync/atomic"
	"time"
)

type res struct {
	id   int
	data [32]byte
	self *res
}

var finalized int32
var keptFinalized int32

func make1(id int) *res {
	r := &res{id: id}
	runtime.SetFinalizer(r, func(r *res) { atomic.AddInt32(&finalized, 1) })
	return r
}

func waitFor(target int32) int32 {
	for i := 0; i < 200; i++ {
		runtime.GC()
		if atomic.LoadInt32(&finalized) >= target {
			break
		}
		time.Sleep(time.Millisecond)
	}
	return atomic.LoadInt32(&finalized)
}

func main() {
	for i := 0; i < 100; i++ {
		make1(i)
	}
	kept := make([]*res, 10)
	for i := range kept {
		kept[i] = &res{id: 1000 + i}
		runtime.SetFinalizer(kept[i], func(r *res) { atomic.AddInt32(&keptFinalized, 1) })
	}
	cleared := &res{id: -1}
	runtime.SetFinalizer(cleared, func(r *res) { atomic.AddInt32(&keptFinalized, 100) })
	runtime.SetFinalizer(cleared, nil)
	cleared = nil

	got := waitFor(100)
	fmt.Println("finalized unreachable:", got)
	runtime.GC()
	runtime.GC()
	time.Sleep(5 * time.Millisecond)
	fmt.Println("kept objects finalized (must be 0):", atomic.LoadInt32(&keptFinalized))
	runtime.KeepAlive(kept)

	// a finalizer that resurrects its object once, via a global
	var saved *res
	done := make(chan int, 1)
	func() {
		r := &res{id: 7}
		r.self = r // cycle to itself is fine
		runtime.SetFinalizer(r, func(r *res) { saved = r; done <- r.id })
	}()
	for i := 0; i < 200 && len(done) == 0; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	select {
	case id := <-done:
		fmt.Println("resurrected id:", id, saved != nil && saved.self == saved)
	default:
		fmt.Println("resurrecting finalizer did not run")
	}

	kept = nil
	fmt.Println("after dropping kept:", waitFor(100)+atomic.LoadInt32(&keptFinalized) >= 100)
	for i := 0; i < 200 && atomic.LoadInt32(&keptFinalized) < 10; i++ {
		runtime.GC()
		time.Sleep(time.Millisecond)
	}
	fmt.Println("kept finalized after drop:", atomic.LoadInt32(&keptFinalized))
}
