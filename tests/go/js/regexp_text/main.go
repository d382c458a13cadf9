// regexp_text: compile, match, find (all, submatch, index), named groups,
// replace with templates and funcs, split, longest-match, anchors, unicode
// classes, and compile errors.
package main

import (
	"fmt"
	"regexp"
	"strings"
)

func main() {
	re := regexp.MustCompile(`(\w+)@(\w+)\.(com|org)`)
	text := "contact: alice@example.com, bob@test.org; carol@nowhere.net"
	fmt.Println(re.MatchString(text), re.FindString(text), re.FindStringIndex(text))
	fmt.Println(re.FindAllString(text, -1))
	fmt.Printf("%q\n", re.FindAllStringSubmatch(text, -1))
	fmt.Println(re.FindAllStringSubmatchIndex(text, -1))
	fmt.Println(re.ReplaceAllString(text, "<$2:$1>"), re.NumSubexp())

	named := regexp.MustCompile(`(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})`)
	m := named.FindStringSubmatch("date: 2024-02-29!")
	for i, n := range named.SubexpNames() {
		if n != "" {
			fmt.Printf("%s=%s ", n, m[i])
		}
	}
	fmt.Println(named.SubexpIndex("month"))
	fmt.Println(named.ReplaceAllString("2024-02-29 and 1999-12-31", "${day}/${month}/${year}"))
	tmpl := []byte{}
	for _, sm := range named.FindAllStringSubmatchIndex("x 2001-01-02 y 2002-03-04", -1) {
		tmpl = named.ExpandString(tmpl, "[$year]", "x 2001-01-02 y 2002-03-04", sm)
	}
	fmt.Println(string(tmpl))

	up := regexp.MustCompile(`\b[a-z]`)
	fmt.Println(up.ReplaceAllStringFunc("the quick brown fox", strings.ToUpper))
	fmt.Println(regexp.MustCompile(`\s*[,;]\s*`).Split("a , b;c ;  d", -1))
	fmt.Println(regexp.MustCompile(`a*`).ReplaceAllString("baaac", "X"))
	fmt.Println(regexp.MustCompile(`x*`).FindAllStringIndex("axxb", -1))

	// leftmost-first vs leftmost-longest
	alt := regexp.MustCompile(`a|ab`)
	fmt.Println(alt.FindString("abc"))
	alt.Longest()
	fmt.Println(alt.FindString("abc"))

	// flags, anchors, unicode
	fmt.Println(regexp.MustCompile(`(?i)hello`).FindAllString("Hello HELLO hello", -1))
	fmt.Println(regexp.MustCompile(`(?m)^\w+$`).FindAllString("one\ntwo three\nfour", -1))
	fmt.Println(regexp.MustCompile(`(?s)a.b`).MatchString("a\nb"), regexp.MustCompile(`a.b`).MatchString("a\nb"))
	fmt.Println(regexp.MustCompile(`\p{Han}+`).FindAllString("abc 世界 def 你好", -1), regexp.MustCompile(`\p{Greek}`).FindString("abc λ"))
	fmt.Println(regexp.MustCompile(`[[:upper:]][[:digit:]]{2,3}`).FindAllString("A1 B22 C333 D4444", -1))
	fmt.Println(regexp.QuoteMeta("1+1=2? [yes] (*)"))
	fmt.Println(regexp.MustCompile(`^(\d+)\.(\d+)$`).FindStringSubmatch("3.14"), regexp.MustCompile(`^$`).MatchString(""))

	// catastrophic-looking pattern that RE2 handles linearly
	evil := regexp.MustCompile(`(a+)+$`)
	fmt.Println(evil.MatchString(strings.Repeat("a", 5000) + "b"))

	for _, bad := range []string{`(`, `a**`, `[z-a]`, `\8`, `(?P<n>a)(?P<n>b)`} {
		_, err := regexp.Compile(bad)
		fmt.Println(err)
	}
	fmt.Println(regexp.MustCompile(`a(b)?c`).FindStringSubmatch("ac"), len(regexp.MustCompile(`a(b)?c`).FindStringSubmatch("ac")[1]))
	prefix, complete := regexp.MustCompile(`ab+`).LiteralPrefix()
	fmt.Println(re.String(), prefix, complete)
}
