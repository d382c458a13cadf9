// errors_wrap: errors.New, fmt.Errorf with %w (wrapping chains), errors.Is /
// As / Unwrap, custom error types with Is and As methods, sentinel errors,
// os/fs error types, and error formatting with %v/%+v/%q/%T.
package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strconv"
)

var ErrNotFound = errors.New("not found")

type QueryError struct {
	Query string
	Err   error
}

func (e *QueryError) Error() string { return "query " + strconv.Quote(e.Query) + ": " + e.Err.Error() }
func (e *QueryError) Unwrap() error { return e.Err }

type Temporary interface{ Temporary() bool }

type netErr struct{ temp bool }

func (n netErr) Error() string   { return fmt.Sprintf("net error (temporary=%v)", n.temp) }
func (n netErr) Temporary() bool { return n.temp }

type codeErr int

func (c codeErr) Error() string { return "code " + strconv.Itoa(int(c)) }
func (c codeErr) Is(target error) bool {
	t, ok := target.(codeErr)
	return ok && (t == 0 || t == c) // codeErr(0) matches any code
}

func find(q string) error {
	if q == "" {
		return &QueryError{q, ErrNotFound}
	}
	return nil
}

func main() {
	e1 := find("")
	e2 := fmt.Errorf("layer 2: %w", e1)
	e3 := fmt.Errorf("layer 3 (%d): %w", 3, e2)
	fmt.Println(e3)
	fmt.Println(errors.Is(e3, ErrNotFound), errors.Is(e3, io.EOF), errors.Unwrap(e3) == e2, errors.Unwrap(errors.Unwrap(e2)) == ErrNotFound)
	var qe *QueryError
	fmt.Println(errors.As(e3, &qe), qe.Query == "", qe.Err)
	fmt.Printf("%v | %q | %T | %T\n", e2, e2, e2, errors.Unwrap(e2))
	noWrap := fmt.Errorf("no wrap: %v", e1)
	fmt.Println(errors.Is(noWrap, ErrNotFound), errors.Unwrap(noWrap))

	var tmp Temporary
	ne := fmt.Errorf("dial: %w", netErr{true})
	fmt.Println(errors.As(ne, &tmp), tmp != nil && tmp.Temporary())
	fmt.Println(errors.Is(fmt.Errorf("x: %w", codeErr(404)), codeErr(0)), errors.Is(codeErr(404), codeErr(500)), errors.Is(codeErr(404), codeErr(404)))

	_, err := os.Open("definitely-missing.txt")
	var pe *fs.PathError
	fmt.Println(err, errors.Is(err, fs.ErrNotExist), errors.Is(err, os.ErrNotExist), errors.As(err, &pe), pe.Op, pe.Path)
	fmt.Println(errors.Is(fmt.Errorf("ctx: %w", err), fs.ErrNotExist))
	_, err = strconv.Atoi("12a")
	var ne2 *strconv.NumError
	fmt.Println(errors.As(err, &ne2), ne2.Func, ne2.Num, ne2.Err == strconv.ErrSyntax)

	var nilErr error
	fmt.Println(errors.Is(nilErr, nil), errors.Is(e3, nil), errors.Unwrap(nil))
	var typedNil *QueryError
	var iface error = typedNil
	fmt.Println("typed nil != nil:", iface != nil)
	fmt.Println(fmt.Errorf("%w", io.ErrUnexpectedEOF) == io.ErrUnexpectedEOF, errors.Is(fmt.Errorf("%w", io.ErrUnexpectedEOF), io.ErrUnexpectedEOF))
	wrapped := fmt.Errorf("a %w b", errors.New("inner"))
	fmt.Printf("%v|%s|%+v\n", wrapped, wrapped, wrapped)
	fmt.Println(fmt.Errorf("bad verb %w", "not an error"))
}
