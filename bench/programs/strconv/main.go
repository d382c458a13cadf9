// strconv: build strings with strings.Builder from numbers formatted by strconv, then
// parse them back: integer and float formatting and parsing, string growth.
//
// Usage: strconv [n]   (default 5,000,000 numbers)
package main

import (
	"fmt"
	"strconv"
	"strings"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

func main() {
	n := arg.Int(1, 5000000, "[n]")
	r := rng.New(3)
	var b strings.Builder
	for i := 0; i < n; i++ {
		v := int64(r.Uint64())
		switch i % 4 {
		case 0:
			b.WriteString(strconv.FormatInt(v, 10))
		case 1:
			b.WriteString(strconv.FormatInt(v>>40, 16))
		case 2:
			b.WriteString(strconv.FormatFloat(float64(v>>11)/(1<<20), 'g', -1, 64))
		default:
			b.WriteString(strconv.Quote(strconv.Itoa(int(v & 0xffff))))
		}
		b.WriteByte(' ')
	}
	s := b.String()
	var isum int64
	var fsum float64
	fields := strings.Fields(s)
	for i, f := range fields {
		switch i % 4 {
		case 0:
			v, _ := strconv.ParseInt(f, 10, 64)
			isum += v
		case 1:
			v, _ := strconv.ParseInt(f, 16, 64)
			isum += v
		case 2:
			v, _ := strconv.ParseFloat(f, 64)
			fsum += v
		default:
			u, _ := strconv.Unquote(f)
			v, _ := strconv.Atoi(u)
			isum += int64(v)
		}
	}
	fmt.Printf("%d bytes, %d fields, int sum %d, float sum %.6e\n", len(s), len(fields), isum, fsum)
}
