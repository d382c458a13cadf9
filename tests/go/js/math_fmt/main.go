// math_fmt: math functions printed with fixed precision, special values
// (Inf, NaN, -0, denormals), float32 rounding, integer overflow wrap,
// math/bits, and float<->int conversions (incl. saturating edge cases
// that Go defines only through its own code paths).
package main

import (
	"fmt"
	"math"
	"math/bits"
	"math/cmplx"
)

func main() {
	xs := []float64{0, 0.5, 1, 2, math.Pi, 10, 100.25, -3.7}
	for _, x := range xs {
		fmt.Printf("x=%8.4f sqrt=%.6f exp=%.6e log=%.6f sin=%.6f cos=%.6f tan=%.6f atan=%.6f cbrt=%.6f floor=%v ceil=%v trunc=%v round=%v\n",
			x, math.Sqrt(x), math.Exp(x), math.Log(x), math.Sin(x), math.Cos(x), math.Tan(x), math.Atan(x), math.Cbrt(x), math.Floor(x), math.Ceil(x), math.Trunc(x), math.Round(x))
	}
	fmt.Printf("pow: %.6f %.6f %v %v %v\n", math.Pow(2, 0.5), math.Pow(10, -3), math.Pow(0, -1), math.Pow(-8, 1.0/3), math.Pow(2, 1023))
	fmt.Printf("hypot %.6f atan2 %.6f %.6f mod %.6f remainder %.6f\n", math.Hypot(3, 4), math.Atan2(1, -1), math.Atan2(-0.0, -1), math.Mod(7.5, 2), math.Remainder(7.5, 2))
	fmt.Printf("log2 %.6f log10 %.6f log1p %.10f expm1 %.10f\n", math.Log2(1024), math.Log10(0.001), math.Log1p(1e-10), math.Expm1(1e-10))
	fmt.Printf("sinh %.6f cosh %.6f tanh %.6f asinh %.6f gamma %.6f erf %.6f j0 %.6f\n", math.Sinh(1), math.Cosh(1), math.Tanh(1), math.Asinh(1), math.Gamma(5.5), math.Erf(0.5), math.J0(2))
	lg, sign := math.Lgamma(-2.5)
	fr, exp := math.Frexp(48)
	ip, fp := math.Modf(-3.25)
	fmt.Printf("lgamma %.6f %d frexp %v %d modf %v %v ldexp %v\n", lg, sign, fr, exp, ip, fp, math.Ldexp(0.75, 6))

	inf, nan, negz := math.Inf(1), math.NaN(), math.Copysign(0, -1)
	fmt.Println(inf, -inf, nan, negz, 1/negz, math.Signbit(negz), nan == nan, math.IsNaN(nan), math.IsInf(-inf, -1))
	fmt.Println(math.MaxFloat64, math.SmallestNonzeroFloat64, math.MaxFloat32, math.SmallestNonzeroFloat32)
	fmt.Println(math.MaxInt64, math.MinInt64, uint64(math.MaxUint64), math.MaxInt32, math.MinInt8)
	fmt.Println(math.Max(nan, 1), math.Min(negz, 0), math.Max(-0.0, negz), math.Abs(-inf), math.Sqrt(-1), math.Log(-1), math.Log(0))
	fmt.Println(math.Float64bits(1.5), math.Float32bits(-2.25), math.Float64frombits(0x7ff8000000000001) != math.Float64frombits(0x7ff8000000000001), math.Nextafter(1, 2), math.Nextafter32(1, 0))
	fmt.Printf("%.20f %.20f\n", 0.1+0.2, float32(0.1)+float32(0.2))
	var f32 float32 = 16777216
	big64 := 1e39
	fmt.Println(f32+1 == f32, float32(big64), float32(-big64), float32(1.0000001), float64(float32(3.3)))

	// denormals
	d := math.SmallestNonzeroFloat64
	fmt.Println(d/2, d*2, d*(1<<52), math.Float64bits(d*3))

	// integer wrap and division semantics
	var i8 int8 = 127
	i8++
	var u8 uint8 = 0
	u8--
	var i32 int32 = math.MinInt32
	fmt.Println(i8, u8, -i32, i32/-1+0, -7/2, -7%2, 7%-2, -7>>1, uint32(1)<<31, int64(1)<<62*int64(len(xs)/2))
	a, b := int64(math.MinInt64), int64(-1)
	fmt.Println(a/b, a%b, uint64(a)>>63, a>>63)

	// float -> int conversions with in-range values
	for _, v := range []float64{1.9, -1.9, 2.5, -2.5, 1e15 + 0.5, 4294967295.9} {
		fmt.Print(int64(v), " ", int32(int64(v)), " ", uint32(int64(v)), "; ")
	}
	fmt.Println()
	w := 300
	fmt.Println(uint8(w), int8(-w), uint16(-w), uint64(float64(1<<63)), int64(float32(1<<40)))

	// bits
	x := uint64(0x00F0_0000_0000_1000)
	fmt.Println(bits.LeadingZeros64(x), bits.TrailingZeros64(x), bits.OnesCount64(x), bits.Len64(x), bits.Reverse8(0x12), bits.RotateLeft32(0x80000001, 1), bits.ReverseBytes32(0x01020304))
	hi, lo := bits.Mul64(1<<63, 6)
	sum, carry := bits.Add64(math.MaxUint64, 2, 0)
	q, r := bits.Div64(1, 0, 3)
	fmt.Println(hi, lo, sum, carry, q, r)

	// complex
	c := complex(3, 4)
	fmt.Printf("%.4f %.4f %.4f %.4f\n", cmplx.Abs(c), cmplx.Sqrt(-1), cmplx.Exp(complex(0, math.Pi)), c*c/complex(1, 1))

	// a small numeric computation: trapezoid integral of sin on [0, pi]
	n := 100000
	h := math.Pi / float64(n)
	s := (math.Sin(0) + math.Sin(math.Pi)) / 2
	for i := 1; i < n; i++ {
		s += math.Sin(float64(i) * h)
	}
	fmt.Printf("integral %.12f\n", s*h)
	// FMA and rounding-sensitive sum
	fmt.Println(math.FMA(0.1, 10, -1), 0.1*10-1)
	kahan := 0.0
	comp := 0.0
	for i := 0; i < 1000000; i++ {
		y := 0.1 - comp
		t := kahan + y
		comp = (t - kahan) - y
		kahan = t
	}
	naive := 0.0
	for i := 0; i < 1000000; i++ {
		naive += 0.1
	}
	fmt.Printf("kahan %.10f naive %.10f\n", kahan, naive)
}
