// json: encode a slice of records with encoding/json and decode it back, several
// times: reflection, allocation, string escaping and number parsing.
//
// Usage: json [rounds]   (default 50 round trips of 5,000 records)
package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"strconv"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

type address struct {
	Street string `json:"street"`
	City   string `json:"city"`
	Zip    int    `json:"zip"`
}

type record struct {
	ID      int               `json:"id"`
	Name    string            `json:"name"`
	Email   string            `json:"email,omitempty"`
	Score   float64           `json:"score"`
	Active  bool              `json:"active"`
	Tags    []string          `json:"tags"`
	Address address           `json:"address"`
	Extra   map[string]string `json:"extra,omitempty"`
}

func records(n int) []record {
	r := rng.New(11)
	out := make([]record, n)
	for i := range out {
		id := r.Intn(1 << 30)
		rec := record{
			ID:     id,
			Name:   "name \"" + strconv.Itoa(id) + "\"\t<é>",
			Score:  float64(r.Intn(1000000)) / 1000,
			Active: i%3 == 0,
			Tags:   []string{"a", strconv.Itoa(i % 17), "ünïcode"},
			Address: address{Street: strconv.Itoa(i) + " Main St", City: "Springfield",
				Zip: 10000 + r.Intn(89999)},
		}
		if i%2 == 0 {
			rec.Email = "user" + strconv.Itoa(i) + "@example.org"
		}
		if i%5 == 0 {
			rec.Extra = map[string]string{"k": strconv.Itoa(i), "note": "x&y"}
		}
		out[i] = rec
	}
	return out
}

func main() {
	rounds := arg.Int(1, 50, "[rounds]")
	data := records(5000)
	var last []byte
	total := 0
	for k := 0; k < rounds; k++ {
		b, err := json.Marshal(data)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var back []record
		if err := json.Unmarshal(b, &back); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		data = back
		data[k%len(data)].Score += 1 // each round encodes something new
		total += len(b)
		last = b
	}
	fmt.Printf("%d bytes encoded, last sha256 %x\n", total, sha256.Sum256(last))
}
