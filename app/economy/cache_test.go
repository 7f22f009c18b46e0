package economy

import (
	"testing"
	"time"

	gocache "github.com/patrickmn/go-cache"
)

func TestVersionedCache(t *testing.T) {
	vc := newVersionedCache(gocache.New(time.Minute, time.Minute), "x:")
	if _, _, ok := vc.get(1); ok {
		t.Fatal("empty cache hit")
	}
	_, seen, _ := vc.get(1)
	vc.put(1, seen, "a", time.Minute)
	if v, _, ok := vc.get(1); !ok || v != "a" {
		t.Fatalf("get = %v %v", v, ok)
	}
	// A reader that started before a write must not store what it read.
	_, seen, _ = vc.get(2)
	vc.invalidate(2)
	vc.put(2, seen, "stale", time.Minute)
	if _, _, ok := vc.get(2); ok {
		t.Fatal("a value read before a write was cached")
	}
	vc.invalidate(1)
	if _, _, ok := vc.get(1); ok {
		t.Fatal("hit after invalidate")
	}
	_, seen, _ = vc.get(1)
	vc.put(1, seen, "b", time.Minute)
	vc.invalidateAll()
	if _, _, ok := vc.get(1); ok {
		t.Fatal("hit after invalidateAll")
	}
}
