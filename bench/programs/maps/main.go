// maps: insert, look up and delete in Go maps with int and string keys. Hashing,
// bucket growth and memory traffic.
//
// Usage: maps [n]   (default 300,000 keys; each round inserts n, looks up 2n and
// deletes half, for int keys and then for string keys, 3 rounds)
package main

import (
	"fmt"
	"strconv"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

func intKeys(n int, r *rng.Rng) int {
	m := make(map[int]int)
	for i := 0; i < n; i++ {
		m[int(r.Uint64()%uint64(4*n))] += i
	}
	hits := 0
	for i := 0; i < 2*n; i++ {
		if v, ok := m[int(r.Uint64()%uint64(4*n))]; ok {
			hits += 1 + v&1
		}
	}
	for k := range m {
		if k%2 == 0 {
			delete(m, k)
		}
	}
	return hits + len(m)
}

func stringKeys(n int, r *rng.Rng) int {
	m := make(map[string]int, n/4)
	keys := make([]string, n)
	for i := range keys {
		keys[i] = "key-" + strconv.Itoa(r.Intn(4*n))
	}
	for i, k := range keys {
		m[k] = i
	}
	hits := 0
	for i := 0; i < 2*n; i++ {
		if v, ok := m[keys[r.Intn(n)][:4]+strconv.Itoa(r.Intn(4*n))]; ok {
			hits += 1 + v&1
		}
	}
	for i := 0; i < n; i += 2 {
		delete(m, keys[i])
	}
	return hits + len(m)
}

func main() {
	n := arg.Int(1, 300000, "[n]")
	if n < 1 {
		n = 1
	}
	r := rng.New(7)
	total := 0
	for round := 0; round < 3; round++ {
		total += intKeys(n, r)
		total += stringKeys(n, r)
	}
	fmt.Println("maps:", total)
}
