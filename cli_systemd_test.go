package main

import (
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestServeTellsSystemd runs serve as systemd would with Type=notify and
// WatchdogSec: READY=1 only once the migrations (and the backup before
// them) are done and the server answers, WATCHDOG=1 at half the watchdog
// time, STOPPING=1 on SIGTERM.
func TestServeTellsSystemd(t *testing.T) {
	dir := newCurrentDataDir(t)
	// One migration behind, as after an upgrade: serve backs up and migrates first.
	if code, out, errOut := runBinSplit(t, "", "migrate", "down", "1", "--yes", "--data", dir); code != 0 {
		t.Fatalf("migrate down: %d %s %s", code, out, errOut)
	}
	before, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-migrate-*"))

	sock := filepath.Join(t.TempDir(), "notify.sock")
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: sock, Net: "unixgram"})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	srv := startBinary(t, dir, "NOTIFY_SOCKET="+sock, "WATCHDOG_USEC=200000")
	read := func() string {
		t.Helper()
		buf := make([]byte, 256)
		conn.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, err := conn.Read(buf)
		if err != nil {
			t.Fatalf("no message from serve: %v\nlogs:\n%s", err, srv.logs)
		}
		return string(buf[:n])
	}
	if got := read(); got != "READY=1" {
		t.Fatalf("first message %q, want READY=1", got)
	}
	after, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-migrate-*"))
	if len(after) != len(before)+1 {
		t.Fatalf("READY=1 before the pre-migrate backup: %v -> %v", before, after)
	}
	resp, err := http.Get(srv.url + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("READY=1 sent but /readyz answers %v %v", resp, err)
	}
	resp.Body.Close()
	for i := 0; i < 3; i++ {
		if got := read(); got != "WATCHDOG=1" {
			t.Fatalf("message %d after READY: %q, want WATCHDOG=1", i, got)
		}
	}
	srv.stop(t)
	for i := 0; i < 10; i++ {
		got := read()
		if got == "STOPPING=1" {
			return
		}
		if !strings.HasPrefix(got, "WATCHDOG=1") {
			t.Fatalf("unexpected message %q", got)
		}
	}
	t.Fatal("no STOPPING=1 on SIGTERM")
}
