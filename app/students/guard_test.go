package students

import (
	"fmt"
	"net/netip"
	"sync"
	"testing"
	"time"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func testGuard(clk *fakeClock) *Guard {
	return NewGuard(GuardOptions{AddrFailures: 10, PrefixFailures: 30, GlobalFailures: 60, Window: 10 * time.Minute,
		BlockBase: 2 * time.Second, BlockMax: time.Minute, SlowStep: 50 * time.Millisecond, SlowMax: time.Second, MaxAddrs: 100}, clk.now)
}

func TestGuardSlowsThenRefusesAnAddress(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_000_000, 0)}
	g := testGuard(clk)
	var delays []time.Duration
	for range 10 {
		if err := g.Check(netip.MustParseAddr("10.0.0.1"), "OWL"); err != nil {
			t.Fatalf("refused within the budget: %v", err)
		}
		delays = append(delays, g.Fail(netip.MustParseAddr("10.0.0.1"), "OWL"))
	}
	// No delay for the first half, then growing.
	for i, d := range delays {
		if i < 5 && d != 0 || i >= 5 && d != time.Duration(i-4)*50*time.Millisecond {
			t.Fatalf("delays %v", delays)
		}
	}
	g.Fail(netip.MustParseAddr("10.0.0.1"), "OWL") // the 11th: over the budget
	err := g.Check(netip.MustParseAddr("10.0.0.1"), "OWL")
	tm, ok := err.(*TooManyError)
	if !ok || tm.RetryAfter != 2*time.Second {
		t.Fatalf("after the budget: %v", err)
	}
	// Another address is not affected.
	if err := g.Check(netip.MustParseAddr("10.0.0.2"), "OWL"); err != nil {
		t.Fatalf("other address: %v", err)
	}
	// The refusal grows with each further failure, up to the maximum.
	clk.add(2 * time.Second)
	g.Fail(netip.MustParseAddr("10.0.0.1"), "OWL")
	if err := g.Check(netip.MustParseAddr("10.0.0.1"), "OWL"); err.(*TooManyError).RetryAfter != 4*time.Second {
		t.Fatalf("second refusal: %v", err)
	}
	for range 20 {
		g.Fail(netip.MustParseAddr("10.0.0.1"), "PAN")
	}
	if err := g.Check(netip.MustParseAddr("10.0.0.1"), "PAN"); err.(*TooManyError).RetryAfter != time.Minute {
		t.Fatalf("capped refusal: %v", err)
	}
	// After the window and the refusal the address starts afresh.
	clk.add(11 * time.Minute)
	if err := g.Check(netip.MustParseAddr("10.0.0.1"), "OWL"); err != nil {
		t.Fatalf("after the window: %v", err)
	}
	if d := g.Fail(netip.MustParseAddr("10.0.0.1"), "OWL"); d != 0 {
		t.Fatalf("first failure of a new window delayed %v", d)
	}
}

// Guesses spread over many addresses still spend the prefix and the box
// budgets; another prefix stays open until the box budget is spent.
func TestGuardPrefixAndGlobal(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_000_000, 0)}
	g := testGuard(clk)
	for i := range 31 {
		g.Fail(netip.MustParseAddr(fmt.Sprintf("10.1.0.%d", i)), "OWL")
	}
	if g.Check(netip.MustParseAddr("10.9.9.9"), "OWL") == nil {
		t.Fatal("a spent prefix was not refused")
	}
	if err := g.Check(netip.MustParseAddr("10.9.9.9"), "PAN"); err != nil {
		t.Fatalf("another prefix refused: %v", err)
	}
	for i := range 30 {
		g.Fail(netip.MustParseAddr(fmt.Sprintf("10.2.0.%d", i)), "PAN")
	}
	if g.Check(netip.MustParseAddr("10.9.9.9"), "MEE") == nil {
		t.Fatal("a spent box budget was not refused")
	}
}

// An outsider with endless addresses cannot make the table grow.
func TestGuardMemoryIsBounded(t *testing.T) {
	clk := &fakeClock{t: time.Unix(1_000_000, 0)}
	g := testGuard(clk)
	for i := range 10_000 {
		g.Fail(netip.MustParseAddr(fmt.Sprintf("2001:db8::%x", i)), "")
		if i%1000 == 0 {
			clk.add(time.Millisecond)
		}
	}
	if n := g.Size(); n > 100+2 {
		t.Fatalf("guard holds %d keys, bound is 100 addresses plus a prefix and the box", n)
	}
}

func BenchmarkGuardFail(b *testing.B) {
	g := NewGuard(DefaultGuardOptions(200), nil)
	i := 0
	for b.Loop() {
		g.Fail(netip.MustParseAddr(fmt.Sprintf("10.0.%d.%d", i>>8&255, i&255)), "OWL")
		i++
	}
}
