// Package reach finds the address pupils' devices use to reach the box:
// server.public_url when set, else the box's LAN address on the default
// route, so join links, QR codes, passport cards and game lobbies never
// point at localhost when the teacher's browser happens to. It also
// announces the box over mDNS (see mdns.go). No HTTP here.
package reach

import (
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Sources of a base address.
const (
	SourceConfig  = "config"  // server.public_url
	SourceLAN     = "lan"     // the box's address on the default route
	SourceRequest = "request" // the address the browser used
)

// Base is the start of the links pupils open ("http://192.168.1.20:8080").
type Base struct {
	URL    string `json:"url"`
	Source string `json:"source"`
	// Loopback is true when URL is a loopback address: no other device can
	// open it (no public_url and no LAN address was found).
	Loopback bool `json:"loopback"`
}

// Finder computes bases. The LAN address is detected at most once per
// refresh interval (a DHCP lease can change while the box runs).
type Finder struct {
	publicURL string
	detect    func() (netip.Addr, bool)
	refresh   time.Duration
	now       func() time.Time

	mu      sync.Mutex
	lan     netip.Addr
	checked time.Time

	announced atomic.Pointer[string]
}

// SetAnnounced records the mDNS address the box answers to
// ("http://animalgenius.local:8080"), "" when it does not.
func (f *Finder) SetAnnounced(url string) { f.announced.Store(&url) }

// Announced is the mDNS address the box answers to ("" for none).
func (f *Finder) Announced() string {
	if p := f.announced.Load(); p != nil {
		return *p
	}
	return ""
}

// Options configure a Finder.
type Options struct {
	// PublicURL is server.public_url ("" for none).
	PublicURL string
	// Detect finds the LAN address (default: DefaultRouteAddr). Tests give
	// their own.
	Detect  func() (netip.Addr, bool)
	Refresh time.Duration // default one minute
	Now     func() time.Time
}

// None is a detector that finds no LAN address.
func None() (netip.Addr, bool) { return netip.Addr{}, false }

// New makes a Finder.
func New(o Options) *Finder {
	if o.Detect == nil {
		o.Detect = DefaultRouteAddr
	}
	if o.Refresh <= 0 {
		o.Refresh = time.Minute
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Finder{publicURL: strings.TrimRight(o.PublicURL, "/"), detect: o.Detect, refresh: o.Refresh, now: o.Now}
}

// LAN is the box's address on the school network, if it has one.
func (f *Finder) LAN() (netip.Addr, bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if now := f.now(); f.checked.IsZero() || now.Sub(f.checked) >= f.refresh {
		f.lan, _ = f.detect()
		f.checked = now
	}
	return f.lan, f.lan.IsValid()
}

// PublicURL is server.public_url without a trailing slash ("" for none).
func (f *Finder) PublicURL() string { return f.publicURL }

// For is the base of links for a request that came in with scheme and
// host (the Host header, maybe with a port). A request to a name or
// address other devices can use keeps it; a request to a loopback address
// gets the LAN address with the same port instead.
func (f *Finder) For(scheme, host string) Base {
	if f.publicURL != "" {
		return Base{URL: f.publicURL, Source: SourceConfig}
	}
	if scheme != "https" {
		scheme = "http"
	}
	name, port := splitHostPort(host)
	if !IsLoopbackHost(name) {
		return Base{URL: scheme + "://" + host, Source: SourceRequest}
	}
	if lan, ok := f.LAN(); ok {
		return Base{URL: scheme + "://" + joinHostPort(lan.String(), port), Source: SourceLAN}
	}
	return Base{URL: scheme + "://" + host, Source: SourceRequest, Loopback: true}
}

// ForListener is the base of links made without a request (the first-run
// setup link in the log, the CLI): public_url, else the listening address,
// with the LAN address for a wildcard or loopback one.
func (f *Finder) ForListener(addr string) Base {
	if f.publicURL != "" {
		return Base{URL: f.publicURL, Source: SourceConfig}
	}
	name, port := splitHostPort(addr)
	if name == "" || isUnspecified(name) {
		name = "localhost"
	}
	return f.For("http", joinHostPort(name, port))
}

// ListensOnLoopback tells whether a listening address (server.addr) is
// a loopback one only (127.0.0.1:8080, [::1]:8080, localhost:8080), not
// every address (:8080, 0.0.0.0:8080) or a LAN one: then no other device
// can connect, whatever address the machine has.
func ListensOnLoopback(addr string) bool {
	host, _, err := net.SplitHostPort(addr)
	if err != nil || host == "" {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		return ip.IsLoopback()
	}
	return IsLoopbackHost(host)
}

// IsLoopbackHost tells whether a host name or address means "this
// machine" only: localhost (and *.localhost), 127.0.0.0/8, ::1, or the
// unspecified address.
func IsLoopbackHost(name string) bool {
	name = strings.TrimSuffix(strings.ToLower(strings.Trim(name, "[]")), ".")
	if name == "localhost" || strings.HasSuffix(name, ".localhost") {
		return true
	}
	a, err := netip.ParseAddr(name)
	return err == nil && (a.Unmap().IsLoopback() || a.IsUnspecified())
}

func isUnspecified(name string) bool {
	a, err := netip.ParseAddr(strings.Trim(name, "[]"))
	return err == nil && a.IsUnspecified()
}

// splitHostPort splits "host:port", "[v6]:port", "host" or "v6".
func splitHostPort(hostport string) (string, string) {
	if h, p, err := net.SplitHostPort(hostport); err == nil {
		return h, p
	}
	return strings.Trim(hostport, "[]"), ""
}

func joinHostPort(host, port string) string {
	if port == "" {
		if strings.Contains(host, ":") {
			return "[" + host + "]"
		}
		return host
	}
	return net.JoinHostPort(host, port)
}
