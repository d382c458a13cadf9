// exit_300: os.Exit(300): proc_exit takes a u32; a POSIX host can only report
// its low 8 bits, so the process exits with 300 & 255 = 44 (node does the
// same with process.exitCode = 300).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("exiting with 300")
	os.Exit(300)
}
