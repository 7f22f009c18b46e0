package reach

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/miekg/dns"
)

// A route table as Linux writes it: the default route on eth0 (metric 100)
// and on wlan0 (metric 600), and a local network.
const routeTable = `Iface	Destination	Gateway 	Flags	RefCnt	Use	Metric	Mask		MTU	Window	IRTT
wlan0	00000000	0101A8C0	0003	0	0	600	00000000	0	0	0
eth0	00000000	01000A0A	0003	0	0	100	00000000	0	0	0
eth0	00000A0A	00000000	0001	0	0	100	0000FFFF	0	0	0
`

func addrs(s ...string) []netip.Addr {
	var out []netip.Addr
	for _, a := range s {
		out = append(out, netip.MustParseAddr(a))
	}
	return out
}

func TestPickLAN(t *testing.T) {
	lo := Interface{Name: "lo", Up: false, Addrs: addrs("127.0.0.1", "::1")}
	for _, tc := range []struct {
		name  string
		table string
		ifs   []Interface
		want  string // "" for none
	}{
		{"default route with the lowest metric wins", routeTable, []Interface{lo,
			{Name: "wlan0", Up: true, Addrs: addrs("192.168.1.20")},
			{Name: "eth0", Up: true, Addrs: addrs("fe80::1", "10.10.4.7")}}, "10.10.4.7"},
		{"the route's interface is down: the best other one", routeTable, []Interface{lo,
			{Name: "wlan0", Up: true, Addrs: addrs("192.168.1.20")},
			{Name: "eth0", Up: false, Addrs: addrs("10.10.4.7")}}, "192.168.1.20"},
		{"no route table (not Linux): a private IPv4 first", "", []Interface{lo,
			{Name: "en0", Up: true, Addrs: addrs("2001:db8::5", "203.0.113.9", "172.16.3.3")}}, "172.16.3.3"},
		{"global IPv4 before IPv6", "", []Interface{{Name: "en0", Up: true, Addrs: addrs("2001:db8::5", "203.0.113.9")}}, "203.0.113.9"},
		{"IPv6 only", "", []Interface{{Name: "en0", Up: true, Addrs: addrs("fe80::2", "2001:db8::5")}}, "2001:db8::5"},
		{"only loopback and link-local: none", routeTable, []Interface{lo,
			{Name: "eth0", Up: true, Addrs: addrs("169.254.3.4", "fe80::1")}}, ""},
		{"garbage in the table is skipped", "eth0 zz 00 03\nnonsense", []Interface{{Name: "eth0", Up: true, Addrs: addrs("10.1.2.3")}}, "10.1.2.3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := PickLAN(tc.table, tc.ifs)
			if tc.want == "" {
				if ok {
					t.Fatalf("got %v, want none", got)
				}
				return
			}
			if !ok || got.String() != tc.want {
				t.Fatalf("got %v %v, want %s", got, ok, tc.want)
			}
		})
	}
}

func TestBaseNeverLoopbackWhenALANAddressExists(t *testing.T) {
	lan := func() (netip.Addr, bool) { return netip.MustParseAddr("192.168.1.20"), true }
	none := func() (netip.Addr, bool) { return netip.Addr{}, false }
	for _, tc := range []struct {
		name, public, scheme, host string
		detect                     func() (netip.Addr, bool)
		want                       Base
	}{
		{"public_url wins", "https://ag.hill.school/", "http", "localhost:8080", lan, Base{URL: "https://ag.hill.school", Source: SourceConfig}},
		{"localhost becomes the LAN address, same port", "", "http", "localhost:8080", lan, Base{URL: "http://192.168.1.20:8080", Source: SourceLAN}},
		{"127.0.0.1", "", "http", "127.0.0.1:8080", lan, Base{URL: "http://192.168.1.20:8080", Source: SourceLAN}},
		{"127.x.y.z without a port", "", "http", "127.3.0.1", lan, Base{URL: "http://192.168.1.20", Source: SourceLAN}},
		{"[::1]", "", "http", "[::1]:9090", lan, Base{URL: "http://192.168.1.20:9090", Source: SourceLAN}},
		{"app.localhost", "", "https", "app.localhost:8443", lan, Base{URL: "https://192.168.1.20:8443", Source: SourceLAN}},
		{"0.0.0.0", "", "http", "0.0.0.0:8080", lan, Base{URL: "http://192.168.1.20:8080", Source: SourceLAN}},
		{"a LAN name is kept", "", "http", "ag.school.lan:8080", lan, Base{URL: "http://ag.school.lan:8080", Source: SourceRequest}},
		{"another LAN address is kept", "", "http", "10.0.0.5:8080", lan, Base{URL: "http://10.0.0.5:8080", Source: SourceRequest}},
		{"an odd scheme is http", "", "gopher", "localhost:8080", lan, Base{URL: "http://192.168.1.20:8080", Source: SourceLAN}},
		{"no LAN address: loopback, flagged", "", "http", "localhost:8080", none, Base{URL: "http://localhost:8080", Source: SourceRequest, Loopback: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := New(Options{PublicURL: tc.public, Detect: tc.detect})
			got := f.For(tc.scheme, tc.host)
			if got != tc.want {
				t.Fatalf("For(%q, %q) = %+v, want %+v", tc.scheme, tc.host, got, tc.want)
			}
			if _, ok := tc.detect(); ok && tc.public == "" && IsLoopbackHost(strings.TrimPrefix(strings.TrimPrefix(got.URL, "http://"), "https://")) {
				t.Fatalf("a loopback base %q with a LAN address", got.URL)
			}
		})
	}
}

func TestForListener(t *testing.T) {
	lan := func() (netip.Addr, bool) { return netip.MustParseAddr("10.1.2.3"), true }
	f := New(Options{Detect: lan})
	for addr, want := range map[string]string{":8080": "http://10.1.2.3:8080", "0.0.0.0:80": "http://10.1.2.3:80",
		"127.0.0.1:8080": "http://10.1.2.3:8080", "10.9.9.9:8080": "http://10.9.9.9:8080", "[::]:8080": "http://10.1.2.3:8080"} {
		if got := f.ForListener(addr).URL; got != want {
			t.Errorf("ForListener(%q) = %q, want %q", addr, got, want)
		}
	}
}

func TestLANIsDetectedAgainAfterTheRefresh(t *testing.T) {
	now := time.Date(2026, 1, 5, 8, 0, 0, 0, time.UTC)
	calls := 0
	ip := "192.168.1.20"
	f := New(Options{Now: func() time.Time { return now }, Refresh: time.Minute,
		Detect: func() (netip.Addr, bool) { calls++; return netip.MustParseAddr(ip), true }})
	f.LAN()
	f.LAN()
	ip = "192.168.1.77" // a new DHCP lease
	if a, _ := f.LAN(); a.String() != "192.168.1.20" || calls != 1 {
		t.Fatalf("within the minute: %v after %d detections", a, calls)
	}
	now = now.Add(time.Minute)
	if a, _ := f.LAN(); a.String() != "192.168.1.77" || calls != 2 {
		t.Fatalf("after the minute: %v after %d detections", a, calls)
	}
}

func TestZoneAnswersForTheName(t *testing.T) {
	zone, err := Zone("AnimalGenius", netip.MustParseAddr("192.168.1.20"), 8080)
	if err != nil {
		t.Fatal(err)
	}
	rrs := zone.Records(dns.Question{Name: "animalgenius.local.", Qtype: dns.TypeA, Qclass: dns.ClassINET})
	found := false
	for _, rr := range rrs {
		if a, ok := rr.(*dns.A); ok && a.A.String() == "192.168.1.20" {
			found = true
		}
	}
	if !found {
		t.Fatalf("A records for animalgenius.local: %v", rrs)
	}
	srv := zone.Records(dns.Question{Name: "_http._tcp.local.", Qtype: dns.TypePTR, Qclass: dns.ClassINET})
	if len(srv) == 0 {
		t.Fatal("no _http._tcp service record")
	}
	for _, bad := range []string{"", "-ag", "ag-", "a.b", "ag school", strings.Repeat("a", 64)} {
		if _, err := Zone(bad, netip.MustParseAddr("192.168.1.20"), 8080); err == nil {
			t.Errorf("name %q accepted", bad)
		}
	}
}

// A box that listens on loopback only (behind a reverse proxy on the same
// machine, or on trial) is reached at no LAN address: links and mDNS must
// not offer one.
func TestListensOnLoopback(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:8080": true, "localhost:8080": true, "127.0.0.2:9000": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.20:8080": false, "box.school.test:8080": false, "nonsense": false,
	} {
		if got := ListensOnLoopback(addr); got != want {
			t.Errorf("ListensOnLoopback(%q) = %v, want %v", addr, got, want)
		}
	}
}
