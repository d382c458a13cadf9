// time_now: the clocks behind time.Now on wasip1 (clock_time_get realtime and
// monotonic): the wall clock is a plausible date in UTC (time.Local is "Local"
// with no zone rules); the monotonic reading is present, strictly increasing
// over a busy loop, and agrees with the wall clock over sleeps; Sleep, After,
// Ticker and Timer.Reset never fire early; consecutive readings are close
// together (sub-millisecond resolution). Prints only booleans and fixed text.
package main

import (
	"fmt"
	"strings"
	"time"
)

func main() {
	now := time.Now()
	fmt.Println("year in [2024, 2100):", now.Year() >= 2024 && now.Year() < 2100)
	name, off := now.Zone()
	fmt.Println("zone:", name, off, "local:", time.Local.String())
	fmt.Println("has monotonic reading:", strings.Contains(now.String(), " m=+"))
	fmt.Println("Round(0) drops it:", !strings.Contains(now.Round(0).String(), " m="))
	fmt.Println("UnixNano consistent:", now.UnixNano()/1e9 == now.Unix())

	// monotonic: strictly increasing across many readings, small steps
	prev := time.Now()
	decreasing, minStep := 0, time.Hour
	for i := 0; i < 20000; i++ {
		t := time.Now()
		d := t.Sub(prev)
		if d < 0 {
			decreasing++
		}
		if d > 0 && d < minStep {
			minStep = d
		}
		prev = t
	}
	fmt.Println("monotonic never decreases:", decreasing == 0)
	fmt.Println("smallest step under 1ms:", minStep < time.Millisecond)

	// sleeps: never early, and wall and monotonic agree
	for _, d := range []time.Duration{time.Millisecond, 10 * time.Millisecond, 60 * time.Millisecond} {
		t0 := time.Now()
		time.Sleep(d)
		mono := time.Since(t0)
		wall := time.Now().Round(0).Sub(t0.Round(0))
		diff := wall - mono
		if diff < 0 {
			diff = -diff
		}
		fmt.Printf("sleep %v: not early %v, under 5s %v, wall agrees within 50ms %v\n",
			d, mono >= d, mono < 5*time.Second, diff < 50*time.Millisecond)
	}

	t0 := time.Now()
	<-time.After(25 * time.Millisecond)
	fmt.Println("After(25ms) not early:", time.Since(t0) >= 25*time.Millisecond)

	t0 = time.Now()
	tk := time.NewTicker(10 * time.Millisecond)
	for i := 0; i < 5; i++ {
		<-tk.C
	}
	tk.Stop()
	fmt.Println("5 ticks of 10ms took >= 50ms:", time.Since(t0) >= 50*time.Millisecond)

	t0 = time.Now()
	tm := time.NewTimer(time.Hour)
	tm.Reset(20 * time.Millisecond)
	<-tm.C
	fmt.Println("Reset timer not early:", time.Since(t0) >= 20*time.Millisecond)

	// a deadline in the past fires at once; time.Until of it is negative
	past := time.Now().Add(-time.Second)
	fmt.Println("Until(past) < 0:", time.Until(past) < 0)
	select {
	case <-time.After(time.Until(past)):
		fmt.Println("negative After fired")
	case <-time.After(time.Second):
		fmt.Println("negative After did not fire")
	}
}
