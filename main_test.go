package main

import (
	"net/netip"
	"os"
	"testing"
)

// TestMain keeps the tests on loopback: the appliance finds no LAN address
// unless a test gives one (withLANDetector), and binaries the tests start
// do not announce themselves over mDNS.
func TestMain(m *testing.M) {
	lanDetector = func() (netip.Addr, bool) { return netip.Addr{}, false }
	os.Setenv("AG_SERVER_MDNS", "false")
	os.Exit(m.Run())
}
