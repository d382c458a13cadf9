// fmt_verbs: printf verbs, flags, widths and precisions; %v/%+v/%#v of
// structs, pointers-free composites, maps (printed sorted by fmt) and slices.
package main

import (
	"errors"
	"fmt"
	"os"
)

type Point struct {
	X, Y int
	Name string
}

type Temp float64

func (t Temp) String() string { return fmt.Sprintf("%.1f°C", float64(t)) }

type Inner struct {
	A []int
	M map[string]int
}

type Outer struct {
	P     Point
	In    Inner
	Flags [3]bool
	Any   interface{}
	Err   error
	Bytes []byte
}

func main() {
	// integers
	for _, n := range []int{0, 7, -42, 255, 65535, -2147483648} {
		fmt.Printf("|%d|%5d|%-5d|%05d|%+d|%x|%X|%#x|%o|%#o|%b|%c|%q|%U|\n",
			n, n, n, n, n, n, n, n, n, n, n&0xff, n&0x7f+32, n&0xffff, n&0xffff)
	}
	var u64 uint64 = 1<<64 - 1
	var i8 int8 = -128
	fmt.Printf("%d %x %d %v %T %T\n", u64, u64, i8, i8, u64, i8)

	// floats
	for _, f := range []float64{0, 1, -1.5, 3.14159265358979, 1e21, 1e-7, 123456789.125, 2.5e-300} {
		fmt.Printf("|%v|%f|%.2f|%8.3f|%-10.1e|%E|%g|%G|%.3g|%x|\n", f, f, f, f, f, f, f, f, f, f)
	}
	var f32 float32 = 0.1
	fmt.Println(f32, float64(f32), 1.0/3.0, float32(1.0)/3)
	fmt.Printf("%v %.0f %.0f %.0f %.0f\n", 2.0/3.0, 0.5, 1.5, 2.5, -0.5)
	fmt.Printf("%6.2f%%\n", 99.5)
	fmt.Printf("%v %v\n", complex(1, -2), complex64(complex(0.5, 0.25)))

	// strings and bytes
	s := "héllo, 世界\t\"q\""
	fmt.Printf("|%s|%q|%+q|%x|% x|%X|%10.3s|%-10s|%#q|\n", s, s, s, "hi", "hi", []byte("ok"), s, "left", "back`tick")
	fmt.Printf("%s %v %q\n", []byte("bytes"), []byte("ab"), []string{"a", "b c"})
	fmt.Printf("%t %v %5t|\n", true, false, true)

	// composites
	p := Point{1, -2, "pt"}
	fmt.Printf("%v\n%+v\n%#v\n%T\n", p, p, p, p)
	o := Outer{
		P:     p,
		In:    Inner{A: []int{3, 1, 2}, M: map[string]int{"zeta": 26, "alpha": 1, "mid": 13}},
		Flags: [3]bool{true, false, true},
		Any:   Temp(21.5),
		Err:   errors.New("boom"),
		Bytes: []byte{0, 1, 255},
	}
	fmt.Printf("%v\n%+v\n", o, o)
	fmt.Printf("%#v\n", o.In)
	m := map[int]string{3: "c", 1: "a", 2: "b", -5: "neg"}
	fmt.Println(m)
	fmt.Printf("%v %d %#v\n", m, map[string]int{"b": 2, "a": 1}, map[string]bool{"y": true, "x": false})
	nested := map[string][]map[string]int{"k2": {{"b": 2, "a": 1}}, "k1": nil}
	fmt.Println(nested)
	fmt.Printf("%v %v %v\n", []interface{}{1, "two", 3.0, nil, []int{4}}, [2][2]int{{1, 2}, {3, 4}}, struct{}{})
	var nilp *Point
	var nile error
	fmt.Printf("%v %v %+v %d\n", nilp, nile, []*int(nil), []int(nil))
	fmt.Printf("%v %s\n", Temp(-3.25), Temp(100))
	fmt.Printf("%6.2v|%-8v|%08.3f|%+.1e\n", 3.14159, "x", -3.14159, 12345.678)
	fmt.Printf("%*d|%-*d|%.*f\n", 6, 42, 6, 42, 2, 3.14159)
	fmt.Printf("%!|%z|%d\n", 1) // bad verbs and missing args
	fmt.Printf("%d %d\n", 1, 2, 3)
	fmt.Printf("%[2]d %[1]d %d\n", 10, 20)
	fmt.Println(fmt.Sprint("a", 1, 2, "b", "c", 3.5, nil))
	fmt.Println(fmt.Sprintln("x", 1) == "x 1\n")
	n, err := fmt.Fprintf(os.Stderr, "stderr %s %d\n", "line", 7)
	fmt.Println(n, err)
	var sc1, sc2 int
	var sw string
	k, err := fmt.Sscanf("12 34 word", "%d %d %s", &sc1, &sc2, &sw)
	fmt.Println(k, err, sc1+sc2, sw)
}
