package main

import (
	"os"
	"testing"
)

// TestMain keeps the binaries these tests start off the network's mDNS
// (the test app itself finds no LAN address: see app/apptest).
func TestMain(m *testing.M) {
	os.Setenv("AG_SERVER_MDNS", "false")
	os.Exit(m.Run())
}
