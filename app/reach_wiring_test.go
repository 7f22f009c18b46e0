package app

import (
	"testing"

	"animalgenius/app/config"
)

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
