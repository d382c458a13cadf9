// big_math: math/big Int factorial of 500, Fibonacci 1000 and 10000
// (digit count and sum), GCD/ModInverse/Exp/ProbablyPrime, big.Rat
// arithmetic, big.Float with fixed precision, and Int string conversions.
package main

import (
	"fmt"
	"math/big"
)

func main() {
	f := big.NewInt(1)
	for i := int64(2); i <= 500; i++ {
		f.Mul(f, big.NewInt(i))
	}
	fs := f.String()
	fmt.Println("500! has", len(fs), "digits")
	fmt.Println(fs)
	ds := 0
	for _, c := range fs {
		ds += int(c - '0')
	}
	fmt.Println("digit sum:", ds, "bitlen:", f.BitLen(), "trailing zeros bits:", f.TrailingZeroBits())

	fib := func(n int) *big.Int {
		a, b := big.NewInt(0), big.NewInt(1)
		for i := 0; i < n; i++ {
			a.Add(a, b)
			a, b = b, a
		}
		return a
	}
	f1000 := fib(1000)
	fmt.Println("fib(1000) =", f1000)
	f10k := fib(10000).String()
	fmt.Println("fib(10000): digits", len(f10k), "head", f10k[:20], "tail", f10k[len(f10k)-20:])

	// number theory
	a, _ := new(big.Int).SetString("123456789012345678901234567890", 10)
	b, _ := new(big.Int).SetString("987654321098765432109876543210", 10)
	g := new(big.Int).GCD(nil, nil, a, b)
	fmt.Println("gcd:", g, "a*b:", new(big.Int).Mul(a, b), "b/a:", new(big.Int).Quo(b, a), "b%a:", new(big.Int).Rem(b, a))
	m := big.NewInt(1000000007)
	fmt.Println("2^1000 mod p:", new(big.Int).Exp(big.NewInt(2), big.NewInt(1000), m), "inverse of 12345:", new(big.Int).ModInverse(big.NewInt(12345), m))
	mersenne := new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 127), big.NewInt(1))
	fmt.Println("2^127-1 prime:", mersenne.ProbablyPrime(20), "2^128+1 prime:", new(big.Int).Add(new(big.Int).Lsh(big.NewInt(1), 128), big.NewInt(1)).ProbablyPrime(20))
	fmt.Println("hex:", mersenne.Text(16), "base36:", mersenne.Text(36), "neg:", new(big.Int).Neg(a), "sqrt:", new(big.Int).Sqrt(b))
	x, ok := new(big.Int).SetString("-0x1fffffffffffffffffff", 0)
	fmt.Println(x, ok, x.Sign(), x.Cmp(a), fmt.Sprintf("%x %X %o %b", big.NewInt(255), big.NewInt(255), big.NewInt(8), big.NewInt(5)))
	_, ok = new(big.Int).SetString("12z", 10)
	fmt.Println("bad parse ok:", ok)

	// rationals
	r := new(big.Rat)
	for i := int64(1); i <= 20; i++ {
		r.Add(r, big.NewRat(1, i))
	}
	fmt.Println("H(20) =", r, "≈", r.FloatString(15))
	q := big.NewRat(-3, 9)
	fmt.Println(q, q.Num(), q.Denom(), new(big.Rat).Mul(q, big.NewRat(9, 2)), q.Cmp(big.NewRat(-1, 3)))

	// floats with explicit precision
	pf := new(big.Float).SetPrec(200).SetInt64(2)
	sq := new(big.Float).SetPrec(200).Sqrt(pf)
	fmt.Println("sqrt(2) =", sq.Text('f', 50))
	third := new(big.Float).SetPrec(100).Quo(big.NewFloat(1), big.NewFloat(3))
	fmt.Println("1/3 =", third.Text('g', 25), third.Prec(), third.MinPrec())
	e := new(big.Float).SetPrec(300).SetInt64(1)
	term := new(big.Float).SetPrec(300).SetInt64(1)
	for i := int64(1); i < 80; i++ {
		term.Quo(term, new(big.Float).SetInt64(i))
		e.Add(e, term)
	}
	fmt.Println("e =", e.Text('f', 60))
}
