// hello: the smallest program; stdout and stderr through fmt, and the
// runtime's own print (println goes to fd 2 synchronously).
package main

import (
	"fmt"
	"os"
)

func main() {
	fmt.Println("hello, world")
	fmt.Fprintln(os.Stderr, "to stderr")
	println("runtime println", 42, true)
	fmt.Printf("%d args\n", len(os.Args)-1)
	os.Stdout.Write(nil) // zero-length write
	os.Stdout.WriteString("no newline at the end")
}
