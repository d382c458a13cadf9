// timers: time.Sleep, Ticker, AfterFunc, Timer.Stop/Reset; prints the ORDER of
// events only. Delays are spaced 100+ ms apart: when a host stalls long
// enough for two timers to expire in the same scheduler check, Go itself
// may run their goroutines in either order (runnext), and select picks
// randomly among ready channels, so close delays would make the order
// depend on machine load.
package main

import (
	"fmt"
	"sync"
	"time"
)

func main() {
	var mu sync.Mutex
	var events []string
	record := func(s string) {
		mu.Lock()
		events = append(events, s)
		mu.Unlock()
	}

	// sleeps of different lengths finish in order of length
	var wg sync.WaitGroup
	for _, d := range []int{250, 20, 130} {
		wg.Add(1)
		go func(d int) {
			defer wg.Done()
			time.Sleep(time.Duration(d) * time.Millisecond)
			record(fmt.Sprintf("slept %dms", d))
		}(d)
	}
	wg.Wait()

	// AfterFunc fires; a stopped AfterFunc does not
	fired := make(chan struct{})
	tA := time.AfterFunc(10*time.Millisecond, func() { record("afterfunc A"); close(fired) })
	t2 := time.AfterFunc(5*time.Millisecond, func() { record("afterfunc B (must not fire)") })
	fmt.Println("stop B before firing:", t2.Stop())
	<-fired
	fmt.Println("stop A after firing:", tA.Stop())
	fmt.Println("stop a pending hour AfterFunc:", time.AfterFunc(time.Hour, func() {}).Stop())

	// Timer Stop / Reset
	t := time.NewTimer(time.Hour)
	fmt.Println("stop pending timer:", t.Stop(), "stop again:", t.Stop())
	t.Reset(10 * time.Millisecond)
	<-t.C
	record("reset timer fired")
	fmt.Println("stop fired timer:", t.Stop())

	t3 := time.NewTimer(time.Hour)
	t3.Reset(5 * time.Millisecond) // shorten: if Reset did not work this would hang
	<-t3.C
	fmt.Println("shortened timer fired")

	// Ticker: count ticks, then stop
	tk := time.NewTicker(3 * time.Millisecond)
	n := 0
	for range tk.C {
		n++
		if n == 5 {
			break
		}
	}
	tk.Stop()
	record(fmt.Sprintf("ticker ticked %d times", n))

	// time.After ordering among three concurrent timers
	a := time.After(250 * time.Millisecond)
	b := time.After(10 * time.Millisecond)
	c := time.After(130 * time.Millisecond)
	for i := 0; i < 3; i++ {
		select {
		case <-a:
			record("after 250")
		case <-b:
			record("after 10")
		case <-c:
			record("after 130")
		}
	}

	// Sleep(0) and negative durations return at once
	time.Sleep(0)
	time.Sleep(-time.Second)
	record("zero sleeps returned")

	// elapsed time is at least the sleep
	s := time.Now()
	time.Sleep(15 * time.Millisecond)
	el := time.Since(s)
	fmt.Println("monotonic elapsed >= 15ms:", el >= 15*time.Millisecond)
	d := time.Until(s.Add(time.Hour))
	fmt.Println("until within hour:", d > 59*time.Minute && d <= time.Hour)

	for i, e := range events {
		fmt.Println(i, e)
	}
}
