package app

import (
	"testing"

	"animalgenius/app/config"
)

// A box that listens on loopback only (behind a reverse proxy on the same
// machine, or on trial) is reached at no LAN address: links and mDNS must
// not offer one.
func TestLoopbackOnlyListener(t *testing.T) {
	for addr, want := range map[string]bool{
		"127.0.0.1:8080": true, "[::1]:8080": true, "localhost:8080": true, "127.0.0.2:9000": true,
		":8080": false, "0.0.0.0:8080": false, "[::]:8080": false, "192.168.1.20:8080": false, "box.school.test:8080": false, "nonsense": false,
	} {
		if got := loopbackOnly(addr); got != want {
			t.Errorf("loopbackOnly(%q) = %v, want %v", addr, got, want)
		}
	}
}

// Listening on loopback, the links of a request to localhost stay on
// localhost and say so (the UI then asks for server.public_url), whatever
// LAN address the machine has.
func TestLoopbackListenerOffersNoLANLinks(t *testing.T) {
	cfg := config.Default()
	cfg.Server.Addr = "127.0.0.1:8080"
	b := newReach(cfg, nil).For("http", "localhost:8080")
	if b.URL != "http://localhost:8080" || !b.Loopback {
		t.Fatalf("links on a loopback-only box: %+v", b)
	}
	cfg.Server.PublicURL = "https://genius.school.test"
	if b := newReach(cfg, nil).For("http", "localhost:8080"); b.URL != "https://genius.school.test" {
		t.Fatalf("public_url on a loopback-only box: %+v", b)
	}
}
