package app

import (
	"log/slog"
	"net"
	"net/netip"
	"strconv"

	"animalgenius/app/config"
	"animalgenius/app/reach"
)

// Option adjusts how the app is built (tests).
type Option func(*App)

// WithLANDetector replaces the detection of the box's LAN address, so
// tests decide whether the box has one (and never use a real one).
func WithLANDetector(detect func() (netip.Addr, bool)) Option {
	return func(a *App) { a.detectLAN = detect }
}

// NoLAN is a LAN detector that finds no address (the test app's default).
var NoLAN = reach.None

// newReach builds how pupils' devices reach the box: server.public_url,
// else the LAN address on the default route.
func newReach(cfg config.Config, detect func() (netip.Addr, bool)) *reach.Finder {
	if detect == nil && reach.ListensOnLoopback(cfg.Server.Addr) {
		// Listening on loopback only (a reverse proxy in front, or a
		// trial): nothing answers at the LAN address, so links never use
		// it; they use public_url or the address the browser used.
		detect = reach.None
	}
	return reach.New(reach.Options{PublicURL: cfg.Server.PublicURL, Detect: detect})
}

// startMDNS announces the box as <server.mdns_name>.local at its LAN
// address while it runs (server.mdns). Without a LAN address, or when the
// multicast socket cannot be had, it logs why and goes on without.
func (a *App) startMDNS(addr net.Addr) {
	if !a.cfg.Server.MDNS {
		return
	}
	if a.detectLAN == nil && reach.ListensOnLoopback(a.cfg.Server.Addr) {
		a.log.Info("listening on loopback only: not announcing over mDNS; links pupils open use server.public_url or the address of the teacher's browser",
			slog.String("addr", a.cfg.Server.Addr))
		return
	}
	ip, ok := a.reach.LAN()
	if !ok {
		a.log.Warn("no LAN address found: not announcing over mDNS, and links pupils open use the address of the teacher's browser; set server.public_url")
		return
	}
	_, p, err := net.SplitHostPort(addr.String())
	port, perr := strconv.Atoi(p)
	if err != nil || perr != nil {
		return
	}
	ann, err := reach.Announce(a.cfg.Server.MDNSName, ip, port, a.log)
	if err != nil {
		a.log.Warn("mDNS announcement not started", slog.Any("error", err))
		return
	}
	a.announcer = ann
	a.reach.SetAnnounced(ann.URL)
	a.log.Info("announcing over mDNS", slog.String("url", ann.URL), slog.String("lan", ip.String()))
}
