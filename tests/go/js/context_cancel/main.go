// context_cancel: context.WithCancel, WithTimeout, WithDeadline, WithValue,
// propagation to children, ctx.Err values and worker goroutines stopping.
package main

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"
)

type key string

func worker(ctx context.Context, id int, out chan<- string, wg *sync.WaitGroup) {
	defer wg.Done()
	n := 0
	for {
		select {
		case <-ctx.Done():
			out <- fmt.Sprintf("worker %d stopped: %v (did work: %v)", id, ctx.Err(), n > 0)
			return
		default:
			n++
			time.Sleep(time.Millisecond)
		}
	}
}

func main() {
	bg := context.Background()
	fmt.Println(bg, context.TODO())

	// cancel
	ctx, cancel := context.WithCancel(bg)
	out := make(chan string, 3)
	var wg sync.WaitGroup
	for i := 0; i < 3; i++ {
		wg.Add(1)
		go worker(ctx, i, out, &wg)
	}
	time.Sleep(10 * time.Millisecond)
	cancel()
	wg.Wait()
	close(out)
	res := make([]string, 3)
	for s := range out {
		var id int
		fmt.Sscanf(s, "worker %d", &id)
		res[id] = s
	}
	for _, s := range res {
		fmt.Println(s)
	}
	cancel() // idempotent
	fmt.Println("after cancel:", ctx.Err(), errors.Is(ctx.Err(), context.Canceled))

	// timeout
	tctx, tcancel := context.WithTimeout(bg, 30*time.Millisecond)
	defer tcancel()
	_, hasDeadline := tctx.Deadline()
	fmt.Println("has deadline:", hasDeadline, "err before:", tctx.Err())
	select {
	case <-tctx.Done():
		fmt.Println("timeout fired:", tctx.Err(), errors.Is(tctx.Err(), context.DeadlineExceeded))
	case <-time.After(3 * time.Second):
		fmt.Println("unexpected: timeout did not fire")
	}

	// child of a timed-out parent is done at once
	child, ccancel := context.WithCancel(tctx)
	defer ccancel()
	<-child.Done()
	fmt.Println("child err:", child.Err())

	// cancel parent cancels child; cancelling child leaves parent alone
	p, pcancel := context.WithCancel(bg)
	c1, c1cancel := context.WithCancel(p)
	c2, c2cancel := context.WithTimeout(p, time.Hour)
	defer c2cancel()
	c1cancel()
	fmt.Println("c1:", c1.Err(), "p:", p.Err(), "c2:", c2.Err())
	pcancel()
	<-c2.Done()
	fmt.Println("after parent cancel c2:", c2.Err())

	// deadline in the past
	dctx, dcancel := context.WithDeadline(bg, time.Now().Add(-time.Second))
	defer dcancel()
	fmt.Println("past deadline:", dctx.Err())

	// values
	vctx := context.WithValue(context.WithValue(bg, key("user"), "gopher"), key("role"), "admin")
	fmt.Println("values:", vctx.Value(key("user")), vctx.Value(key("role")), vctx.Value(key("none")))

	// a long operation aborted by timeout
	op := func(ctx context.Context) error {
		select {
		case <-time.After(time.Hour):
			return nil
		case <-ctx.Done():
			return fmt.Errorf("op aborted: %w", ctx.Err())
		}
	}
	octx, ocancel := context.WithTimeout(bg, 15*time.Millisecond)
	defer ocancel()
	err := op(octx)
	fmt.Println(err, errors.Is(err, context.DeadlineExceeded))
}
