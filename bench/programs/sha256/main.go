// sha256: SHA-256 over a stream of pseudo-random data: 32-bit rotates, adds and
// schedule arithmetic in a tight loop (Go's generic implementation: no SIMD in wasm).
//
// Usage: sha256 [megabytes]   (default 100)
package main

import (
	"crypto/sha256"
	"fmt"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

func main() {
	mb := arg.Int(1, 100, "[megabytes]")
	buf := make([]byte, 1<<20)
	rng.New(5).Fill(buf)
	h := sha256.New()
	for i := 0; i < mb; i++ {
		buf[i%len(buf)] ^= byte(i) // every megabyte differs
		h.Write(buf)
	}
	fmt.Printf("sha256 of %d MB: %x\n", mb, h.Sum(nil))
}
