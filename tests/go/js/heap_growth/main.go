// heap_growth: grow the heap past 400 MB in 4 MB chunks (wasm memory.grow
// many times), touch every page, keep a checksum, drop it all, runtime.GC,
// then allocate again (memory is reused). Prints only sizes and checksums.
package main

import (
	"fmt"
	"runtime"
	"runtime/debug"
)

const chunk = 4 << 20

func main() {
	var chunks [][]byte
	var sum uint64
	for i := 0; i < 100; i++ {
		b := make([]byte, chunk)
		for j := 0; j < len(b); j += 4096 {
			b[j] = byte(i + j>>12)
		}
		b[len(b)-1] = byte(i)
		chunks = append(chunks, b)
	}
	total := 0
	for i, b := range chunks {
		total += len(b)
		for j := 0; j < len(b); j += 4096 {
			sum += uint64(b[j]) * uint64(i+1)
		}
		sum += uint64(b[len(b)-1])
	}
	fmt.Printf("allocated %d MB in %d chunks, checksum %d\n", total>>20, len(chunks), sum)

	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	fmt.Println("HeapAlloc >= 400 MB:", ms.HeapAlloc >= 400<<20, "Sys >= 400 MB:", ms.Sys >= 400<<20)
	// the chunks must be live when measured: past their last use a GC that runs in
	// the meantime may free them (node and pogo alike, depending on timing)
	runtime.KeepAlive(chunks)

	chunks = nil
	runtime.GC()
	debug.FreeOSMemory()
	runtime.ReadMemStats(&ms)
	fmt.Println("HeapAlloc after GC < 16 MB:", ms.HeapAlloc < 16<<20)

	// allocate again: a linked structure of many small objects
	type node struct {
		next *node
		val  [6]int64
	}
	var head *node
	for i := 0; i < 2000000; i++ {
		head = &node{next: head, val: [6]int64{int64(i)}}
	}
	var s int64
	n := 0
	for p := head; p != nil; p = p.next {
		s += p.val[0]
		n++
	}
	fmt.Println("list nodes:", n, "sum:", s)
	head = nil
	runtime.GC()

	// a single big slice grown by append
	var big []int32
	for i := 0; i < 30000000; i++ {
		big = append(big, int32(i))
	}
	var bs int64
	for _, v := range big {
		bs += int64(v)
	}
	fmt.Println("append grown to", len(big), "sum", bs)
	// strings and maps under pressure
	m := make(map[int]string)
	for i := 0; i < 200000; i++ {
		m[i] = fmt.Sprint("value-", i)
	}
	fmt.Println("map size:", len(m), m[199999])
	fmt.Println("NumGC > 0:", func() bool { runtime.ReadMemStats(&ms); return ms.NumGC > 0 }())
}
