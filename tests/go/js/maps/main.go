// maps: insert/update/delete/lookup, len, iteration with sorted output,
// maps of structs and slices, struct and array keys, float keys (NaN and
// -0), large maps with growth, and clearing during iteration.
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

type key struct {
	a int
	b string
}

func sortedKeys(m map[string]int) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func main() {
	m := map[string]int{}
	words := strings.Fields("the cat sat on the mat and the dog sat on the log")
	for _, w := range words {
		m[w]++
	}
	for _, k := range sortedKeys(m) {
		fmt.Printf("%s=%d ", k, m[k])
	}
	fmt.Println("| len", len(m))
	delete(m, "the")
	delete(m, "absent")
	v, ok := m["the"]
	fmt.Println("after delete:", v, ok, len(m))

	// struct keys and array keys
	sk := map[key][]int{}
	sk[key{1, "x"}] = append(sk[key{1, "x"}], 1, 2)
	sk[key{1, "x"}] = append(sk[key{1, "x"}], 3)
	sk[key{2, "y"}] = nil
	fmt.Println(len(sk), sk[key{1, "x"}], sk[key{2, "y"}] == nil)
	ak := map[[2]int]string{{1, 2}: "a", {2, 1}: "b"}
	fmt.Println(ak[[2]int{1, 2}], ak[[2]int{2, 1}], ak[[2]int{0, 0}] == "")

	// float keys: NaN never equals itself, -0 == +0
	fk := map[float64]int{}
	fk[math.NaN()] = 1
	fk[math.NaN()] = 2
	fk[0.0] = 3
	fk[math.Copysign(0, -1)] = 4
	fmt.Println("float map len:", len(fk), "zero:", fk[0])

	// interface keys
	ik := map[interface{}]string{1: "int", "1": "string", 1.0: "float", true: "bool", key{1, "k"}: "struct"}
	fmt.Println(ik[1], ik["1"], ik[1.0], ik[true], ik[key{1, "k"}], len(ik))
	func() {
		defer func() { fmt.Println("unhashable:", recover()) }()
		ik[[]int{1}] = "slice"
	}()

	// big map growth and shrink
	big := make(map[int]int)
	for i := 0; i < 100000; i++ {
		big[i*7919%100003] = i
	}
	sum := 0
	for k, v := range big {
		sum += k ^ v
	}
	fmt.Println("big:", len(big), sum)
	for k := range big {
		if k%2 == 0 {
			delete(big, k)
		}
	}
	fmt.Println("after deleting evens:", len(big))

	// fmt prints maps sorted
	fmt.Println(map[string]int{"z": 26, "a": 1, "m": 13})
	fmt.Println(map[int]bool{5: true, -1: false, 3: true})

	// nested maps
	nest := map[string]map[string]int{}
	for _, p := range []string{"a/x", "a/y", "b/x", "a/x"} {
		parts := strings.Split(p, "/")
		if nest[parts[0]] == nil {
			nest[parts[0]] = map[string]int{}
		}
		nest[parts[0]][parts[1]]++
	}
	fmt.Println(nest)

	// map of funcs
	ops := map[string]func(int, int) int{
		"add": func(a, b int) int { return a + b },
		"mul": func(a, b int) int { return a * b },
	}
	fmt.Println(ops["add"](3, 4), ops["mul"](3, 4), ops["sub"] == nil)

	// iteration visits every key once even while deleting
	it := map[int]bool{}
	for i := 0; i < 1000; i++ {
		it[i] = true
	}
	seen := 0
	for k := range it {
		delete(it, k)
		seen++
	}
	fmt.Println("seen while deleting:", seen, len(it))
	// map value copies
	type pt struct{ x, y int }
	pm := map[string]pt{"p": {1, 2}}
	p := pm["p"]
	p.x = 100
	fmt.Println(pm["p"], p)
}
