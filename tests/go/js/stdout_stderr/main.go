// stdout_stderr: interleaved writes to stdout and stderr through os.File,
// fmt, log (stderr, no timestamps), the runtime's print, bufio with an
// explicit Flush, a large (1 MiB) stdout write in one call, many small
// writes, and writes from several goroutines (ordered by channels).
package main

import (
	"bufio"
	"fmt"
	"log"
	"os"
	"strings"
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("[log] ")
	for i := 0; i < 5; i++ {
		fmt.Printf("out %d\n", i)
		fmt.Fprintf(os.Stderr, "err %d\n", i)
		if i%2 == 0 {
			log.Printf("log line %d", i)
			print("runtime print ", i, "\n")
		}
	}
	w := bufio.NewWriter(os.Stdout)
	for i := 0; i < 1000; i++ {
		fmt.Fprintf(w, "buffered line %04d %s\n", i, strings.Repeat("x", i%50))
	}
	w.Flush()

	big := make([]byte, 1<<20)
	for i := range big {
		big[i] = 'a' + byte(i%26)
		if i%80 == 79 {
			big[i] = '\n'
		}
	}
	n, err := os.Stdout.Write(big)
	fmt.Fprintln(os.Stderr, "big write:", n, err)
	for i := 0; i < 2000; i++ {
		os.Stdout.WriteString(".")
	}
	os.Stdout.WriteString("\n")

	// goroutines taking turns
	turn := make([]chan bool, 4)
	for i := range turn {
		turn[i] = make(chan bool)
	}
	done := make(chan bool)
	for g := 0; g < 4; g++ {
		go func(g int) {
			for r := 0; r < 3; r++ {
				<-turn[g]
				fmt.Printf("goroutine %d round %d\n", g, r)
				fmt.Fprintf(os.Stderr, "g%d r%d\n", g, r)
				if g == 3 {
					if r == 2 {
						done <- true
						return
					}
					turn[0] <- true
				} else {
					turn[g+1] <- true
				}
			}
		}(g)
	}
	turn[0] <- true
	<-done
	fmt.Fprint(os.Stderr, "stderr without newline")
	fmt.Print("stdout without newline")
}
