package failbudget

import (
	"net/netip"
	"testing"
	"time"
)

// Addresses of one IPv6 /64 share a budget (anyone holding a /64 can use
// any address in it); IPv4 and IPv4-mapped addresses are one key each.
func TestAddressBudgetsCountAnIPv6PrefixOnce(t *testing.T) {
	now := time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)
	b := New[netip.Addr](Options{Free: 3, Window: time.Hour, BlockBase: time.Minute, BlockMax: time.Hour, MaxKeys: 100})
	for i := range 4 {
		b.Fail(netip.MustParseAddr("2001:db8:1:2::"+string(rune('a'+i))), now)
	}
	if b.Wait(netip.MustParseAddr("2001:db8:1:2:ffff::1"), now) == 0 {
		t.Fatal("four failures from one /64 did not spend its budget")
	}
	if b.Wait(netip.MustParseAddr("2001:db8:1:3::1"), now) != 0 {
		t.Fatal("another /64 was blocked")
	}
	for range 4 {
		b.Fail(netip.MustParseAddr("::ffff:198.51.100.7"), now)
	}
	if b.Wait(netip.MustParseAddr("198.51.100.7"), now) == 0 || b.Wait(netip.MustParseAddr("198.51.100.8"), now) != 0 {
		t.Fatal("IPv4 keys")
	}
	l := NewLeaky[netip.Addr](2, 1, 100)
	for i := range 3 {
		l.Fail(netip.MustParseAddr("2001:db8::"+string(rune('1'+i))), now)
	}
	if spent, _ := l.Spent(netip.MustParseAddr("2001:db8::9"), now); !spent {
		t.Fatal("the leaky budget counts a /64 as separate addresses")
	}
}
