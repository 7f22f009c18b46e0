package reach

import (
	"bufio"
	"net"
	"net/netip"
	"os"
	"strconv"
	"strings"
)

// Interface is one network interface as detection sees it.
type Interface struct {
	Name  string
	Up    bool
	Addrs []netip.Addr
}

// DefaultRouteAddr is the box's address on the interface of its default
// route (Linux: /proc/net/route), else the best address of any interface
// that is up: a private IPv4 address first (a school LAN), then any other
// global IPv4, then a global IPv6 address. Loopback and link-local
// addresses never count. Nothing is sent on the network.
func DefaultRouteAddr() (netip.Addr, bool) {
	table, _ := os.ReadFile("/proc/net/route")
	return PickLAN(string(table), interfaces())
}

func interfaces() []Interface {
	ifs, err := net.Interfaces()
	if err != nil {
		return nil
	}
	out := make([]Interface, 0, len(ifs))
	for _, in := range ifs {
		it := Interface{Name: in.Name, Up: in.Flags&net.FlagUp != 0 && in.Flags&net.FlagLoopback == 0}
		addrs, err := in.Addrs()
		if err != nil {
			continue
		}
		for _, a := range addrs {
			if p, err := netip.ParsePrefix(a.String()); err == nil {
				it.Addrs = append(it.Addrs, p.Addr().Unmap())
			}
		}
		out = append(out, it)
	}
	return out
}

// PickLAN chooses the LAN address from a /proc/net/route table (may be
// empty) and the interfaces.
func PickLAN(routeTable string, ifs []Interface) (netip.Addr, bool) {
	if name := defaultRouteInterface(routeTable); name != "" {
		for _, in := range ifs {
			if in.Name == name && in.Up {
				if a, ok := best(in.Addrs); ok {
					return a, true
				}
			}
		}
	}
	var all []netip.Addr
	for _, in := range ifs {
		if in.Up {
			all = append(all, in.Addrs...)
		}
	}
	return best(all)
}

// best is the most useful address of addrs for pupils' devices.
func best(addrs []netip.Addr) (netip.Addr, bool) {
	rank := func(a netip.Addr) int {
		switch {
		case !a.IsValid() || a.IsLoopback() || a.IsUnspecified() || a.IsLinkLocalUnicast() || a.IsMulticast():
			return 0
		case a.Is4() && a.IsPrivate():
			return 4
		case a.Is4() && a.IsGlobalUnicast():
			return 3
		case a.Is6() && a.IsGlobalUnicast():
			return 2
		}
		return 0
	}
	var pick netip.Addr
	top := 0
	for _, a := range addrs {
		if r := rank(a); r > top {
			pick, top = a, r
		}
	}
	return pick, top > 0
}

// defaultRouteInterface reads the interface of the default route with the
// lowest metric from /proc/net/route ("" when there is none).
func defaultRouteInterface(table string) string {
	const rtfUp = 0x1
	name, metric := "", -1
	sc := bufio.NewScanner(strings.NewReader(table))
	for sc.Scan() {
		f := strings.Fields(sc.Text())
		if len(f) < 8 || f[1] != "00000000" || f[7] != "00000000" {
			continue
		}
		flags, err := strconv.ParseUint(f[3], 16, 32)
		if err != nil || flags&rtfUp == 0 {
			continue
		}
		m, err := strconv.Atoi(f[6])
		if err != nil {
			continue
		}
		if metric < 0 || m < metric {
			name, metric = f[0], m
		}
	}
	return name
}
