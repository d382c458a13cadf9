// bigfact: n! with math/big, by a plain running product and by a product tree, and its
// decimal form: multi-word multiplication (64-bit limbs on wasm32 as everywhere in Go)
// and conversion.
//
// Usage: bigfact [n]   (default 100,000)
package main

import (
	"crypto/sha256"
	"fmt"
	"math/big"

	"pogobench/internal/arg"
)

// tree returns the product of lo..hi by halving the range.
func tree(lo, hi int64) *big.Int {
	if hi-lo < 8 {
		p := big.NewInt(1)
		for k := lo; k <= hi; k++ {
			p.Mul(p, big.NewInt(k))
		}
		return p
	}
	mid := (lo + hi) / 2
	return new(big.Int).Mul(tree(lo, mid), tree(mid+1, hi))
}

func main() {
	n := int64(arg.Int(1, 100000, "[n]"))
	f := big.NewInt(1)
	for k := int64(2); k <= n; k++ {
		f.Mul(f, big.NewInt(k))
	}
	t := tree(1, n)
	if n < 1 {
		t = big.NewInt(1)
	}
	if f.Cmp(t) != 0 {
		fmt.Println("products differ")
		return
	}
	s := f.String()
	fmt.Printf("%d! has %d digits, %d bits; sha256 of the digits %x\n", n, len(s), f.BitLen(),
		sha256.Sum256([]byte(s)))
}
