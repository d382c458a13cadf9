// fileio: write a file of pseudo-random data in 1 MiB writes, read it back in 64 KiB
// reads, check it, and remove it: the host's file path (WASI fd_write/fd_read, or the
// JS host's fs calls) more than the guest's code. The file is created in the working
// directory, which WASI contenders must be granted.
//
// Usage: fileio [megabytes]   (default 200)
package main

import (
	"fmt"
	"hash/crc32"
	"io"
	"os"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

const name = "fileio.tmp"

func fail(err error) {
	fmt.Fprintln(os.Stderr, "fileio:", err)
	os.Remove(name)
	os.Exit(1)
}

func main() {
	mb := arg.Int(1, 200, "[megabytes]")
	buf := make([]byte, 1<<20)
	rng.New(13).Fill(buf)
	f, err := os.Create(name)
	if err != nil {
		fail(err)
	}
	wsum := crc32.NewIEEE()
	for i := 0; i < mb; i++ {
		buf[i%len(buf)] ^= 0x5a
		if _, err := f.Write(buf); err != nil {
			fail(err)
		}
		wsum.Write(buf)
	}
	if err := f.Close(); err != nil {
		fail(err)
	}
	f, err = os.Open(name)
	if err != nil {
		fail(err)
	}
	rsum := crc32.NewIEEE()
	chunk := make([]byte, 64<<10)
	total := 0
	for {
		k, err := f.Read(chunk)
		rsum.Write(chunk[:k])
		total += k
		if err == io.EOF {
			break
		}
		if err != nil {
			fail(err)
		}
	}
	f.Close()
	if err := os.Remove(name); err != nil {
		fail(err)
	}
	fmt.Printf("wrote and read %d bytes, crc32 %08x %08x\n", total, wsum.Sum32(), rsum.Sum32())
}
