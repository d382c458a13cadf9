// stdin_lines: read standard input line by line with bufio.Scanner, count
// words and bytes, handle a last line without newline and CRLF, then read
// nothing more at EOF.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

func main() {
	sc := bufio.NewScanner(os.Stdin)
	lines, words, bytes := 0, 0, 0
	freq := map[string]int{}
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), "\r")
		lines++
		bytes += len(sc.Bytes())
		for _, w := range strings.Fields(line) {
			words++
			freq[strings.ToLower(strings.Trim(w, ".,;!?"))]++
		}
		fmt.Printf("%3d: %q\n", lines, line)
	}
	if err := sc.Err(); err != nil {
		fmt.Println("scan error:", err)
	}
	fmt.Println("lines", lines, "words", words, "bytes", bytes)
	keys := make([]string, 0, len(freq))
	for k := range freq {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if freq[keys[i]] != freq[keys[j]] {
			return freq[keys[i]] > freq[keys[j]]
		}
		return keys[i] < keys[j]
	})
	for _, k := range keys[:5] {
		fmt.Println(k, freq[k])
	}
	b := make([]byte, 10)
	n, err := os.Stdin.Read(b)
	fmt.Println("read at EOF:", n, err, err == io.EOF)
}
