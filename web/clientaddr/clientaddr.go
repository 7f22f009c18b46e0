// Package clientaddr finds the address of the client behind a request: the
// socket peer, or, only when the peer is one of the configured trusted
// proxies, the right-most X-Forwarded-For entry that is not a trusted
// proxy. Entries left of that one are whatever the client chose to send and
// are never believed. The result is a netip.Addr, a value that owns its
// bytes, so it can key budgets and maps after the request's buffers are
// reused.
package clientaddr

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
)

// MaxHops bounds the X-Forwarded-For entries read per request: a longer
// chain is garbage (no school has 32 proxies) and gives the peer.
const MaxHops = 32

// Resolver knows the trusted proxies. The zero Resolver trusts no one.
type Resolver struct {
	trusted []netip.Prefix
}

// New parses the trusted proxies: addresses ("10.0.0.5", "::1") or
// networks ("10.0.0.0/8").
func New(trusted []string) (*Resolver, error) {
	r := &Resolver{}
	for _, t := range trusted {
		t = strings.TrimSpace(t)
		if strings.Contains(t, "/") {
			p, err := netip.ParsePrefix(t)
			if err != nil {
				return nil, fmt.Errorf("clientaddr: trusted proxy %q: %w", t, err)
			}
			if p.Addr().Is4In6() {
				p = netip.PrefixFrom(p.Addr().Unmap(), max(p.Bits()-96, 0))
			}
			r.trusted = append(r.trusted, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(t)
		if err != nil {
			return nil, fmt.Errorf("clientaddr: trusted proxy %q: %w", t, err)
		}
		a = a.Unmap().WithZone("")
		r.trusted = append(r.trusted, netip.PrefixFrom(a, a.BitLen()))
	}
	return r, nil
}

// Trusted tells whether a is one of the trusted proxies.
func (r *Resolver) Trusted(a netip.Addr) bool {
	if r == nil || !a.IsValid() {
		return false
	}
	a = a.Unmap().WithZone("")
	for _, p := range r.trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// Client is the client's address for a request from peer carrying the
// X-Forwarded-For header values forwardedFor (in the order received; a
// proxy may send the header more than once). Without a trusted peer the
// headers are ignored. Walking the entries right to left, trusted proxies
// are skipped and the first other address is the client; an entry that is
// not an address stops the walk and gives the peer, as does a chain longer
// than MaxHops. When every entry is a trusted proxy, the left-most is the
// client (a request that started on a proxy's own machine).
func (r *Resolver) Client(peer netip.Addr, forwardedFor [][]byte) netip.Addr {
	peer = peer.Unmap().WithZone("")
	if !r.Trusted(peer) {
		return peer
	}
	last := peer
	hops := 0
	for i := len(forwardedFor) - 1; i >= 0; i-- {
		rest := forwardedFor[i]
		for len(bytes.TrimSpace(rest)) > 0 {
			var entry []byte
			if j := bytes.LastIndexByte(rest, ','); j >= 0 {
				entry, rest = rest[j+1:], rest[:j]
			} else {
				entry, rest = rest, nil
			}
			if hops++; hops > MaxHops {
				return peer
			}
			a, ok := ParseEntry(entry)
			if !ok {
				return peer
			}
			if !r.Trusted(a) {
				return a
			}
			last = a
		}
	}
	return last
}

// ParseEntry reads one X-Forwarded-For entry: an IPv4 or IPv6 address,
// optionally with a port ("192.0.2.7:5123", "[2001:db8::1]:443") or in
// brackets, surrounded by spaces. IPv4-mapped IPv6 addresses become IPv4;
// zones are dropped.
func ParseEntry(b []byte) (netip.Addr, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || len(b) > len("[ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255]:65535") {
		return netip.Addr{}, false
	}
	// netip parses from a string; this one is a short-lived copy that
	// nothing keeps, and the Addr it gives owns no bytes of the request.
	s := string(b)
	a, err := netip.ParseAddr(s)
	if err != nil {
		ap, perr := netip.ParseAddrPort(s)
		if perr != nil {
			if strings.HasPrefix(s, "[") && strings.HasSuffix(s, "]") {
				a, err = netip.ParseAddr(s[1 : len(s)-1])
			}
			if err != nil {
				return netip.Addr{}, false
			}
		} else {
			a = ap.Addr()
		}
	}
	if a.Zone() != "" {
		a = a.WithZone("")
	}
	return a.Unmap(), true
}
