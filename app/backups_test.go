package app_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/app/jobs"
	"animalgenius/sqlitestore"
)

func TestScheduledBackupJobWritesAndPrunes(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Backup.Keep = 2 })
	dir := app.App.BackupDir()
	os.MkdirAll(dir, 0o750)
	// Two older scheduled backups and one pre-migration backup already exist.
	for _, n := range []string{"animalgenius-20200101-000000.tar.gz", "animalgenius-20200102-000000.tar.gz", "pre-migrate-v1-20200101-000000.tar.gz"} {
		os.WriteFile(filepath.Join(dir, n), []byte("old"), 0o600)
	}
	ctx := context.Background()
	id, err := app.App.EnqueueBackup(ctx, "test", "backup:test")
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	var j *jobs.Job
	for time.Now().Before(deadline) {
		j, _ = app.App.Runner().Get(ctx, id)
		if j != nil && (j.Status == jobs.StatusDone || j.Status == jobs.StatusFailed) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if j == nil || j.Status != jobs.StatusDone {
		t.Fatalf("backup job: %+v", j)
	}
	if _, err := sqlitestore.VerifyArchive(ctx, j.Result); err != nil {
		t.Fatalf("scheduled backup does not verify: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	got := strings.Join(names, " ")
	if strings.Contains(got, "20200101-000000.tar.gz animalgenius") || strings.Contains(got, "animalgenius-20200101") {
		t.Errorf("oldest scheduled backup not pruned: %s", got)
	}
	if !strings.Contains(got, "animalgenius-20200102-000000.tar.gz") || !strings.Contains(got, "pre-migrate-v1-") || !strings.Contains(got, filepath.Base(j.Result)) {
		t.Errorf("wrong backups kept (keep=2 scheduled, pre-migrate untouched): %s", got)
	}
}

func TestNextDaily(t *testing.T) {
	loc := time.UTC
	now := time.Date(2026, 11, 28, 10, 0, 0, 0, loc)
	if n, _ := jobs.NextDaily(now, "02:30"); !n.Equal(time.Date(2026, 11, 29, 2, 30, 0, 0, loc)) {
		t.Errorf("after today's time: %v", n)
	}
	if n, _ := jobs.NextDaily(now, "23:15"); !n.Equal(time.Date(2026, 11, 28, 23, 15, 0, 0, loc)) {
		t.Errorf("later today: %v", n)
	}
	if _, err := jobs.NextDaily(now, "25:00"); err == nil {
		t.Error("bad time accepted")
	}
}

// TestServeBacksUpBeforeMigrating opens a database one migration behind and
// checks that starting the appliance backs it up, then migrates.
func TestServeBacksUpBeforeMigrating(t *testing.T) {
	cfg := apptest.Config(t)
	s, err := sqlitestore.Open(cfg.Server.DataDir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	st, _ := s.Status()
	if st.Pending < 2 {
		s.Close()
		t.Skip("needs at least two migrations")
	}
	// Versions need not be consecutive (each area has its reserved number),
	// so step by count: all but the last.
	if err := s.MigrateSteps(st.Pending - 1); err != nil {
		t.Fatal(err)
	}
	behind, _ := s.Status()
	s.Close()
	app := apptest.Start(t, func(c *config.Config) { *c = cfg })
	after, _ := app.App.Store().Status()
	if !after.UpToDate() {
		t.Fatalf("not migrated: %+v", after)
	}
	matches, _ := filepath.Glob(filepath.Join(app.App.BackupDir(), "pre-migrate-v*"))
	if len(matches) != 1 {
		t.Fatalf("pre-migration backups: %v", matches)
	}
	m, err := sqlitestore.VerifyArchive(context.Background(), matches[0])
	if err != nil || m.SchemaVersion != behind.Current || behind.Current >= st.Latest {
		t.Fatalf("pre-migration backup: %+v %v", m, err)
	}
}
