package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/sqlitestore"
)

func TestUsageErrorsExit2(t *testing.T) {
	// The hint names the command that refused.
	for _, tc := range []struct {
		args []string
		hint string
	}{
		{[]string{"frobnicate"}, "animalgenius"},
		{[]string{"serve", "--no-such-flag"}, "animalgenius serve"},
		{[]string{"migrate", "down"}, "animalgenius migrate down"},
		{[]string{"migrate", "down", "zero"}, "animalgenius migrate down"},
		{[]string{"migrate", "frobnicate"}, "animalgenius migrate"},
		{[]string{"admin", "list", "-x"}, "animalgenius admin list"},
		{[]string{"restore"}, "animalgenius restore"},
		{[]string{"version", "extra"}, "animalgenius version"},
		{[]string{"man"}, "animalgenius man"},
		{[]string{}, "animalgenius"},
	} {
		code, out := apptest.RunBin(t, nil, tc.args...)
		if code != 2 || !strings.Contains(out, "Run '"+tc.hint+" --help' for usage") {
			t.Errorf("%v: exit %d, output %q", tc.args, code, out)
		}
	}
}

func TestVersionCommand(t *testing.T) {
	code, out := apptest.RunBin(t, nil, "version")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, out)
	}
	for _, want := range []string{"animalgenius ", "commit:", "go:      go1.", "sqlite:  3."} {
		if !strings.Contains(out, want) {
			t.Errorf("version output lacks %q:\n%s", want, out)
		}
	}
}

func TestBadConfigRefusedAtStart(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.toml")
	os.WriteFile(path, []byte("[database]\nsynchronous = \"OFF\"\n"), 0o600)
	// A bad setting is a refusal a restart cannot fix: 78, not restarted by systemd.
	code, out := apptest.RunBin(t, nil, "serve", "--config", path, "--data", dir)
	if code != exitConfig || !strings.Contains(out, "database.synchronous") {
		t.Fatalf("exit %d: %s", code, out)
	}
	code, out = apptest.RunBin(t, []string{"AG_SERVER_ADDR=nonsense"}, "serve", "--data", dir)
	if code != exitConfig || !strings.Contains(out, "server.addr") {
		t.Fatalf("exit %d: %s", code, out)
	}
}

// servingBinary starts `animalgenius serve` as a child process and waits
// until it answers /readyz.
type servingBinary struct {
	cmd  *exec.Cmd
	url  string
	logs *bytes.Buffer
}

var readyLine = regexp.MustCompile(`addr=127\.0\.0\.1:(\d+)`)

func startBinary(t *testing.T, dataDir string, extraEnv ...string) *servingBinary {
	t.Helper()
	cmd := exec.Command(apptest.BuiltBinary(t), "serve", "--data", dataDir, "--addr", "127.0.0.1:0")
	cmd.Env = append(append(os.Environ(), "AG_BACKUP_TIME="), extraEnv...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sb := &servingBinary{cmd: cmd, logs: &bytes.Buffer{}}
	t.Cleanup(func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			cmd.Wait()
		}
	})
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			line := sc.Text()
			sb.logs.WriteString(line + "\n")
			if m := readyLine.FindStringSubmatch(line); m != nil && strings.Contains(line, "ready") {
				found <- m[1]
			}
		}
		close(found)
	}()
	select {
	case port, ok := <-found:
		if !ok {
			cmd.Wait()
			t.Fatalf("server exited before ready:\n%s", sb.logs)
		}
		sb.url = "http://127.0.0.1:" + port
	case <-time.After(30 * time.Second):
		t.Fatalf("server not ready in 30s:\n%s", sb.logs)
	}
	return sb
}

func (sb *servingBinary) stop(t *testing.T) {
	t.Helper()
	sb.cmd.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- sb.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("server exited with %v after SIGTERM:\n%s", err, sb.logs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop within 30s of SIGTERM")
	}
}

func TestServeBackupRestoreWithTheBinary(t *testing.T) {
	dataDir := t.TempDir()
	srv := startBinary(t, dataDir)

	// A second server on the same directory exits with a clear message.
	code, out := apptest.RunBin(t, []string{"AG_BACKUP_TIME="}, "serve", "--data", dataDir, "--addr", "127.0.0.1:0")
	if code != 1 || !strings.Contains(out, "in use by another animalgenius process") {
		t.Fatalf("second serve: exit %d: %s", code, out)
	}
	// healthcheck answers 0 against the running server.
	if code, out := apptest.RunBin(t, nil, "healthcheck", "--url", srv.url+"/readyz"); code != 0 {
		t.Fatalf("healthcheck: %d %s", code, out)
	}
	// Backup while serving.
	archive := filepath.Join(t.TempDir(), "b.tar.gz")
	if code, out := apptest.RunBin(t, nil, "backup", "--data", dataDir, "--out", archive); code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("backup: %d %s", code, out)
	}
	// Restore refuses while the server holds the directory.
	if code, out := apptest.RunBin(t, nil, "restore", "--data", dataDir, archive); code != 1 || !strings.Contains(out, "stop the server") {
		t.Fatalf("restore while serving: %d %s", code, out)
	}
	if code, out := apptest.RunBin(t, nil, "migrate", "up", "--data", dataDir); code != 1 || !strings.Contains(out, "stop the server") {
		t.Fatalf("migrate up while serving: %d %s", code, out)
	}
	srv.stop(t)
	if !strings.Contains(srv.logs.String(), "shutting down") {
		t.Errorf("no graceful shutdown in logs:\n%s", srv.logs)
	}
	// After a clean stop the WAL is checkpointed away.
	if fi, err := os.Stat(filepath.Join(dataDir, sqlitestore.DBFile+"-wal")); err == nil && fi.Size() > 0 {
		t.Errorf("WAL not checkpointed at shutdown: %d bytes", fi.Size())
	}
	// Restore into a fresh directory, then check and status.
	fresh := t.TempDir()
	if code, out := apptest.RunBin(t, nil, "restore", "--data", fresh, archive); code != 0 || !strings.Contains(out, "restored") {
		t.Fatalf("restore: %d %s", code, out)
	}
	if code, out := apptest.RunBin(t, nil, "check", "--data", fresh); code != 0 || !strings.Contains(out, "ok: database is consistent") {
		t.Fatalf("check: %d %s", code, out)
	}
	if code, out := apptest.RunBin(t, nil, "migrate", "status", "--data", fresh); code != 0 || !strings.Contains(out, "pending: 0") {
		t.Fatalf("migrate status: %d %s", code, out)
	}
	// A foreign file is refused and the data stays.
	junk := filepath.Join(t.TempDir(), "junk.tar.gz")
	os.WriteFile(junk, []byte("definitely not a backup"), 0o600)
	if code, out := apptest.RunBin(t, nil, "restore", "--data", fresh, junk); code != 1 || !strings.Contains(out, "nothing was changed") {
		t.Fatalf("restore junk: %d %s", code, out)
	}
	if code, _ := apptest.RunBin(t, nil, "check", "--data", fresh); code != 0 {
		t.Fatal("data damaged by a refused restore")
	}
}

// TestKillDuringWrites kills a writing process with SIGKILL and checks that
// every acknowledged write survived and the database is intact.
func TestKillDuringWrites(t *testing.T) {
	if os.Getenv("AG_CRASH_WRITER") != "" {
		return // running as the child; see TestCrashWriterChild
	}
	dataDir := t.TempDir()
	for round := 0; round < 3; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashWriterChild$", "-test.v")
		cmd.Env = append(os.Environ(), "AG_CRASH_WRITER="+dataDir)
		stdout, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var acked []int64
		sc := bufio.NewScanner(stdout)
		deadline := time.Now().Add(30 * time.Second)
		for sc.Scan() && len(acked) < 300+round*100 && time.Now().Before(deadline) {
			if id, ok := strings.CutPrefix(sc.Text(), "ACK "); ok {
				n, _ := strconv.ParseInt(id, 10, 64)
				acked = append(acked, n)
			}
		}
		cmd.Process.Signal(syscall.SIGKILL)
		go io.Copy(io.Discard, stdout)
		cmd.Wait()
		if len(acked) < 100 {
			t.Fatalf("round %d: child acknowledged only %d writes", round, len(acked))
		}

		s, err := sqlitestore.Open(dataDir, sqlitestore.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		problems, err := s.Check(context.Background())
		if err != nil || len(problems) > 0 {
			t.Fatalf("round %d: integrity after kill -9: %v %v", round, problems, err)
		}
		for _, id := range acked {
			var n int
			if err := s.Reader.QueryRow(`SELECT count(*) FROM jobs WHERE id = ?`, id).Scan(&n); err != nil || n != 1 {
				s.Close()
				t.Fatalf("round %d: acknowledged write %d lost", round, id)
			}
		}
		s.Close()
	}
}

// TestCrashWriterChild is the child of TestKillDuringWrites: it opens the
// appliance's store the way serve does and commits jobs without pause,
// printing each id after its commit returned.
func TestCrashWriterChild(t *testing.T) {
	dir := os.Getenv("AG_CRASH_WRITER")
	if dir == "" {
		t.Skip("only runs as the child process of TestKillDuringWrites")
	}
	s, err := sqlitestore.Open(dir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	for i := 0; i < 1_000_000; i++ {
		var id int64
		err := s.Write(ctx, func(tx *sql.Tx) error {
			// Several statements per transaction, so a torn commit would show.
			if err := tx.QueryRow(`INSERT INTO jobs (kind, payload, run_at, created_at, updated_at) VALUES ('crash', '{}', 0, 0, 0) RETURNING id`).Scan(&id); err != nil {
				return err
			}
			_, err := tx.Exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('last', ?)`, fmt.Sprint(id))
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("ACK %d\n", id)
	}
}

func TestServeReadyQuickly(t *testing.T) {
	start := time.Now()
	srv := startBinary(t, t.TempDir())
	took := time.Since(start)
	resp, err := http.Get(srv.url + "/readyz")
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("readyz: %v %v", resp, err)
	}
	resp.Body.Close()
	t.Logf("serve on an empty data dir was ready after %v (figure for docs/PERFORMANCE.md, not asserted)", took)
	srv.stop(t)
}

// serve paces the garbage collector (app/gcpace): with a small live heap
// the GC percent is raised so the heap goal is the floor; a GOGC set by
// the operator is left as it is.
func TestServePacesTheCollector(t *testing.T) {
	percent := func(srv *servingBinary) float64 {
		t.Helper()
		resp, err := http.Get(srv.url + "/metrics")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		sc := bufio.NewScanner(resp.Body)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if v, ok := strings.CutPrefix(sc.Text(), "go_gc_gogc_percent "); ok {
				f, _ := strconv.ParseFloat(v, 64)
				return f
			}
		}
		t.Fatal("no go_gc_gogc_percent in /metrics")
		return 0
	}
	srv := startBinary(t, t.TempDir())
	if p := percent(srv); p <= 100 {
		t.Errorf("GC percent %v with the floor, want more than 100", p)
	}
	srv.stop(t)
	srv = startBinary(t, t.TempDir(), "GOGC=100")
	if p := percent(srv); p != 100 {
		t.Errorf("GC percent %v with GOGC=100 set, want 100", p)
	}
	srv.stop(t)
}
