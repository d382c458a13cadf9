// sort_search: sort.Ints/Strings/Float64s, sort.Slice and SliceStable with
// multi-key comparisons, a custom sort.Interface, sort.Reverse, binary
// search, and a generic insertion sort (type parameters, Go 1.18).
package main

import (
	"fmt"
	"math"
	"sort"
	"strings"
)

type person struct {
	name string
	age  int
}

type byAge []person

func (a byAge) Len() int           { return len(a) }
func (a byAge) Swap(i, j int)      { a[i], a[j] = a[j], a[i] }
func (a byAge) Less(i, j int) bool { return a[i].age < a[j].age }

type Ordered interface {
	~int | ~int64 | ~float64 | ~string
}

func insertionSort[T Ordered](s []T) []T {
	out := append([]T(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func Map[T, U any](s []T, f func(T) U) []U {
	r := make([]U, len(s))
	for i, v := range s {
		r[i] = f(v)
	}
	return r
}

func main() {
	ints := []int{5, 2, 8, -1, 9, 0, 2, 100, -50}
	sort.Ints(ints)
	fmt.Println(ints, sort.IntsAreSorted(ints), sort.SearchInts(ints, 8), sort.SearchInts(ints, 3))
	strs := []string{"banana", "Apple", "cherry", "apple", "", "Banana", "éclair", "zebra"}
	sort.Strings(strs)
	fmt.Printf("%q\n", strs)
	fl := []float64{3.5, math.Inf(-1), -0.0, 2, math.NaN(), 1e-300, math.Inf(1)}
	sort.Float64s(fl)
	fmt.Println(fl)

	people := []person{{"alice", 30}, {"bob", 25}, {"carol", 30}, {"dave", 25}, {"eve", 35}, {"frank", 30}}
	sort.SliceStable(people, func(i, j int) bool { return people[i].age < people[j].age })
	fmt.Println(people)
	sort.Slice(people, func(i, j int) bool {
		if people[i].age != people[j].age {
			return people[i].age > people[j].age
		}
		return people[i].name < people[j].name
	})
	fmt.Println(people)
	sort.Stable(byAge(people))
	fmt.Println(people)
	sort.Sort(sort.Reverse(sort.StringSlice(strs)))
	fmt.Printf("%q\n", strs)

	// a large sort with a checksum of the order
	big := make([]int, 200000)
	x := uint32(12345)
	for i := range big {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		big[i] = int(x % 1000000)
	}
	sort.Ints(big)
	cs := 0
	for i, v := range big {
		cs = (cs*31 + v*(i%7+1)) % 1000000007
	}
	fmt.Println("big sorted:", sort.IntsAreSorted(big), big[0], big[len(big)-1], cs)
	idx := sort.Search(len(big), func(i int) bool { return big[i] >= 500000 })
	fmt.Println("first >= 500000 at", idx)

	words := strings.Fields("to be or not to be that is the question")
	sort.Slice(words, func(i, j int) bool {
		if len(words[i]) != len(words[j]) {
			return len(words[i]) < len(words[j])
		}
		return words[i] < words[j]
	})
	fmt.Println(words)
	fmt.Println(insertionSort([]float64{3, 1, 2}), insertionSort([]string{"b", "c", "a"}), Map([]int{1, 2, 3}, func(i int) string { return strings.Repeat("*", i) }))
}
