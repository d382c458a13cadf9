// newer_apis: standard library APIs newer than Go 1.19 (slices, maps, cmp,
// errors.Join, strings.CutPrefix, sync.OnceValue, slices.Max/Min,
// context.WithCancelCause, time.DateOnly). It does not build with Go 1.19
// on purpose: the runner must report it as skipped for that toolchain.
package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"
)

func main() {
	s := []int{5, 2, 8, 2, 9, 1}
	slices.Sort(s)
	i, found := slices.BinarySearch(s, 8)
	fmt.Println(s, slices.Contains(s, 9), slices.Index(s, 2), i, found, slices.Max(s), slices.Min(s))
	s = slices.Compact(s)
	slices.Reverse(s)
	fmt.Println(s, len(s))
	m := map[string]int{"b": 2, "a": 1, "c": 3}
	keys := slices.Sorted(maps.Keys(m))
	fmt.Println(keys, cmp.Compare(1, 2), cmp.Compare("b", "a"))
	type p struct {
		name string
		age  int
	}
	ps := []p{{"x", 3}, {"y", 1}, {"z", 2}}
	slices.SortFunc(ps, func(a, b p) int { return cmp.Compare(a.age, b.age) })
	fmt.Println(ps)

	err := errors.Join(errors.New("first"), nil, errors.New("second"))
	fmt.Printf("%q %v\n", err.Error(), errors.Is(err, err))
	after, ok := strings.CutPrefix("prefix:body", "prefix:")
	fmt.Println(after, ok)
	once := sync.OnceValue(func() int { fmt.Println("computing once"); return 42 })
	fmt.Println(once(), once())
	ctx, cancel := context.WithCancelCause(context.Background())
	cancel(errors.New("custom cause"))
	fmt.Println(ctx.Err(), context.Cause(ctx))
	fmt.Println(time.Date(2024, 5, 6, 7, 8, 9, 0, time.UTC).Format(time.DateTime), time.DateOnly)
}
