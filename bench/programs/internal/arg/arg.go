// Package arg reads the size arguments every benchmark program takes, so that each
// program states only its defaults: `prog [size]...`, positional, non-negative.
package arg

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
)

// Int returns os.Args[i] as a non-negative int, or def when it is absent. A bad value
// ends the program with a usage message and status 2.
func Int(i int, def int, usage string) int {
	if len(os.Args) <= i {
		return def
	}
	n, err := strconv.Atoi(os.Args[i])
	if err != nil || n < 0 {
		fmt.Fprintf(os.Stderr, "usage: %s %s\n", filepath.Base(os.Args[0]), usage)
		os.Exit(2)
	}
	return n
}
