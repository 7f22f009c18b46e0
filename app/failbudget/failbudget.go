// Package failbudget counts failed tries per key (an address, an email, a
// passport prefix) so that guessing gets slower and then refused, while
// successes cost nothing. The first Free failures in a window are free;
// each one after that blocks the key for a time that doubles from
// BlockBase up to BlockMax. Past half of Free, each failure can also be
// held back (SlowStep more per failure, up to SlowMax) so a guesser learns
// slowly even before the refusals start. The table of keys is bounded:
// when full, expired keys go first, then the stalest of a sample, so an
// outsider cannot make it grow without limit.
package failbudget

import (
	"sync"
	"time"
)

// Options size a Budget.
type Options struct {
	Free      int           // failures per window before refusing
	Window    time.Duration // a key's count starts over this long after its first failure
	BlockBase time.Duration // the first refusal; doubles with each further failure
	BlockMax  time.Duration // the longest refusal
	SlowStep  time.Duration // added hold per failure past Free/2 (0: none)
	SlowMax   time.Duration // the longest hold
	MaxKeys   int           // keys remembered at once (at least 1)
}

// Budget is one scope of failures (per address, per account, ...), keyed
// by K: a value type such as netip.Addr, or a string the caller owns
// (never one pointing into a request buffer). A nil *Budget is a scope
// that is turned off: it never waits nor holds.
type Budget[K comparable] struct {
	mu    sync.Mutex
	m     map[K]*entry
	o     Options
	swept time.Time // last full sweep for expired entries
}

type entry struct {
	fails        int
	start        time.Time // the window began with the first failure
	last         time.Time
	blockedUntil time.Time
}

// New makes a budget.
func New[K comparable](o Options) *Budget[K] {
	o.MaxKeys = max(o.MaxKeys, 1)
	return &Budget[K]{m: map[K]*entry{}, o: o}
}

// Wait is how long key must still wait before trying again (0: go ahead).
func (b *Budget[K]) Wait(key K, now time.Time) time.Duration {
	key = normKey(key)
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.m[key]
	if e == nil || !now.Before(e.blockedUntil) {
		return 0
	}
	return e.blockedUntil.Sub(now)
}

// Fail counts one failure for key and returns how long to hold its answer.
func (b *Budget[K]) Fail(key K, now time.Time) time.Duration {
	key = normKey(key)
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.m[key]
	if e != nil && b.expired(e, now) {
		*e = entry{}
	}
	if e == nil {
		if len(b.m) >= b.o.MaxKeys {
			b.evict(now)
		}
		e = &entry{}
		b.m[key] = e
	}
	if e.fails == 0 {
		e.start = now
	}
	e.fails++
	e.last = now
	if over := e.fails - b.o.Free; over > 0 {
		d := b.o.BlockBase
		for i := 1; i < over && d < b.o.BlockMax; i++ {
			d *= 2
		}
		e.blockedUntil = now.Add(min(d, b.o.BlockMax))
	}
	if past := e.fails - b.o.Free/2; past > 0 && b.o.SlowStep > 0 {
		return min(time.Duration(past)*b.o.SlowStep, b.o.SlowMax)
	}
	return 0
}

// Forget clears key (after a success, where that should wipe the slate).
func (b *Budget[K]) Forget(key K) {
	key = normKey(key)
	if b == nil {
		return
	}
	b.mu.Lock()
	delete(b.m, key)
	b.mu.Unlock()
}

// Len is the number of keys held (for tests of the memory bound).
func (b *Budget[K]) Len() int {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}

// expired: the window is over and no refusal is running.
func (b *Budget[K]) expired(e *entry, now time.Time) bool {
	return now.Sub(e.start) > b.o.Window && !now.Before(e.blockedUntil)
}

// evict makes room: every expired entry goes (a full sweep at most once a
// second, so a flood of new keys costs little); if none, the stalest of a
// small sample (map order is random). The table never grows past MaxKeys.
func (b *Budget[K]) evict(now time.Time) {
	if now.Sub(b.swept) >= time.Second {
		b.swept = now
		for k, e := range b.m {
			if b.expired(e, now) {
				delete(b.m, k)
			}
		}
		if len(b.m) < b.o.MaxKeys {
			return
		}
	}
	var oldestKey K
	var oldest time.Time
	n := 0
	for k, e := range b.m {
		if n == 0 || e.last.Before(oldest) {
			oldestKey, oldest = k, e.last
		}
		if n++; n >= 16 {
			break
		}
	}
	delete(b.m, oldestKey)
}
