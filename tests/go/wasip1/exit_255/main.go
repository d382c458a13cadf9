// exit_255: os.Exit(255), the largest status a process can report, after a
// large buffered write that must be flushed by the program before exiting.
package main

import (
	"bufio"
	"fmt"
	"os"
)

func main() {
	w := bufio.NewWriterSize(os.Stdout, 1<<16)
	for i := 0; i < 5000; i++ {
		fmt.Fprintf(w, "line %d\n", i)
	}
	w.Flush()
	fmt.Fprintln(os.Stderr, "exiting with 255")
	os.Exit(255)
}
