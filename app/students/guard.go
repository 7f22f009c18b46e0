package students

import (
	"net/netip"
	"time"

	"animalgenius/app/failbudget"
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
	addr           *failbudget.Budget[netip.Addr]
	prefix, global *failbudget.Budget[string]
	now            func() time.Time
}

// NewGuard makes a guard; now is the clock (time.Now when nil).
func NewGuard(o GuardOptions, now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	return &Guard{
		addr:   newBudget[netip.Addr](o, o.AddrFailures, max(o.MaxAddrs, 1)),
		prefix: newBudget[string](o, o.PrefixFailures, 64), // at most the 8 prefixes and "other"
		global: newBudget[string](o, o.GlobalFailures, 1),
		now:    now,
	}
}

func newBudget[K comparable](o GuardOptions, free, maxKeys int) *failbudget.Budget[K] {
	if free <= 0 {
		return nil
	}
	return failbudget.New[K](failbudget.Options{Free: free, Window: o.Window, BlockBase: o.BlockBase, BlockMax: o.BlockMax,
		SlowStep: o.SlowStep, SlowMax: o.SlowMax, MaxKeys: maxKeys})
}

// Check refuses with *TooManyError while any scope of (addr, prefix) is
// spent. prefix may be "" when the guess has none.
func (g *Guard) Check(addr netip.Addr, prefix string) error {
	now := g.now()
	w := max(g.addr.Wait(addr, now), g.prefix.Wait(prefix, now), g.global.Wait("*", now))
	if w > 0 {
		return &TooManyError{RetryAfter: w}
	}
	return nil
}

// Fail counts one failed guess and returns how long to hold its answer.
func (g *Guard) Fail(addr netip.Addr, prefix string) time.Duration {
	now := g.now()
	d := g.addr.Fail(addr, now)
	if prefix != "" {
		d = max(d, g.prefix.Fail(prefix, now))
	}
	return max(d, g.global.Fail("*", now))
}

// Size is the number of keys held (for tests of the memory bound).
func (g *Guard) Size() int {
	return g.addr.Len() + g.prefix.Len() + g.global.Len()
}
