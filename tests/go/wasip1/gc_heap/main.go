// gc_heap: the collector and the wasm heap on wasip1. With automatic GC off
// (SetGCPercent(-1)) 256 MB of garbage grows linear memory (memory.grow many
// times), then each runtime.GC counts exactly once in NumGC and frees it all;
// the next 256 MB reuse that memory instead of growing Sys again; one 192 MB
// allocation; weak pointers are cleared and runtime.AddCleanup functions run
// after their objects die; with GC back on, a churning workload collects by
// itself. Prints only booleans, counts and checksums.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
	"time"
	"weak"
)

const mb = 1 << 20

var sink []byte

func churn(total int) uint64 {
	var sum uint64
	for i := 0; i < total/mb; i++ {
		b := make([]byte, mb)
		for j := 0; j < len(b); j += 4096 {
			b[j] = byte(i + j)
		}
		sum += uint64(b[4096*(i%256)])
		sink = b
	}
	sink = nil
	return sum
}

func stats() runtime.MemStats {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms
}

func main() {
	debug.SetGCPercent(-1)
	runtime.GC()
	base := stats()
	fmt.Println("checksum:", churn(256*mb))
	grown := stats()
	fmt.Println("no GC while off:", grown.NumGC == base.NumGC)
	fmt.Println("heap grew by >= 256 MB:", grown.HeapSys-base.HeapSys >= 256*mb, "Sys too:", grown.Sys-base.Sys >= 256*mb)
	for i := 0; i < 3; i++ {
		runtime.GC()
	}
	after := stats()
	fmt.Println("3 forced GCs counted:", after.NumGC-grown.NumGC)
	fmt.Println("HeapAlloc back under 8 MB:", after.HeapAlloc < 8*mb)
	fmt.Println("checksum again:", churn(256*mb))
	again := stats()
	fmt.Println("memory reused (Sys grew < 32 MB):", again.Sys-after.Sys < 32*mb)
	runtime.GC()

	big := make([]byte, 192*mb)
	for i := 0; i < len(big); i += 1 << 16 {
		big[i] = byte(i >> 16)
	}
	var s uint64
	for i := 0; i < len(big); i += 1 << 16 {
		s += uint64(big[i])
	}
	fmt.Println("192 MB slice:", len(big)/mb, "MB, sum", s)
	big = nil
	runtime.GC()

	// weak pointers and cleanups
	type obj struct {
		id  int
		pad [64]byte
	}
	cleaned := make(chan int, 10)
	var weaks []weak.Pointer[obj]
	keep := &obj{id: 99}
	for i := 0; i < 5; i++ {
		o := &obj{id: i}
		weaks = append(weaks, weak.Make(o))
		runtime.AddCleanup(o, func(id int) { cleaned <- id }, i)
	}
	wkeep := weak.Make(keep)
	runtime.GC()
	runtime.GC()
	got := 0
	deadline := time.After(5 * time.Second)
	for got < 5 {
		select {
		case <-cleaned:
			got++
		case <-deadline:
			fmt.Println("cleanups timed out")
			got = 5
		}
	}
	cleared := 0
	for _, w := range weaks {
		if w.Value() == nil {
			cleared++
		}
	}
	fmt.Println("cleanups run:", got, "weak pointers cleared:", cleared, "live one kept:", wkeep.Value() == keep)
	runtime.KeepAlive(keep)

	// automatic GC again
	debug.SetGCPercent(100)
	before := stats().NumGC
	fmt.Println("checksum with GC on:", churn(128*mb))
	fmt.Println("collected by itself:", stats().NumGC > before)
}
