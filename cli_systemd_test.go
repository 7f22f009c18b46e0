package main

import (
	"net"
	"net/http"
	"os"
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

// TestServeRefusalExitStatus: a refusal a restart cannot fix (a bad
// setting) exits 78, which the unit does not restart; any other failure
// (the port taken) exits 1 and is restarted.
func TestServeRefusalExitStatus(t *testing.T) {
	dir := newCurrentDataDir(t)
	conf := filepath.Join(t.TempDir(), "config.toml")
	if err := os.WriteFile(conf, []byte("[log]\nlevel = \"loud\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runBinSplit(t, "", "serve", "--config", conf, "--data", dir, "--addr", "127.0.0.1:0")
	if code != 78 || !strings.Contains(errOut, "log.level") {
		t.Fatalf("bad config: exit %d, want 78\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if code, _, errOut := runBinSplit(t, "", "serve", "--data", dir, "--addr", "no-port"); code != 78 || !strings.Contains(errOut, "server.addr") {
		t.Fatalf("bad --addr: exit %d, want 78\n%s", code, errOut)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	if code, _, errOut := runBinSplit(t, "", "serve", "--data", dir, "--addr", ln.Addr().String()); code != 1 || !strings.Contains(errOut, "unable to listen") {
		t.Fatalf("port taken: exit %d, want 1\n%s", code, errOut)
	}
}
