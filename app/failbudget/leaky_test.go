package failbudget

import (
	"testing"
	"time"
)

func TestLeakyDrainsAtItsRate(t *testing.T) {
	l := NewLeaky[string](5, 6, 10) // 5 failures, then 6 an hour (one per 10 minutes)
	now := time.Date(2030, 1, 1, 8, 0, 0, 0, time.UTC)
	for i := range 4 {
		l.Fail("k", now)
		if spent, _ := l.Spent("k", now); spent {
			t.Fatalf("spent after %d failures", i+1)
		}
	}
	l.Fail("k", now)
	spent, wait := l.Spent("k", now)
	if !spent || wait < 9*time.Minute || wait > 11*time.Minute {
		t.Fatalf("after 5 failures: spent=%v wait=%v, want about 10 minutes", spent, wait)
	}
	// A guesser who keeps going gets one try per 10 minutes, however many it makes.
	tries := 0
	for m := range 24 * 60 {
		at := now.Add(time.Duration(m+1) * time.Minute)
		for range 100 {
			if s, _ := l.Spent("k", at); s {
				break
			}
			l.Fail("k", at)
			tries++
		}
	}
	if tries < 143 || tries > 145 {
		t.Fatalf("tries in 24 h of pressure: %d, want 144", tries)
	}
	// Once the guessing stops the key opens within one interval.
	end := now.Add(24*time.Hour + 11*time.Minute)
	if s, _ := l.Spent("k", end); s {
		t.Fatal("still spent 11 minutes after the last failure")
	}
	if other, _ := l.Spent("other", now); other {
		t.Fatal("another key is spent")
	}
}

func TestLeakyIsBounded(t *testing.T) {
	l := NewLeaky[int](3, 1, 100)
	now := time.Now()
	for i := range 10_000 {
		l.Fail(i, now)
	}
	if l.Len() > 100 {
		t.Fatalf("%d keys held, bound 100", l.Len())
	}
	var off *Leaky[int]
	off.Fail(1, now)
	if s, _ := off.Spent(1, now); s {
		t.Fatal("nil budget refused")
	}
}
