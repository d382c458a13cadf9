// fileio: file I/O in the working directory through node's fs: create,
// write, append, read back, seek, rename, remove, os.ReadDir (sorted names),
// os.Stat size/IsDir/mode perm, MkdirAll, RemoveAll, errors.Is(err,
// fs.ErrNotExist), ReadFile/WriteFile, Chdir + Getwd (printed relative),
// Truncate, Chmod, and a fixture tree copied in by the runner (files/).
package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

func check(what string, err error) {
	if err != nil {
		fmt.Printf("%s: error: %v\n", what, err)
	}
}

func listDir(dir string) {
	ents, err := os.ReadDir(dir)
	check("readdir "+dir, err)
	var names []string
	for _, e := range ents {
		n := e.Name()
		if n == "prog.wasm" {
			continue
		}
		if e.IsDir() {
			n += "/"
		}
		names = append(names, n)
	}
	fmt.Printf("ls %s: %v\n", dir, names)
}

func stat(p string) {
	fi, err := os.Stat(p)
	if err != nil {
		fmt.Printf("stat %s: %v (not exist: %v)\n", p, err, errors.Is(err, fs.ErrNotExist))
		return
	}
	size := fmt.Sprint(fi.Size())
	if fi.IsDir() {
		size = "(dir)" // directory sizes depend on the file system
	}
	fmt.Printf("stat %s: name=%s size=%s dir=%v perm=%v regular=%v\n", p, fi.Name(), size, fi.IsDir(), fi.Mode().Perm(), fi.Mode().IsRegular())
}

func main() {
	os.Chmod("data/input.txt", 0644) // make the fixture's mode independent of the checkout
	listDir(".")
	b, err := os.ReadFile("data/input.txt")
	check("readfile", err)
	fmt.Printf("fixture: %q\n", b)

	// create + write + close
	f, err := os.Create("out.txt")
	check("create", err)
	n, err := f.WriteString("line one\n")
	fmt.Println("wrote", n, err)
	fmt.Fprintf(f, "line %s\n", "two")
	check("close", f.Close())

	// append
	f, err = os.OpenFile("out.txt", os.O_APPEND|os.O_WRONLY, 0)
	check("open append", err)
	f.Write([]byte("line three (appended)\n"))
	f.Close()

	// read back with bufio
	f, err = os.Open("out.txt")
	check("open", err)
	sc := bufio.NewScanner(f)
	for i := 1; sc.Scan(); i++ {
		fmt.Printf("  %d %s\n", i, sc.Text())
	}
	// seek and read again
	off, err := f.Seek(5, io.SeekStart)
	fmt.Println("seek", off, err)
	buf := make([]byte, 8)
	n, err = io.ReadFull(f, buf)
	fmt.Printf("read after seek: %q %d %v\n", buf[:n], n, err)
	end, _ := f.Seek(0, io.SeekEnd)
	fmt.Println("size via seek end:", end)
	n, err = f.Read(buf)
	fmt.Println("read at end:", n, err == io.EOF)
	f.Close()
	stat("out.txt")

	// WriteFile with a mode, Stat perms
	check("writefile", os.WriteFile("mode600.txt", []byte("secret\n"), 0600))
	stat("mode600.txt")
	check("chmod", os.Chmod("mode600.txt", 0640))
	stat("mode600.txt")

	// MkdirAll, nested files, ReadDir sorted
	check("mkdirall", os.MkdirAll("tree/a/b/c", 0755))
	for _, name := range []string{"zeta", "alpha", "Mid", "_under", "10", "9"} {
		check("write", os.WriteFile(filepath.Join("tree", name+".txt"), []byte(strings.Repeat(name, 3)), 0644))
	}
	check("mkdirall again", os.MkdirAll("tree/a/b/c", 0755))
	listDir("tree")
	stat("tree")
	stat("tree/a/b")
	err = os.Mkdir("tree", 0755)
	fmt.Println("mkdir existing:", err, errors.Is(err, fs.ErrExist))

	// rename, remove, not-exist errors
	check("rename", os.Rename("out.txt", "tree/a/renamed.txt"))
	stat("out.txt")
	stat("tree/a/renamed.txt")
	check("remove", os.Remove("remove_me.txt"))
	err = os.Remove("remove_me.txt")
	fmt.Println("remove again:", err, errors.Is(err, fs.ErrNotExist), os.IsNotExist(err))
	_, err = os.ReadFile("no/such/file")
	var pe *fs.PathError
	fmt.Println("readfile missing:", err, errors.As(err, &pe), pe != nil && pe.Op == "open")
	err = os.Remove("tree/a")
	fmt.Println("remove non-empty dir fails:", err != nil)

	// walk the tree
	var walked []string
	filepath.WalkDir("tree", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		walked = append(walked, p)
		return nil
	})
	fmt.Println("walk:", walked)

	// truncate
	check("truncate", os.Truncate("tree/zeta.txt", 4))
	b, _ = os.ReadFile("tree/zeta.txt")
	fmt.Printf("truncated: %q\n", b)

	// Chdir + Getwd, printed relative to the start directory
	start, err := os.Getwd()
	check("getwd", err)
	check("chdir", os.Chdir("tree/a/b"))
	wd, _ := os.Getwd()
	rel, _ := filepath.Rel(start, wd)
	fmt.Println("cwd relative:", rel)
	check("write in subdir", os.WriteFile("here.txt", []byte("written after chdir\n"), 0644))
	b, err = os.ReadFile("../../../data/sub/deep.txt")
	fmt.Printf("relative read: %q %v\n", b, err)
	check("chdir back", os.Chdir(start))
	stat("tree/a/b/here.txt")

	// directory listing via Readdirnames (unsorted API: sort it)
	d, err := os.Open("data")
	check("open dir", err)
	names, err := d.Readdirnames(-1)
	sort.Strings(names)
	fmt.Println("readdirnames:", names, err)
	d.Close()

	// RemoveAll a subtree; O_EXCL create of an existing file
	check("removeall", os.RemoveAll("tree/a/b/c"))
	stat("tree/a/b/c")
	_, err = os.OpenFile("mode600.txt", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0644)
	fmt.Println("O_EXCL on existing:", errors.Is(err, fs.ErrExist))
	// a large file written in pieces
	big, _ := os.Create("big.bin")
	w := bufio.NewWriterSize(big, 4096)
	for i := 0; i < 100000; i++ {
		w.WriteByte(byte(i * 7))
	}
	w.Flush()
	big.Close()
	stat("big.bin")
	listDir(".")
}
