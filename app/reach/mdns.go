package reach

import (
	"fmt"
	"io"
	"log"
	"log/slog"
	"net"
	"net/netip"
	"strings"

	"github.com/hashicorp/mdns"
)

// MDNSLabel checks an mDNS host label (server.mdns_name): 1-63 letters,
// digits and hyphens, not starting or ending with a hyphen.
func MDNSLabel(name string) error {
	if len(name) < 1 || len(name) > 63 || name[0] == '-' || name[len(name)-1] == '-' {
		return fmt.Errorf("must be 1-63 letters, digits or hyphens, not starting or ending with a hyphen, got %q", name)
	}
	for _, c := range name {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return fmt.Errorf("must be 1-63 letters, digits or hyphens, got %q", name)
		}
	}
	return nil
}

// Zone is what the box answers over mDNS: <name>.local's address and an
// "_http._tcp" service pointing at it, so pupils' devices that resolve
// .local names (most phones, tablets, Macs and Linux laptops; Windows 10+)
// can open http://<name>.local:<port>.
func Zone(name string, ip netip.Addr, port int) (*mdns.MDNSService, error) {
	if err := MDNSLabel(name); err != nil {
		return nil, err
	}
	host := strings.ToLower(name) + ".local."
	return mdns.NewMDNSService("Animal Genius", "_http._tcp", "local.", host, port, []net.IP{net.IP(ip.AsSlice())},
		[]string{"path=/"})
}

// Announcer answers mDNS queries for the box until Close.
type Announcer struct {
	server *mdns.Server
	URL    string // http://<name>.local:<port>
}

// Announce starts answering for name.local at ip (on the interface that
// holds ip, when found). It listens on the mDNS multicast group (UDP 5353).
func Announce(name string, ip netip.Addr, port int, logger *slog.Logger) (*Announcer, error) {
	zone, err := Zone(name, ip, port)
	if err != nil {
		return nil, err
	}
	cfg := &mdns.Config{Zone: zone, Iface: interfaceOf(ip),
		// The library logs through the standard logger; its lines go to ours.
		Logger: log.New(slogWriter{logger}, "", 0)}
	srv, err := mdns.NewServer(cfg)
	if err != nil {
		return nil, fmt.Errorf("reach: unable to announce %s.local over mDNS: %w", name, err)
	}
	return &Announcer{server: srv, URL: "http://" + joinHostPort(strings.ToLower(name)+".local", fmt.Sprint(port))}, nil
}

// Close stops answering.
func (a *Announcer) Close() error {
	if a == nil || a.server == nil {
		return nil
	}
	return a.server.Shutdown()
}

func interfaceOf(ip netip.Addr) *net.Interface {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	for i := range ifs {
		addrs, err := ifs[i].Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if p, err := netip.ParsePrefix(a.String()); err == nil && p.Addr().Unmap() == ip {
				return &ifs[i]
			}
		}
	}
	return nil
}

type slogWriter struct{ log *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	if w.log != nil {
		w.log.Debug("mdns", slog.String("message", strings.TrimSpace(string(p))))
	}
	return len(p), nil
}

var _ io.Writer = slogWriter{}
