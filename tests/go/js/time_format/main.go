// time_format: formatting and arithmetic of FIXED times in UTC and fixed
// zones (no wall clock values are printed): layouts, Parse, Add/Sub/
// Truncate/Round, weekdays, ISO weeks, Unix conversions, Duration strings,
// and time.Local (the runner sets TZ=UTC; node's Date honours it and Go's
// js zone becomes a fixed "UTC+H" zone).
package main

import (
	"fmt"
	"time"
)

func main() {
	t := time.Date(2023, time.March, 14, 15, 9, 26, 535897932, time.UTC)
	layouts := []string{time.RFC3339, time.RFC3339Nano, time.RFC1123, time.RFC822Z, time.Kitchen, time.ANSIC, time.Stamp, "2006-01-02 15:04:05.000", "Mon Jan _2 3:04PM '06 MST", "02/01/2006 .999999 -07:00"}
	for _, l := range layouts {
		fmt.Println(t.Format(l))
	}
	fmt.Println(t, t.Unix(), t.UnixMilli(), t.UnixNano(), t.Weekday(), t.YearDay())
	y, w := t.ISOWeek()
	fmt.Println("iso week", y, w)

	fmt.Println(t.Add(36*time.Hour+15*time.Minute), t.AddDate(0, 1, 20), t.AddDate(-1, -3, 0))
	fmt.Println(t.Truncate(time.Hour), t.Round(time.Second), t.Round(24*time.Hour))
	u := time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)
	d := u.Sub(t)
	fmt.Println(d, d.Hours(), d.Round(time.Hour), d.Truncate(24*time.Hour), u.After(t), u.Before(t), u.Equal(u.In(time.FixedZone("X", 3600))))
	fmt.Println(time.Date(2023, 2, 29, 25, 61, 0, 0, time.UTC)) // normalisation
	fmt.Println(time.Unix(0, 0).UTC(), time.Unix(1<<31, 0).UTC(), time.Unix(-1, 0).UTC(), time.UnixMilli(1700000000123).UTC())

	for _, ds := range []string{"1h15m30.5s", "-1.5h", "300ms", "2us", "1µs", "0", "bogus"} {
		dd, err := time.ParseDuration(ds)
		fmt.Println(ds, "->", dd, dd.Seconds(), err)
	}
	fmt.Println(time.Duration(1), time.Duration(1500), 90*time.Minute, time.Duration(1<<63-1))

	// parse
	for _, in := range []struct{ layout, value string }{
		{time.RFC3339, "2006-01-02T15:04:05+07:00"},
		{time.RFC3339Nano, "2021-12-31T23:59:59.123456789Z"},
		{"2006-01-02", "2020-02-30"},
		{"Jan 2 2006 15:04", "Feb 3 2013 07:08"},
		{time.RFC1123Z, "Mon, 02 Jan 2006 15:04:05 -0700"},
	} {
		p, err := time.Parse(in.layout, in.value)
		if err != nil {
			fmt.Println("parse error:", err)
			continue
		}
		_, off := p.Zone()
		fmt.Println(p, p.UTC(), off)
	}
	loc := time.FixedZone("EST", -5*3600)
	fmt.Println(t.In(loc), t.In(loc).Format(time.RFC822))
	pl, err := time.ParseInLocation("2006-01-02 15:04", "2023-07-04 12:00", loc)
	fmt.Println(pl, pl.UTC(), err)

	// month/day arithmetic edge cases
	jan31 := time.Date(2023, 1, 31, 0, 0, 0, 0, time.UTC)
	fmt.Println(jan31.AddDate(0, 1, 0).Format("2006-01-02"), jan31.Month(), jan31.Month()+1, time.Saturday)
	// marshalling
	b, _ := t.MarshalText()
	var back time.Time
	back.UnmarshalText(b)
	fmt.Println(string(b), back.Equal(t))
	fmt.Println(time.Time{}, time.Time{}.IsZero(), time.Time{}.Unix())

	// time.Local under TZ=UTC: Go/js builds a fixed zone from the JS Date offset
	lt := time.Unix(1700000000, 0).In(time.Local)
	name, off := lt.Zone()
	fmt.Println("local:", lt.Format("2006-01-02 15:04:05"), name, off)
	fmt.Println(time.Local.String())
}
