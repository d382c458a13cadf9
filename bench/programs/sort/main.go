// sort: sort 1M pseudo-random ints with the standard library, several rounds, checking
// the order and summing a sample. Comparisons, swaps and a generic (slices.Sort) and an
// interface-based (sort.Sort) sort side by side.
//
// Usage: sort [rounds] [n]   (default 16 rounds of 1,000,000 ints; half the rounds
// use slices.Sort, half sort.Sort)
package main

import (
	"fmt"
	"slices"
	"sort"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

func main() {
	rounds := arg.Int(1, 16, "[rounds] [n]")
	n := arg.Int(2, 1000000, "[rounds] [n]")
	r := rng.New(1)
	xs := make([]int, n)
	sum := 0
	for k := 0; k < rounds; k++ {
		for i := range xs {
			xs[i] = int(r.Uint64() >> 1)
		}
		if k%2 == 0 {
			slices.Sort(xs)
		} else {
			sort.Sort(sort.IntSlice(xs))
		}
		if !sort.IntsAreSorted(xs) {
			fmt.Println("not sorted")
			return
		}
		for i := 0; i < n; i += 997 {
			sum += xs[i] & 0xffff
		}
	}
	fmt.Printf("%d rounds of %d: sample sum %d\n", rounds, n, sum)
}
