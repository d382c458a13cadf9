// fannkuch: the fannkuch-redux benchmark (Benchmarks Game): for every permutation of
// 1..n, flip the prefix whose length is the first element until a 1 comes first; report
// a checksum over the flip counts and the largest count. Small arrays, tight integer
// loops and bounds checks.
//
// Usage: fannkuch [n]   (default 11)
package main

import (
	"fmt"

	"pogobench/internal/arg"
)

// fannkuch walks the permutations in the order the count-array method produces them
// (each one a rotation of a prefix of the previous) and returns the checksum (flip
// counts added for even-numbered permutations, subtracted for odd) and the maximum.
func fannkuch(n int) (checksum, maxFlips int) {
	perm := make([]int, n)  // the current permutation
	flip := make([]int, n)  // scratch copy that gets flipped
	count := make([]int, n) // rotation counters
	for i := range perm {
		perm[i] = i
	}
	for index := 0; ; index++ {
		if perm[0] != 0 {
			copy(flip, perm)
			flips := 0
			for first := flip[0]; first != 0; first = flip[0] {
				for i, j := 0, first; i < j; i, j = i+1, j-1 {
					flip[i], flip[j] = flip[j], flip[i]
				}
				flips++
			}
			if flips > maxFlips {
				maxFlips = flips
			}
			if index%2 == 0 {
				checksum += flips
			} else {
				checksum -= flips
			}
		}
		// next permutation: rotate the first r+1 elements left until a counter does
		// not wrap
		r := 1
		for ; r < n; r++ {
			first := perm[0]
			copy(perm[:r], perm[1:r+1])
			perm[r] = first
			count[r]++
			if count[r] <= r {
				break
			}
			count[r] = 0
		}
		if r >= n {
			return
		}
	}
}

func main() {
	n := arg.Int(1, 11, "[n]")
	if n < 1 {
		n = 1
	}
	checksum, maxFlips := fannkuch(n)
	fmt.Printf("%d\nPfannkuchen(%d) = %d\n", checksum, n, maxFlips)
}
