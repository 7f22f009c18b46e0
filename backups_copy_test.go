package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"animalgenius/app/config"
	"animalgenius/app/jobs"
	"animalgenius/app/ops"
	"animalgenius/sqlitestore"
)

// runBackupJob runs one backup job through the runner and returns its file.
func runBackupJob(t *testing.T, app *testApp, key string) string {
	t.Helper()
	ctx := context.Background()
	id, err := app.a.runner.Enqueue(ctx, jobs.NewJob{Kind: jobBackup, Payload: jobs.Payload(backupPayload{Reason: "test"}), UniqueKey: "backup:" + key})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		j, _ := app.a.runner.Get(ctx, id)
		if j != nil && j.Status == jobs.StatusDone {
			return j.Result
		}
		if j != nil && j.Status == jobs.StatusFailed {
			t.Fatalf("backup job failed: %+v", j)
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatal("backup job did not finish in 30s")
	return ""
}

type boxStatus struct {
	Ready   bool
	Backups ops.BackupStatus
}

func adminBox(t *testing.T, app *testApp, admin *http.Client) boxStatus {
	t.Helper()
	status, body := app.call(admin, "GET", "/api/v1/admin/box", "")
	if status != 200 {
		t.Fatalf("admin box: %d %s", status, body)
	}
	var b boxStatus
	if err := json.Unmarshal([]byte(body), &b); err != nil {
		t.Fatal(err)
	}
	return b
}

// TestBackupCopiedOffTheBox: with backup.copy_to on a disk of its own (a
// tmpfs standing for the school share), each scheduled backup is copied
// and verified; when the share goes away (unmounted: the mount point is
// then on the box's own disk) the backup still succeeds, the copy fails
// with a reason shown on the admin page and in /metrics; once the share
// is back, the missed backups are copied.
func TestBackupCopiedOffTheBox(t *testing.T) {
	share := mountTmpfs(t, 32)
	app := startApp(t, func(c *config.Config) { c.Backup.CopyTo = share; c.Backup.Keep = 2 })
	_, admin := app.Admin("it@hill.school")
	_, teacher := app.Teacher("t@hill.school")

	first := filepath.Base(runBackupJob(t, app, "1"))
	if err := ops.Verify(share, first); err != nil {
		t.Fatalf("copy of %s: %v", first, err)
	}
	box := adminBox(t, app, admin)
	if box.Backups.LastCopyFile != first || box.Backups.LastGoodFile != first || box.Backups.CopyError != "" || box.Backups.CopyTo != share {
		t.Fatalf("admin box after a good copy: %+v", box.Backups)
	}
	_, _, metrics := app.Get("/metrics")
	for _, want := range []string{"animalgenius_backup_copy_configured 1", `animalgenius_backup_copies_total{outcome="verified"} 1`,
		"animalgenius_backup_last_success_timestamp_seconds 1.", "animalgenius_backup_copy_last_success_timestamp_seconds 1.", "animalgenius_ready 1"} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %q", want)
		}
	}
	// Teachers do not see the box.
	if status, _ := app.call(teacher, "GET", "/api/v1/admin/box", ""); status != 403 && status != 404 {
		t.Fatalf("teacher reads the admin box: %d", status)
	}

	// The share goes away.
	if out, err := exec.Command("umount", share).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v %s", err, out)
	}
	time.Sleep(1100 * time.Millisecond) // backup names carry the second
	second := filepath.Base(runBackupJob(t, app, "2"))
	if _, err := sqlitestore.VerifyArchive(context.Background(), filepath.Join(app.a.backupDir(), second)); err != nil {
		t.Fatalf("the backup itself must not suffer from the copy: %v", err)
	}
	if entries, _ := os.ReadDir(share); len(entries) != 0 {
		t.Fatalf("copied under the bare mount point (the box's own disk): %v", entries)
	}
	box = adminBox(t, app, admin)
	if box.Backups.LastCopyFile != first || !strings.Contains(box.Backups.CopyError, "same disk") || box.Backups.LastGoodFile != second {
		t.Fatalf("admin box after a failed copy: %+v", box.Backups)
	}
	if _, _, metrics = app.Get("/metrics"); !strings.Contains(metrics, `animalgenius_backup_copies_total{outcome="failed"} 1`) {
		t.Errorf("/metrics does not count the failed copy")
	}

	// Back (an empty share, as after a disk swap): both kept backups are copied.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", share).CombinedOutput(); err != nil {
		t.Fatalf("mount again: %v %s", err, out)
	}
	time.Sleep(1100 * time.Millisecond)
	third := filepath.Base(runBackupJob(t, app, "3"))
	for _, name := range []string{second, third} {
		if err := ops.Verify(share, name); err != nil {
			t.Errorf("after the share came back, %s: %v", name, err)
		}
	}
	if _, err := os.Stat(filepath.Join(share, first)); err == nil {
		t.Errorf("copies not pruned to backup.keep")
	}
	box = adminBox(t, app, admin)
	if box.Backups.LastCopyFile != third || box.Backups.CopyError != "" {
		t.Fatalf("admin box after recovery: %+v", box.Backups)
	}
}
