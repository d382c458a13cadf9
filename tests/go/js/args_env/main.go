// args_env: os.Args (including Args[0], the wasm path as typed), arguments
// with spaces, unicode and empty strings; os.Getenv, LookupEnv, Environ
// (filtered to the test's own variables, in the order Environ gives them),
// Setenv/Unsetenv/ExpandEnv, and a few fixed variables set by the runner.
package main

import (
	"fmt"
	"os"
	"strings"
)

func main() {
	fmt.Printf("argc=%d\n", len(os.Args))
	for i, a := range os.Args {
		fmt.Printf("arg[%d]=%q\n", i, a)
	}
	for _, k := range []string{"PGT_ALPHA", "PGT_EMPTY", "PGT_SPACES", "PGT_UNICODE", "PGT_EQUALS", "PGT_MISSING", "LANG", "TZ"} {
		v, ok := os.LookupEnv(k)
		fmt.Printf("lookup %s: %q %v | getenv %q\n", k, v, ok, os.Getenv(k))
	}
	var mine []string
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PGT_") {
			mine = append(mine, kv)
		}
	}
	fmt.Println("environ (PGT_ only, as given):")
	for _, kv := range mine {
		fmt.Printf("  %q\n", kv)
	}
	_, hasTmp := os.LookupEnv("TMPDIR")
	_, hasHome := os.LookupEnv("HOME")
	fmt.Println("TMPDIR set:", hasTmp, "HOME set:", hasHome)

	os.Setenv("PGT_NEW", "fresh")
	os.Unsetenv("PGT_ALPHA")
	fmt.Println(os.ExpandEnv("expand: ${PGT_NEW} [$PGT_ALPHA] ${PGT_SPACES}"))
	_, ok := os.LookupEnv("PGT_ALPHA")
	fmt.Println("alpha after unset:", ok)
	n := 0
	for _, kv := range os.Environ() {
		if strings.HasPrefix(kv, "PGT_") {
			n++
		}
	}
	fmt.Println("PGT_ count now:", n)
	fmt.Println("Getpid > 0:", os.Getpid() > 0, "uid/gid match node:", os.Getuid() >= 0, os.Getgid() >= 0)
	host, err := os.Hostname()
	fmt.Println("hostname:", host, err)
}
