package accounts

import (
	"strconv"
	"testing"
	"time"
)

func TestFailBudgetGrowsAndIsBounded(t *testing.T) {
	now := time.Unix(1_900_000_000, 0)
	b := newFailBudget(100, 2, 15*time.Minute, time.Second, 8*time.Second)
	for i := 0; i < 2; i++ {
		b.fail("k", now)
	}
	if w := b.wait("k", now); w != 0 {
		t.Fatalf("wait %s within the free budget", w)
	}
	var waits []time.Duration
	for i := 0; i < 6; i++ {
		b.fail("k", now)
		w := b.wait("k", now)
		waits = append(waits, w)
		now = now.Add(w)
	}
	want := []time.Duration{1, 2, 4, 8, 8, 8}
	for i := range want {
		if waits[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want %v seconds", waits, want)
		}
	}
	b.forget("k")
	if b.wait("k", now) != 0 {
		t.Fatal("forget kept the wait")
	}
	// An old count is forgotten after the window.
	b.fail("old", now)
	b.fail("old", now)
	b.fail("old", now.Add(16*time.Minute))
	if w := b.wait("old", now.Add(16*time.Minute)); w != 0 {
		t.Fatalf("failures older than the window still count: %s", w)
	}
	// A flood of new keys never grows the map past its bound.
	for i := 0; i < 10_000; i++ {
		b.fail("flood"+strconv.Itoa(i), now)
	}
	if n := b.len(); n > 100 {
		t.Fatalf("map grew to %d entries, bound 100", n)
	}
}
