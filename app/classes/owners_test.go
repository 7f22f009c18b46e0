package classes

import "testing"

// A lookup that read the store before a change committed must not store
// what it read; the cache starts over at its bound instead of growing.
func TestOwnersGeneration(t *testing.T) {
	var o owners
	_, ok, gen := o.get(7)
	if ok {
		t.Fatal("an empty cache knew class 7")
	}
	o.forget(7) // a deletion committed while the lookup read the store
	o.put(7, 1, gen)
	if _, ok, _ := o.get(7); ok {
		t.Fatal("a lookup from before the change was stored")
	}
	_, _, gen = o.get(7)
	o.put(7, 2, gen)
	if teacher, ok, _ := o.get(7); !ok || teacher != 2 {
		t.Fatalf("got %d %v, want teacher 2", teacher, ok)
	}
	o.forget(0)
	if _, ok, _ := o.get(7); ok {
		t.Fatal("forget(0) kept class 7")
	}
	for i := range int64(maxOwners + 10) {
		_, _, gen := o.get(i)
		o.put(i, 1, gen)
	}
	if n := len(o.m); n > maxOwners {
		t.Fatalf("cache grew to %d, bound %d", n, maxOwners)
	}
}
