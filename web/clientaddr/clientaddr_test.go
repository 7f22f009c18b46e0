package clientaddr

import (
	"net/netip"
	"strings"
	"testing"
)

func TestClient(t *testing.T) {
	r, err := New([]string{"127.0.0.1", "::1", "10.0.0.0/8", "::ffff:192.168.1.0/120"})
	if err != nil {
		t.Fatal(err)
	}
	hdr := func(v ...string) [][]byte {
		var out [][]byte
		for _, s := range v {
			out = append(out, []byte(s))
		}
		return out
	}
	cases := []struct {
		name string
		peer string
		xff  [][]byte
		want string
	}{
		{"untrusted peer ignores the header", "203.0.113.9", hdr("198.51.100.1"), "203.0.113.9"},
		{"untrusted peer without header", "203.0.113.9", nil, "203.0.113.9"},
		{"trusted peer without header", "127.0.0.1", nil, "127.0.0.1"},
		{"trusted peer, one entry", "127.0.0.1", hdr("198.51.100.1"), "198.51.100.1"},
		{"client-chosen first entry is not believed", "127.0.0.1", hdr("1.2.3.4, 198.51.100.1"), "198.51.100.1"},
		{"trusted hops on the right are skipped", "127.0.0.1", hdr("1.2.3.4, 198.51.100.1, 10.1.2.3"), "198.51.100.1"},
		{"several headers read as one list", "127.0.0.1", hdr("1.2.3.4", "198.51.100.1", "10.0.0.2"), "198.51.100.1"},
		{"garbage on the right gives the peer", "127.0.0.1", hdr("198.51.100.1, unknown"), "127.0.0.1"},
		{"garbage left of the client is never read", "127.0.0.1", hdr("garbage, 198.51.100.1"), "198.51.100.1"},
		{"empty header gives the peer", "127.0.0.1", hdr(""), "127.0.0.1"},
		{"spaces only", "127.0.0.1", hdr("  ,  "), "127.0.0.1"},
		{"all trusted: the left-most", "127.0.0.1", hdr("10.0.0.9, 10.0.0.2"), "10.0.0.9"},
		{"ports are dropped", "::1", hdr("198.51.100.1:5123"), "198.51.100.1"},
		{"bracketed IPv6 with port", "::1", hdr("[2001:db8::7]:443"), "2001:db8::7"},
		{"bracketed IPv6", "::1", hdr("[2001:db8::7]"), "2001:db8::7"},
		{"IPv4-mapped entry becomes IPv4", "::1", hdr("::ffff:198.51.100.1"), "198.51.100.1"},
		{"IPv4-mapped peer is trusted as IPv4", "::ffff:127.0.0.1", hdr("198.51.100.1"), "198.51.100.1"},
		{"mapped trusted network", "192.168.1.40", hdr("198.51.100.1"), "198.51.100.1"},
		{"zone dropped", "::1", hdr("fe80::1%eth0"), "fe80::1"},
		{"too many hops gives the peer", "127.0.0.1", hdr(strings.Repeat("10.0.0.1,", MaxHops) + "10.0.0.1"), "127.0.0.1"},
		{"a hostname is garbage", "127.0.0.1", hdr("evil.example"), "127.0.0.1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := r.Client(netip.MustParseAddr(tc.peer), tc.xff)
			if got != netip.MustParseAddr(tc.want) {
				t.Fatalf("Client(%s, %q) = %v, want %s", tc.peer, tc.xff, got, tc.want)
			}
		})
	}
}

func TestNewRefusesGarbage(t *testing.T) {
	for _, bad := range []string{"", "10.0.0.0/33", "proxy.example", "1.2.3"} {
		if _, err := New([]string{bad}); err == nil {
			t.Errorf("New(%q) accepted", bad)
		}
	}
}

func TestZeroResolverTrustsNoOne(t *testing.T) {
	var r *Resolver
	peer := netip.MustParseAddr("127.0.0.1")
	if got := r.Client(peer, [][]byte{[]byte("198.51.100.1")}); got != peer {
		t.Fatalf("nil resolver believed the header: %v", got)
	}
	if got := (&Resolver{}).Client(peer, [][]byte{[]byte("198.51.100.1")}); got != peer {
		t.Fatalf("empty resolver believed the header: %v", got)
	}
}

// FuzzClient: the result is always the peer or an address written in the
// header, never one a trusted proxy may hide behind, and the function
// neither panics nor keeps the header's bytes.
func FuzzClient(f *testing.F) {
	for _, s := range []string{"198.51.100.1", "1.2.3.4, 198.51.100.1, 10.0.0.1", "unknown", "[::1]:80", " , ,", "::ffff:10.0.0.1", "fe80::1%x"} {
		f.Add(s, "127.0.0.1")
	}
	r, err := New([]string{"127.0.0.0/8", "10.0.0.0/8", "::1"})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, header, peerText string) {
		peer, err := netip.ParseAddr(peerText)
		if err != nil {
			return
		}
		buf := []byte(header)
		got := r.Client(peer, [][]byte{buf})
		for i := range buf {
			buf[i] = 'x' // the request buffer is reused: the result must not change
		}
		if !got.IsValid() || got.Is4In6() || got.Zone() != "" {
			t.Fatalf("address not valid or not normalised for %q: %v", header, got)
		}
		peer = peer.Unmap().WithZone("")
		if !r.Trusted(peer) {
			if got != peer {
				t.Fatalf("untrusted peer %v gave %v", peer, got)
			}
			return
		}
		if got == peer {
			return
		}
		// The result came from the header: it is one of its entries and
		// every entry right of it is a trusted proxy.
		entries := strings.Split(header, ",")
		for i := len(entries) - 1; i >= 0; i-- {
			a, ok := ParseEntry([]byte(entries[i]))
			if !ok {
				t.Fatalf("walked past garbage %q in %q", entries[i], header)
			}
			if a == got {
				return
			}
			if !r.Trusted(a) {
				t.Fatalf("%q: skipped untrusted %v to reach %v", header, a, got)
			}
		}
		t.Fatalf("%q gave %v, which it does not hold", header, got)
	})
}

// BenchmarkClient: the per-request cost of the client address behind a
// trusted proxy (a two-entry X-Forwarded-For).
func BenchmarkClient(b *testing.B) {
	r, _ := New([]string{"127.0.0.1", "::1"})
	peer := netip.MustParseAddr("127.0.0.1")
	hdr := [][]byte{[]byte("10.1.2.3, 198.51.100.7")}
	b.ReportAllocs()
	for b.Loop() {
		if r.Client(peer, hdr) != netip.MustParseAddr("198.51.100.7") {
			b.Fatal("wrong address")
		}
	}
}
