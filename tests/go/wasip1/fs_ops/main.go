// fs_ops: the file system calls of Go's os package on wasip1, in the
// preopened working directory "/": ReadDir (sorted entries with their types;
// a 300-entry directory read in several fd_readdir batches), Stat/Lstat
// (sizes, types, link counts, SameFile), Chmod (a no-op on wasip1 that still
// reports missing files), Symlink/Readlink (relative, dangling, to a
// directory, up and back down, absolute (node refuses it), escaping the
// sandbox), Link, Truncate (shrink, grow, Ftruncate), Chtimes (fixed times
// read back exactly), Rename (replace a file, move a directory; onto
// directories: os.Rename's own refusal, then path_rename itself) and Remove
// of links. Leaves a tree for the runner to compare. Permissions printed by
// Go are synthesized by its wasip1 port (WASI has no mode bits); the runner
// compares the real ones on disk.
package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"syscall"
	"time"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s: error: %v\n", what, err)
	}
}

func describe(fi fs.FileInfo) string {
	kind := "file"
	switch {
	case fi.Mode()&fs.ModeSymlink != 0:
		kind = "symlink"
	case fi.IsDir():
		kind = "dir"
	case !fi.Mode().IsRegular():
		kind = "other"
	}
	s := fmt.Sprintf("%s %s", fi.Name(), kind)
	if kind != "dir" {
		s += fmt.Sprintf(" size=%d", fi.Size())
	}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok && kind == "file" {
		s += fmt.Sprintf(" nlink=%d", st.Nlink)
	}
	return s
}

func stat(p string) {
	fi, err := os.Stat(p)
	if err != nil {
		fmt.Printf("stat %s: %v (not exist: %v)\n", p, err, errors.Is(err, fs.ErrNotExist))
		return
	}
	fmt.Printf("stat %s: %s\n", p, describe(fi))
}

func lstat(p string) {
	fi, err := os.Lstat(p)
	if err != nil {
		fmt.Printf("lstat %s: %v\n", p, err)
		return
	}
	fmt.Printf("lstat %s: %s\n", p, describe(fi))
}

func readlink(p string) {
	t, err := os.Readlink(p)
	fmt.Printf("readlink %s: %q %v\n", p, t, err)
}

func readFile(p string) {
	b, err := os.ReadFile(p)
	if err != nil {
		fmt.Printf("read %s: error: %v\n", p, err)
		return
	}
	fmt.Printf("read %s: %q\n", p, b)
}

func listDir(dir string) {
	ents, err := os.ReadDir(dir)
	check("readdir "+dir, err)
	var out []string
	for _, e := range ents {
		if e.Name() == "prog.wasm" {
			continue
		}
		n := e.Name()
		switch {
		case e.Type()&fs.ModeSymlink != 0:
			n += "@"
		case e.IsDir():
			n += "/"
		}
		out = append(out, n)
	}
	fmt.Printf("ls %s: %v\n", dir, out)
}

func main() {
	wd, err := os.Getwd()
	fmt.Println("getwd:", wd, err)
	check("mkdir", os.Mkdir("data", 0755))
	check("write a", os.WriteFile("data/a.txt", []byte("alpha\n"), 0644))
	check("write b", os.WriteFile("data/b.txt", []byte("bravo bravo\n"), 0644))
	check("mkdirall", os.MkdirAll("data/sub/deeper", 0755))
	check("write c", os.WriteFile("data/sub/c.txt", []byte("charlie\n"), 0644))

	// symbolic links
	check("symlink rel", os.Symlink("a.txt", "data/link_a"))
	check("symlink dir", os.Symlink("sub", "data/link_sub"))
	check("symlink dangling", os.Symlink("missing.txt", "data/dangling"))
	check("symlink up", os.Symlink("../b.txt", "data/sub/up_b"))
	check("symlink abs", os.Symlink("/data/a.txt", "abs_a"))
	check("symlink escape", os.Symlink("../../../../etc/passwd", "escape"))
	err = os.Symlink("a.txt", "data/link_a")
	fmt.Println("symlink existing:", err, errors.Is(err, fs.ErrExist))
	for _, p := range []string{"data/link_a", "data/link_sub", "data/dangling", "data/sub/up_b", "abs_a", "escape", "data/a.txt"} {
		readlink(p)
		lstat(p)
		if p != "escape" {
			stat(p)
		}
	}
	// How a link out of the sandbox fails is the host's choice: node's WASI
	// resolves its ".." no higher than the preopen (ENOENT here, as there is
	// no etc/passwd inside), others refuse it (ENOTCAPABLE). Only that it fails.
	_, err = os.Stat("escape")
	fmt.Println("stat through escaping link fails:", err != nil)
	readFile("data/link_a")
	readFile("data/sub/up_b")
	readFile("data/link_sub/c.txt")
	listDir("data/link_sub")
	_, err = os.ReadFile("escape")
	fmt.Println("read through escaping link fails:", err != nil)
	_, err = os.ReadFile("../outside")
	fmt.Println("read ../outside fails:", err != nil)
	fmt.Println("clean path of /../data/a.txt:", filepath.Clean("/../data/a.txt"))
	readFile("/../data/a.txt") // Go cleans the path: "/data/a.txt"

	// hard links
	check("link", os.Link("data/b.txt", "data/b_hard.txt"))
	stat("data/b.txt")
	stat("data/b_hard.txt")
	f1, _ := os.Stat("data/b.txt")
	f2, _ := os.Stat("data/b_hard.txt")
	f3, _ := os.Stat("data/a.txt")
	fmt.Println("same file:", os.SameFile(f1, f2), os.SameFile(f1, f3))
	check("append via hard link", appendTo("data/b_hard.txt", "more\n"))
	readFile("data/b.txt")
	err = os.Link("data/b.txt", "data/a.txt")
	fmt.Println("link onto existing:", errors.Is(err, fs.ErrExist))
	err = os.Link("data/nope", "data/nope2")
	fmt.Println("link missing:", errors.Is(err, fs.ErrNotExist))

	// chmod: WASI has no permissions; Go's wasip1 Chmod only stats the path
	fmt.Println("chmod:", os.Chmod("data/a.txt", 0400))
	err = os.Chmod("data/none", 0600)
	fmt.Println("chmod missing:", errors.Is(err, fs.ErrNotExist))
	readFile("data/a.txt")

	// truncate
	check("write t", os.WriteFile("t.bin", []byte("0123456789"), 0644))
	check("truncate shrink", os.Truncate("t.bin", 4))
	readFile("t.bin")
	check("truncate grow", os.Truncate("t.bin", 8))
	readFile("t.bin")
	f, err := os.OpenFile("t.bin", os.O_RDWR, 0)
	check("open t", err)
	check("ftruncate", f.Truncate(2))
	fi, _ := f.Stat()
	fmt.Println("fstat after ftruncate:", describe(fi))
	f.Close()
	err = os.Truncate("nope.bin", 3)
	fmt.Println("truncate missing:", errors.Is(err, fs.ErrNotExist))

	// chtimes: fixed times, read back exactly (nanoseconds where the host has them)
	mt := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	at := time.Date(1999, 12, 31, 23, 59, 58, 0, time.UTC)
	check("chtimes", os.Chtimes("data/a.txt", at, mt))
	fi, _ = os.Stat("data/a.txt")
	st := fi.Sys().(*syscall.Stat_t)
	fmt.Println("mtime:", fi.ModTime().UTC(), "atime:", time.Unix(0, int64(st.Atime)).UTC())
	check("chtimes mtime only", os.Chtimes("data/a.txt", time.Time{}, mt.Add(time.Hour)))
	fi, _ = os.Stat("data/a.txt")
	st = fi.Sys().(*syscall.Stat_t)
	fmt.Println("mtime:", fi.ModTime().UTC(), "atime kept:", time.Unix(0, int64(st.Atime)).UTC().Equal(at))
	check("chtimes via link", os.Chtimes("data/link_a", at, mt))
	fi, _ = os.Stat("data/a.txt")
	fmt.Println("mtime through link:", fi.ModTime().UTC())
	err = os.Chtimes("data/none", at, mt)
	fmt.Println("chtimes missing:", errors.Is(err, fs.ErrNotExist))

	// rename
	check("write r1", os.WriteFile("r1.txt", []byte("one\n"), 0644))
	check("write r2", os.WriteFile("r2.txt", []byte("two\n"), 0644))
	check("rename replaces", os.Rename("r1.txt", "r2.txt"))
	readFile("r2.txt")
	stat("r1.txt")
	check("rename dir", os.Rename("data/sub/deeper", "moved"))
	stat("moved")
	check("mkdir full", os.MkdirAll("full/x", 0755))
	check("mkdir empty", os.Mkdir("empty", 0755))
	// os.Rename refuses any existing directory as the target (Go checks with
	// Lstat first); syscall.Rename is path_rename itself
	err = os.Rename("full/x", "empty")
	fmt.Println("os.Rename onto a directory:", err)
	err = syscall.Rename("empty", "full")
	fmt.Println("path_rename onto a non-empty dir fails:", err != nil)
	check("path_rename onto an empty dir", syscall.Rename("full/x", "empty"))
	stat("full/x")
	err = os.Rename("r2.txt", "no/such/dir/r.txt")
	fmt.Println("rename into missing dir:", errors.Is(err, fs.ErrNotExist))
	check("rename symlink", os.Rename("data/dangling", "data/dangling2"))
	readlink("data/dangling2")

	// remove a link, not its target
	check("remove link", os.Remove("data/link_a"))
	stat("data/a.txt")
	check("remove hard link", os.Remove("data/b_hard.txt"))
	stat("data/b.txt")

	// a directory large enough for several fd_readdir calls
	check("mkdir many", os.Mkdir("many", 0755))
	for i := 0; i < 300; i++ {
		name := fmt.Sprintf("many/entry-%03d-%s.txt", i, strings.Repeat("x", i%40))
		check("create", os.WriteFile(name, []byte{byte(i)}, 0644))
	}
	ents, err := os.ReadDir("many")
	check("readdir many", err)
	seen := map[string]bool{}
	for _, e := range ents {
		seen[e.Name()] = true
	}
	fmt.Println("many entries:", len(ents), "distinct:", len(seen),
		"sorted:", sort.SliceIsSorted(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() }))
	d, _ := os.Open("many")
	total := 0
	for {
		names, err := d.Readdirnames(7)
		total += len(names)
		if err != nil {
			break
		}
	}
	d.Close()
	fmt.Println("readdirnames in batches of 7:", total)

	listDir(".")
	listDir("data")
	listDir("data/sub")
	var walked []string
	filepath.WalkDir(".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			walked = append(walked, p+" (error)")
			return nil
		}
		if p == "many" {
			return filepath.SkipDir
		}
		walked = append(walked, p)
		return nil
	})
	fmt.Println("walk:", walked)
}

func appendTo(p, s string) error {
	f, err := os.OpenFile(p, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = f.WriteString(s)
	if err2 := f.Close(); err == nil {
		err = err2
	}
	return err
}
