// strings_unicode: strings, strings.Builder, bytes, strconv (parse/format of
// ints/floats/quotes, errors), unicode classes, utf8 decoding of valid and
// invalid bytes, case mapping, rune iteration.
package main

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

func main() {
	s := "Hello, Wörld! Ünïcödé 世界 🌍"
	fmt.Println(len(s), utf8.RuneCountInString(s), strings.ToUpper(s), strings.ToLower(s))
	fmt.Println(strings.Title("go is fun"), strings.Repeat("ab", 3), strings.Count("cheese", "e"))
	fmt.Println(strings.Split("a,b,,c", ","), len(strings.Split("a,b,,c", ",")), strings.SplitN("a,b,c", ",", 2))
	fmt.Printf("%q\n", strings.Fields("  lots   of\tspace\n here "))
	fmt.Println(strings.Contains(s, "Wörld"), strings.Index(s, "世"), strings.LastIndex("go gopher", "go"), strings.IndexRune(s, '🌍'))
	fmt.Println(strings.Replace("oink oink oink", "k", "ky", 2), strings.ReplaceAll("oink oink", "oink", "moo"))
	fmt.Println(strings.TrimSpace("  x  "), strings.Trim("xxhixx", "x"), strings.TrimLeft("aab", "a"), strings.TrimPrefix("prefix-body", "prefix-"), strings.TrimSuffix("a.go", ".go"))
	fmt.Println(strings.EqualFold("Straße", "STRASSE"), strings.EqualFold("Gö", "GÖ"), strings.Compare("a", "b"))
	fmt.Println(strings.Map(func(r rune) rune {
		if unicode.IsDigit(r) {
			return -1
		}
		return unicode.ToUpper(r)
	}, "a1b2c3ü"))
	r := strings.NewReplacer("<", "&lt;", ">", "&gt;")
	fmt.Println(r.Replace("<b>bold</b>"))

	var sb strings.Builder
	for i := 0; i < 5; i++ {
		fmt.Fprintf(&sb, "%d-", i)
	}
	sb.WriteRune('✓')
	fmt.Println(sb.String(), sb.Len())

	// runes and bytes
	for i, c := range "aé世🌍" {
		fmt.Printf("%d:%c(%d,%U,len %d) ", i, c, c, c, utf8.RuneLen(c))
	}
	fmt.Println()
	bad := string([]byte{'a', 0xff, 0xc3, 'b', 0xe4, 0xb8})
	for i, c := range bad {
		fmt.Printf("%d:%U ", i, c)
	}
	fmt.Println(utf8.ValidString(bad), utf8.ValidString(s))
	fmt.Printf("%q %+q %x\n", bad, bad, bad)
	rs := []rune(s)
	fmt.Println(len(rs), string(rs[7:12]), string(rune(0x1F600)), string(rune(-1)))
	fmt.Println([]byte("é"), string([]byte{0xe2, 0x82, 0xac}))

	// unicode classes
	for _, c := range []rune{'a', 'Z', '5', ' ', '\t', 'é', 'Σ', '世', '!', '٣', 'ǅ'} {
		fmt.Printf("%c L%v U%v l%v D%v N%v S%v P%v T%v|", c, unicode.IsLetter(c), unicode.IsUpper(c), unicode.IsLower(c), unicode.IsDigit(c), unicode.IsNumber(c), unicode.IsSpace(c), unicode.IsPunct(c), unicode.IsTitle(c))
	}
	fmt.Println()
	fmt.Println(string(unicode.ToUpper('ß')), string(unicode.ToLower('Σ')), string(unicode.ToTitle('ǆ')), unicode.In('世', unicode.Han))

	// strconv
	for _, in := range []string{"42", "-17", "0x1f", "1_000", "9223372036854775807", "9223372036854775808", "abc", ""} {
		i, err := strconv.ParseInt(in, 0, 64)
		fmt.Printf("ParseInt(%q) = %d, %v\n", in, i, err)
	}
	for _, in := range []string{"3.14", "1e10", "-0", "inf", "NaN", "0x1p-2", "1e400", "2.5e-324", ".5"} {
		f, err := strconv.ParseFloat(in, 64)
		fmt.Printf("ParseFloat(%q) = %v, %v\n", in, f, err)
	}
	u, err := strconv.ParseUint("255", 10, 8)
	fmt.Println(u, err)
	_, err = strconv.ParseUint("256", 10, 8)
	fmt.Println(err)
	b, err := strconv.ParseBool("TRUE")
	fmt.Println(b, err)
	fmt.Println(strconv.Itoa(-987), strconv.FormatInt(255, 2), strconv.FormatInt(-255, 36), strconv.FormatUint(1<<63, 16))
	for _, f := range []float64{0.1, 1.0 / 3, 1e21, 123456789, 5e-324, 1.7976931348623157e308} {
		fmt.Println(strconv.FormatFloat(f, 'g', -1, 64), strconv.FormatFloat(f, 'e', 3, 64), strconv.FormatFloat(f, 'f', -1, 32), strconv.FormatFloat(f, 'b', -1, 64))
	}
	fmt.Println(strconv.Quote("tab\there \"quote\" é \x00"), strconv.QuoteToASCII("é世"), strconv.QuoteRune('☺'))
	uq, err := strconv.Unquote(`"a\tb\u00e9"`)
	fmt.Println(uq, err)
	_, err = strconv.Unquote(`"unterminated`)
	fmt.Println(err)
	fmt.Println(string(strconv.AppendInt([]byte("n="), 42, 10)), strconv.AppendQuote(nil, "x"))

	// bytes
	bb := bytes.Buffer{}
	bb.WriteString("hello ")
	bb.Write([]byte("world"))
	bb.WriteByte('!')
	fmt.Println(bb.String(), bb.Len(), bytes.Contains(bb.Bytes(), []byte("lo w")), bytes.ToUpper([]byte("abc")))
	fmt.Println(bytes.Equal([]byte("a"), []byte("a")), bytes.Compare([]byte("a"), []byte("b")), bytes.Fields([]byte(" x y ")))
	line, err := bb.ReadString(' ')
	fmt.Printf("%q %v %q\n", line, err, bb.String())
}
