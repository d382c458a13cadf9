// spectralnorm: the spectral-norm benchmark (Benchmarks Game): the largest singular
// value of the infinite matrix A(i,j) = 1/((i+j)(i+j+1)/2+i+1), truncated to n x n, by
// ten steps of the power method on A^T A. Float division and nested loops.
//
// Usage: spectralnorm [n]   (default 5000)
package main

import (
	"fmt"
	"math"

	"pogobench/internal/arg"
)

func a(i, j int) float64 { return 1 / float64((i+j)*(i+j+1)/2+i+1) }

// mulAv sets out = A v.
func mulAv(v, out []float64) {
	for i := range out {
		s := 0.0
		for j, x := range v {
			s += a(i, j) * x
		}
		out[i] = s
	}
}

// mulAtv sets out = A^T v.
func mulAtv(v, out []float64) {
	for i := range out {
		s := 0.0
		for j, x := range v {
			s += a(j, i) * x
		}
		out[i] = s
	}
}

// mulAtAv sets out = A^T A v, using tmp.
func mulAtAv(v, out, tmp []float64) {
	mulAv(v, tmp)
	mulAtv(tmp, out)
}

func main() {
	n := arg.Int(1, 5000, "[n]")
	u := make([]float64, n)
	v := make([]float64, n)
	tmp := make([]float64, n)
	for i := range u {
		u[i] = 1
	}
	for i := 0; i < 10; i++ {
		mulAtAv(u, v, tmp)
		mulAtAv(v, u, tmp)
	}
	var vBv, vv float64
	for i := range v {
		vBv += u[i] * v[i]
		vv += v[i] * v[i]
	}
	fmt.Printf("%.9f\n", math.Sqrt(vBv/vv))
}
