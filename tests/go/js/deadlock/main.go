// deadlock: every goroutine blocks forever (main on a channel nobody sends
// on, helpers on a mutex cycle and a WaitGroup); the runtime reports
// "fatal error: all goroutines are asleep - deadlock!" with goroutine
// traces on stderr and exits 2. Output before it must be flushed.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var a, b sync.Mutex
	var wg sync.WaitGroup
	wg.Add(3)
	go func() {
		a.Lock()
		time.Sleep(10 * time.Millisecond)
		b.Lock()
		wg.Done()
	}()
	go func() {
		b.Lock()
		time.Sleep(10 * time.Millisecond)
		a.Lock()
		wg.Done()
	}()
	go func() {
		wg.Wait()
	}()
	fmt.Println("waiting forever")
	time.Sleep(30 * time.Millisecond)
	fmt.Println("still waiting")
	ch := make(chan int)
	<-ch
}
