package accounts

import (
	"fmt"
	"sync"
	"time"
)

// TooManyError refuses an attempt until RetryAfter has passed.
type TooManyError struct{ RetryAfter time.Duration }

func (e *TooManyError) Error() string {
	return fmt.Sprintf("accounts: too many failed attempts, retry after %s", e.RetryAfter)
}

// failBudget counts failures per key (an email, an address). The first
// `free` failures in a window cost nothing; each one after that makes the
// key wait before its next try, twice as long each time up to maxWait. The
// map is bounded: when full, expired keys go first, then the stalest of a
// sample, so an outsider cannot make it grow without limit.
type failBudget struct {
	mu      sync.Mutex
	m       map[string]*failEntry
	max     int
	free    int
	window  time.Duration
	base    time.Duration
	maxWait time.Duration
}

type failEntry struct {
	fails        int
	last         time.Time
	blockedUntil time.Time
}

func newFailBudget(maxKeys, free int, window, base, maxWait time.Duration) *failBudget {
	return &failBudget{m: map[string]*failEntry{}, max: maxKeys, free: free, window: window, base: base, maxWait: maxWait}
}

// wait is how long key must still wait before trying again (0: go ahead).
func (b *failBudget) wait(key string, now time.Time) time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.m[key]
	if e == nil || !now.Before(e.blockedUntil) {
		return 0
	}
	return e.blockedUntil.Sub(now)
}

// fail counts one failure for key.
func (b *failBudget) fail(key string, now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.m[key]
	if e != nil && now.Sub(e.last) > b.window && !now.Before(e.blockedUntil) {
		e.fails = 0
	}
	if e == nil {
		if len(b.m) >= b.max {
			b.evict(now)
		}
		e = &failEntry{}
		b.m[key] = e
	}
	e.fails++
	e.last = now
	if over := e.fails - b.free; over > 0 {
		d := b.base
		for i := 1; i < over && d < b.maxWait; i++ {
			d *= 2
		}
		e.blockedUntil = now.Add(min(d, b.maxWait))
	}
}

// forget clears key (after a success).
func (b *failBudget) forget(key string) {
	b.mu.Lock()
	delete(b.m, key)
	b.mu.Unlock()
}

func (b *failBudget) len() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.m)
}

// evict makes room: drop every key whose window and wait are over; if
// none, drop the stalest of a small sample (map order is random).
func (b *failBudget) evict(now time.Time) {
	for k, e := range b.m {
		if now.Sub(e.last) > b.window && !now.Before(e.blockedUntil) {
			delete(b.m, k)
		}
	}
	if len(b.m) < b.max {
		return
	}
	var oldestKey string
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

// loginBudget holds the per-account (by email, known or not, so it
// reveals nothing) and per-address failure budgets.
type loginBudget struct {
	byEmail *failBudget
	byAddr  *failBudget
	now     func() time.Time
}

func newLoginBudget(now func() time.Time) *loginBudget {
	return &loginBudget{
		// An account: 5 free tries in 15 minutes, then 2 s, 4 s, ... up to 15 minutes between tries.
		byEmail: newFailBudget(20_000, 5, 15*time.Minute, 2*time.Second, 15*time.Minute),
		// An address: 30 free tries (a school shares one address), then the same growth.
		byAddr: newFailBudget(20_000, 30, 15*time.Minute, 2*time.Second, 15*time.Minute),
		now:    now,
	}
}

// check refuses with TooManyError while either budget is spent.
func (l *loginBudget) check(email, ip string) error {
	now := l.now()
	w := max(l.byEmail.wait(email, now), l.byAddr.wait(ip, now))
	if w > 0 {
		return &TooManyError{RetryAfter: w}
	}
	return nil
}

func (l *loginBudget) failed(email, ip string) {
	now := l.now()
	if email != "" {
		l.byEmail.fail(email, now)
	}
	l.byAddr.fail(ip, now)
}

func (l *loginBudget) succeeded(email string) { l.byEmail.forget(email) }
