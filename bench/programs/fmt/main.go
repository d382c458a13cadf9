// fmt: print lines with fmt.Printf to standard output (which the harness sends to
// /dev/null): formatting with reflection, and the cost of a write per line through the
// host (a WASI fd_write, or a JS fs.writeSync). The checksum goes to standard error.
//
// Usage: fmt [lines]   (default 1,000,000)
package main

import (
	"fmt"
	"os"

	"pogobench/internal/arg"
)

type point struct {
	X, Y int
	Name string
}

func main() {
	n := arg.Int(1, 1000000, "[lines]")
	total := 0
	for i := 0; i < n; i++ {
		var k int
		switch i % 3 {
		case 0:
			k, _ = fmt.Printf("line %d: %x %08.3f %q\n", i, i*7919, float64(i)/7, "text")
		case 1:
			k, _ = fmt.Printf("%v %+v\n", point{i, -i, "p"}, []int{i, i + 1})
		default:
			k, _ = fmt.Printf("%-10s|%10d|%t\n", "row", i, i%2 == 0)
		}
		total += k
	}
	fmt.Fprintf(os.Stderr, "%d lines, %d bytes\n", n, total)
}
