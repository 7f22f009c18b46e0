package accounts

import (
	"context"
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

var quick = HashParams{MemoryKiB: 64, Time: 1, Threads: 1}

func TestHashAndVerify(t *testing.T) {
	h := newHasher(quick, 2, time.Second)
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil || !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("hash %q %v", enc, err)
	}
	other, _ := h.Hash(ctx, "correct horse battery")
	if other == enc {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	if ok, err := h.Verify(ctx, "correct horse battery", enc); !ok || err != nil {
		t.Fatalf("verify right: %v %v", ok, err)
	}
	if ok, _ := h.Verify(ctx, "correct horse batterz", enc); ok {
		t.Fatal("wrong password verified")
	}
	if ok, err := h.Verify(ctx, "not a real password", ""); ok || err != nil {
		t.Fatalf("empty hash (no password set) verified: %v %v", ok, err)
	}
	for _, bad := range []string{"plain", "$argon2id$v=19$m=999999999,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5",
		"$argon2id$v=18$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5a2V5a2V5a2V5a2V5", "$bcrypt$x", "$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$a2V5"} {
		if ok, err := h.Verify(ctx, "x", bad); ok || !errors.Is(err, errBadHash) {
			t.Errorf("bad hash %q: %v %v", bad, ok, err)
		}
	}
}

// At most n hashes run at once, and a caller that cannot get a slot in
// time gives up with ErrBusy instead of queueing without end.
func TestHashingConcurrencyIsBounded(t *testing.T) {
	h := newHasher(quick, 2, 20*time.Millisecond)
	var running, peak atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 16; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := h.acquire(context.Background()); err != nil {
				return
			}
			n := running.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(time.Millisecond)
			running.Add(-1)
			h.release()
		}()
	}
	wg.Wait()
	if peak.Load() > 2 {
		t.Fatalf("%d hashes ran at once, limit 2", peak.Load())
	}
	// Hold both slots: the next caller is refused, not queued forever.
	h.acquire(context.Background())
	h.acquire(context.Background())
	if _, err := h.Hash(context.Background(), "x"); !errors.Is(err, ErrBusy) {
		t.Fatalf("hash with no free slot: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := h.Verify(ctx, "x", h.dummy); !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled caller: %v", err)
	}
}

// BenchmarkPasswordVerifyDefault is one login's deliberate cost with the
// production argon2id parameters (32 MiB, 2 passes).
func BenchmarkPasswordVerifyDefault(b *testing.B) {
	h := newHasher(DefaultHashParams, 1, time.Minute)
	enc, _ := h.Hash(context.Background(), "purple hedgehog reads maps")
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := h.Verify(context.Background(), "purple hedgehog reads maps", enc); !ok || err != nil {
			b.Fatal(ok, err)
		}
	}
}

// The memory of a burst of hashes is given back once, after the burst,
// and not while hashes keep arriving.
func TestHashMemoryGivenBackAfterBurst(t *testing.T) {
	h := newHasher(quick, 2, time.Second)
	h.quiet = 50 * time.Millisecond
	ctx := context.Background()
	enc, err := h.Hash(ctx, "correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 5 {
				if ok, err := h.Verify(ctx, "correct horse battery", enc); !ok || err != nil {
					t.Errorf("verify: %v %v", ok, err)
				}
			}
		}()
	}
	wg.Wait()
	if n := h.released.Load(); n != 0 {
		t.Fatalf("memory given back %d times during the burst", n)
	}
	deadline := time.Now().Add(10 * time.Second)
	for h.released.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := h.released.Load(); n != 1 {
		t.Fatalf("memory given back %d times after the burst, want once", n)
	}
	// A dummy check (unknown email) runs argon2id with the real parameters.
	p, _, key, err := decodeHash(h.dummy)
	if err != nil || p != quick || len(key) != keyLen {
		t.Fatalf("dummy hash %q: %v %v", h.dummy, p, err)
	}
}
