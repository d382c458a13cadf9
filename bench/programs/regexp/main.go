// regexp: Go's regexp engine over generated text: counting matches of alternations and
// classes, extracting submatches, and replacing (in the spirit of the Benchmarks Game's
// regex-redux, on a log-like text instead of DNA).
//
// Usage: regexp [kilobytes]   (default 4,000 KB of text)
package main

import (
	"fmt"
	"regexp"
	"strings"

	"pogobench/internal/arg"
	"pogobench/internal/rng"
)

var words = []string{"alpha", "beta", "gamma", "delta", "error", "warning", "info", "user", "admin",
	"GET", "POST", "/index.html", "/api/v1/items", "timeout", "ok"}

func text(kb int) string {
	r := rng.New(9)
	var b strings.Builder
	for line := 0; b.Len() < kb*1024; line++ {
		fmt.Fprintf(&b, "%04d-%02d-%02d %02d:%02d:%02d ", 2000+r.Intn(30), 1+r.Intn(12), 1+r.Intn(28),
			r.Intn(24), r.Intn(60), r.Intn(60))
		for w := 3 + r.Intn(8); w > 0; w-- {
			b.WriteString(words[r.Intn(len(words))])
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "ip=%d.%d.%d.%d id=%x\n", r.Intn(256), r.Intn(256), r.Intn(256), r.Intn(256), r.Uint64()>>40)
	}
	return b.String()
}

func main() {
	kb := arg.Int(1, 4000, "[kilobytes]")
	s := text(kb)
	counts := []string{
		`error|warning`,
		`\b(GET|POST) /api/v[0-9]+/\w+`,
		`ip=(25[0-5]|2[0-4][0-9])\.`,
		`(?i)ADMIN\s+(timeout|ok)`,
		`[a-f]{5,}`,
	}
	for _, p := range counts {
		fmt.Printf("%-32s %d\n", p, len(regexp.MustCompile(p).FindAllStringIndex(s, -1)))
	}
	dates := regexp.MustCompile(`(\d{4})-(\d{2})-(\d{2})`)
	years := 0
	for _, m := range dates.FindAllStringSubmatch(s, -1) {
		if m[2] == "02" {
			years++
		}
	}
	fmt.Println("february lines:", years)
	out := regexp.MustCompile(`id=[0-9a-f]+`).ReplaceAllString(s, "id=<>")
	out = regexp.MustCompile(`(alpha|beta) (gamma|delta)`).ReplaceAllString(out, "$2-$1")
	fmt.Println("length after replacing:", len(s), "->", len(out))
}
