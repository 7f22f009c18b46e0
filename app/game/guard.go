package game

import (
	"net/netip"
	"sync"
	"time"

	"animalgenius/app/failbudget"
)

// Guard budgets wrong PIN guesses, like passport guessing: per address
// (generous, since a whole school shares one) and for the whole box.
// Past Free failures in a window each further try must wait a growing
// delay; past Limit failures the address is refused until the window ends.
type Guard struct {
	clock   Clock
	opt     GuardOptions
	mu      sync.Mutex
	addrs   map[netip.Addr]*budget
	global  budget
	overflw budget // shared by addresses that find the table full
}

// GuardOptions set the budgets. Zero values take the defaults.
type GuardOptions struct {
	Limit       int           // failures per address per window (200)
	GlobalLimit int           // failures on the box per window (10 x Limit)
	Window      time.Duration // (10 minutes)
	MaxAddrs    int           // addresses remembered at once (10,000)
	MaxDelay    time.Duration // longest wait between tries (5 s)
}

type budget struct {
	start    time.Time
	failures int
	notUntil time.Time
}

// NewGuard makes a guard.
func NewGuard(clock Clock, opt GuardOptions) *Guard {
	if opt.Limit <= 0 {
		opt.Limit = 200
	}
	if opt.GlobalLimit <= 0 {
		opt.GlobalLimit = 10 * opt.Limit
	}
	if opt.Window <= 0 {
		opt.Window = 10 * time.Minute
	}
	if opt.MaxAddrs <= 0 {
		opt.MaxAddrs = 10_000
	}
	if opt.MaxDelay <= 0 {
		opt.MaxDelay = 5 * time.Second
	}
	return &Guard{clock: clock, opt: opt, addrs: make(map[netip.Addr]*budget)}
}

func (b *budget) roll(now time.Time, window time.Duration) {
	if now.Sub(b.start) >= window {
		*b = budget{start: now}
	}
}

// check says how long addr must wait before its next try (0: go ahead).
func (b *budget) check(now time.Time, limit int, window time.Duration) time.Duration {
	b.roll(now, window)
	if b.failures >= limit {
		return b.start.Add(window).Sub(now)
	}
	if now.Before(b.notUntil) {
		return b.notUntil.Sub(now)
	}
	return 0
}

func (b *budget) fail(now time.Time, limit int, window, maxDelay time.Duration) {
	b.roll(now, window)
	b.failures++
	if free := limit / 2; b.failures > free {
		// 100 ms, 200 ms, 300 ms... up to maxDelay between tries.
		b.notUntil = now.Add(min(time.Duration(b.failures-free)*100*time.Millisecond, maxDelay))
	}
}

func (g *Guard) budgetOf(addr netip.Addr, now time.Time) *budget {
	addr = failbudget.AddrKey(addr) // an IPv6 /64 is one guesser
	if b := g.addrs[addr]; b != nil {
		return b
	}
	if len(g.addrs) >= g.opt.MaxAddrs {
		for a, b := range g.addrs {
			if now.Sub(b.start) >= g.opt.Window {
				delete(g.addrs, a)
			}
		}
	}
	if len(g.addrs) >= g.opt.MaxAddrs {
		return &g.overflw
	}
	b := &budget{start: now}
	g.addrs[addr] = b
	return b
}

// Allow refuses a try from addr while its budget or the box's is spent.
func (g *Guard) Allow(addr netip.Addr) error {
	now := g.clock.Now()
	g.mu.Lock()
	defer g.mu.Unlock()
	wait := max(g.budgetOf(addr, now).check(now, g.opt.Limit, g.opt.Window),
		g.global.check(now, g.opt.GlobalLimit, g.opt.Window))
	if wait > 0 {
		return &Error{Code: "too_many_tries", Message: "Too many wrong PINs. Wait a little, then check the number on the screen.", RetryAfter: wait}
	}
	return nil
}

// Fail counts a wrong guess from addr.
func (g *Guard) Fail(addr netip.Addr) {
	now := g.clock.Now()
	g.mu.Lock()
	defer g.mu.Unlock()
	g.budgetOf(addr, now).fail(now, g.opt.Limit, g.opt.Window, g.opt.MaxDelay)
	g.global.fail(now, g.opt.GlobalLimit, g.opt.Window, g.opt.MaxDelay)
}
