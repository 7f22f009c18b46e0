package failbudget

import "net/netip"

// AddrKey is the address a per-address budget counts a client under: an
// IPv6 address by its /64 (one home, one school, one phone network
// subscriber gets a whole /64 and can pick any address in it), an
// IPv4-mapped one as IPv4, others as they are.
func AddrKey(a netip.Addr) netip.Addr {
	a = a.Unmap()
	if !a.Is6() {
		return a
	}
	p, err := a.Prefix(64)
	if err != nil {
		return a
	}
	return p.Addr()
}

// normKey normalises addresses (AddrKey) so every budget keyed by netip.Addr
// counts a /64 once; other keys are used as they are.
func normKey[K comparable](k K) K {
	if a, ok := any(k).(netip.Addr); ok {
		return any(AddrKey(a)).(K)
	}
	return k
}
