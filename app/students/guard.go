package students

import (
	"sync"
	"time"
)

// Guessing budgets. A passport code is a password that a 10-year-old can
// type, so wrong guesses are budgeted three ways: per address (generous: a
// whole school shares one NAT address), per animal prefix (an attacker
// spread over many addresses still works on a few prefixes) and for the
// whole box. Only failures count: a school-sized burst of correct logins
// never gets near a budget. Past half of a budget each failure answers
// more slowly; past the budget the scope is refused for a growing time.

// GuardOptions size a Guard.
type GuardOptions struct {
	// AddrFailures, PrefixFailures and GlobalFailures are the failures
	// allowed per Window before refusing; 0 turns that scope off.
	AddrFailures   int
	PrefixFailures int
	GlobalFailures int
	Window         time.Duration
	// BlockBase is the first refusal time, doubling with each further
	// failure up to BlockMax.
	BlockBase time.Duration
	BlockMax  time.Duration
	// SlowStep is the added answer time per failure past half a budget,
	// up to SlowMax.
	SlowStep time.Duration
	SlowMax  time.Duration
	// MaxAddrs bounds the per-address table (the oldest entries go first).
	MaxAddrs int
}

// DefaultGuardOptions derives the budgets from the per-address one (the
// config key auth.passport_addr_failures).
func DefaultGuardOptions(addrFailures int) GuardOptions {
	return GuardOptions{
		AddrFailures:   addrFailures,
		PrefixFailures: 5 * addrFailures,
		GlobalFailures: 10 * addrFailures,
		Window:         10 * time.Minute,
		BlockBase:      2 * time.Second,
		BlockMax:       10 * time.Minute,
		SlowStep:       50 * time.Millisecond,
		SlowMax:        time.Second,
		MaxAddrs:       20_000,
	}
}

// Guard holds the budgets of one kind of guess (passports, class codes).
type Guard struct {
	addr, prefix, global *budget
	now                  func() time.Time
}

// NewGuard makes a guard; now is the clock (time.Now when nil).
func NewGuard(o GuardOptions, now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	mk := func(free, maxKeys int) *budget {
		if free <= 0 {
			return nil
		}
		return &budget{m: map[string]*budgetEntry{}, maxKeys: maxKeys, free: free, o: o}
	}
	return &Guard{
		addr:   mk(o.AddrFailures, max(o.MaxAddrs, 1)),
		prefix: mk(o.PrefixFailures, 64), // at most the 8 prefixes and "other"
		global: mk(o.GlobalFailures, 1),
		now:    now,
	}
}

// Check refuses with *TooManyError while any scope of (addr, prefix) is
// spent. prefix may be "" when the guess has none.
func (g *Guard) Check(addr, prefix string) error {
	now := g.now()
	w := max(g.addr.wait(addr, now), g.prefix.wait(prefix, now), g.global.wait("*", now))
	if w > 0 {
		return &TooManyError{RetryAfter: w}
	}
	return nil
}

// Fail counts one failed guess and returns how long to hold its answer.
func (g *Guard) Fail(addr, prefix string) time.Duration {
	now := g.now()
	d := g.addr.fail(addr, now)
	if prefix != "" {
		d = max(d, g.prefix.fail(prefix, now))
	}
	return max(d, g.global.fail("*", now))
}

// Size is the number of keys held (for tests of the memory bound).
func (g *Guard) Size() int {
	n := 0
	for _, b := range []*budget{g.addr, g.prefix, g.global} {
		if b != nil {
			b.mu.Lock()
			n += len(b.m)
			b.mu.Unlock()
		}
	}
	return n
}

type budget struct {
	mu      sync.Mutex
	m       map[string]*budgetEntry
	maxKeys int
	free    int
	o       GuardOptions
	swept   time.Time // last full sweep for expired entries
}

type budgetEntry struct {
	fails        int
	start        time.Time // the window began with the first failure
	last         time.Time
	blockedUntil time.Time
}

func (b *budget) wait(key string, now time.Time) time.Duration {
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

func (b *budget) fail(key string, now time.Time) time.Duration {
	if b == nil {
		return 0
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	e := b.m[key]
	if e != nil && b.expired(e, now) {
		*e = budgetEntry{}
	}
	if e == nil {
		if len(b.m) >= b.maxKeys {
			b.evict(now)
		}
		e = &budgetEntry{}
		b.m[key] = e
	}
	if e.fails == 0 {
		e.start = now
	}
	e.fails++
	e.last = now
	if over := e.fails - b.free; over > 0 {
		d := b.o.BlockBase
		for i := 1; i < over && d < b.o.BlockMax; i++ {
			d *= 2
		}
		e.blockedUntil = now.Add(min(d, b.o.BlockMax))
	}
	if past := e.fails - b.free/2; past > 0 {
		return min(time.Duration(past)*b.o.SlowStep, b.o.SlowMax)
	}
	return 0
}

// expired: the window is over and no refusal is running.
func (b *budget) expired(e *budgetEntry, now time.Time) bool {
	return now.Sub(e.start) > b.o.Window && !now.Before(e.blockedUntil)
}

// evict makes room: every expired entry goes (a full sweep at most once a
// second, so a flood of new addresses costs little); if none, the stalest
// of a small sample (map order is random). The table never grows past maxKeys.
func (b *budget) evict(now time.Time) {
	if now.Sub(b.swept) >= time.Second {
		b.swept = now
		for k, e := range b.m {
			if b.expired(e, now) {
				delete(b.m, k)
			}
		}
		if len(b.m) < b.maxKeys {
			return
		}
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
