package failbudget

import (
	"strconv"
	"testing"
	"time"
)

func TestBudgetGrowsAndIsBounded(t *testing.T) {
	now := time.Unix(1_900_000_000, 0)
	b := New[string](Options{MaxKeys: 100, Free: 2, Window: 15 * time.Minute, BlockBase: time.Second, BlockMax: 8 * time.Second})
	for i := 0; i < 2; i++ {
		if hold := b.Fail("k", now); hold != 0 {
			t.Fatalf("held %s with no SlowStep", hold)
		}
	}
	if w := b.Wait("k", now); w != 0 {
		t.Fatalf("wait %s within the free budget", w)
	}
	var waits []time.Duration
	for i := 0; i < 6; i++ {
		b.Fail("k", now)
		w := b.Wait("k", now)
		waits = append(waits, w)
		now = now.Add(w)
	}
	want := []time.Duration{1, 2, 4, 8, 8, 8}
	for i := range want {
		if waits[i] != want[i]*time.Second {
			t.Fatalf("waits %v, want %v seconds", waits, want)
		}
	}
	b.Forget("k")
	if b.Wait("k", now) != 0 {
		t.Fatal("Forget kept the wait")
	}
	// An old count is forgotten after the window.
	b.Fail("old", now)
	b.Fail("old", now)
	b.Fail("old", now.Add(16*time.Minute))
	if w := b.Wait("old", now.Add(16*time.Minute)); w != 0 {
		t.Fatalf("failures older than the window still count: %s", w)
	}
	// A flood of new keys never grows the map past its bound.
	for i := 0; i < 10_000; i++ {
		b.Fail("flood"+strconv.Itoa(i), now)
	}
	if n := b.Len(); n > 100 {
		t.Fatalf("map grew to %d entries, bound 100", n)
	}
}

func TestBudgetHoldsPastHalf(t *testing.T) {
	now := time.Unix(1_900_000_000, 0)
	b := New[string](Options{MaxKeys: 10, Free: 4, Window: time.Minute, BlockBase: time.Second, BlockMax: time.Minute,
		SlowStep: 50 * time.Millisecond, SlowMax: 120 * time.Millisecond})
	var holds []time.Duration
	for i := 0; i < 6; i++ {
		holds = append(holds, b.Fail("a", now))
	}
	want := []time.Duration{0, 0, 50, 100, 120, 120}
	for i := range want {
		if holds[i] != want[i]*time.Millisecond {
			t.Fatalf("holds %v, want %v ms", holds, want)
		}
	}
	if b.Wait("b", now) != 0 {
		t.Fatal("another key was refused")
	}
}

func TestNilBudgetIsOff(t *testing.T) {
	var b *Budget[string]
	if b.Fail("k", time.Now()) != 0 || b.Wait("k", time.Now()) != 0 || b.Len() != 0 {
		t.Fatal("a nil budget counted")
	}
	b.Forget("k")
}
