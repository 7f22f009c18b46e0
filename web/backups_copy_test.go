package web_test

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/app/ops"
	"animalgenius/sqlitestore"
)

type boxStatus struct {
	Ready   bool
	Backups ops.BackupStatus
}

func adminBox(t *testing.T, app *apptest.App, admin *http.Client) boxStatus {
	t.Helper()
	status, body := app.Call(admin, "GET", "/api/v1/admin/box", "")
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
	t.Parallel()
	share := apptest.MountTmpfs(t, 32)
	app := apptest.Start(t, func(c *config.Config) { c.Backup.CopyTo = share; c.Backup.Keep = 2 })
	_, admin := app.Admin("it@hill.school")
	_, teacher := app.Teacher("t@hill.school")

	first := filepath.Base(app.RunBackupJob("1"))
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
	if status, _ := app.Call(teacher, "GET", "/api/v1/admin/box", ""); status != 403 && status != 404 {
		t.Fatalf("teacher reads the admin box: %d", status)
	}

	// The share goes away.
	if out, err := exec.Command("umount", share).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v %s", err, out)
	}
	time.Sleep(1100 * time.Millisecond) // backup names carry the second
	second := filepath.Base(app.RunBackupJob("2"))
	if _, err := sqlitestore.VerifyArchive(context.Background(), filepath.Join(app.App.BackupDir(), second)); err != nil {
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
		t.Errorf("/metrics does not count the failed copy: %s", regexp.MustCompile(`animalgenius_backup_copies_total.*`).FindAllString(metrics, -1))
	}

	// Back (an empty share, as after a disk swap): both kept backups are copied.
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", share).CombinedOutput(); err != nil {
		t.Fatalf("mount again: %v %s", err, out)
	}
	time.Sleep(1100 * time.Millisecond)
	third := filepath.Base(app.RunBackupJob("3"))
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

// A box restarted while its copy target is not mounted says so at once
// (the admin's Box tab, /metrics), not at the next night's backup.
func TestMissingCopyTargetShownAtStart(t *testing.T) {
	t.Parallel()
	gone := filepath.Join(t.TempDir(), "usb-disk-not-mounted")
	app := apptest.Start(t, func(c *config.Config) { c.Backup.CopyTo = gone })
	_, admin := app.Admin("it@hill.school")
	deadline := time.Now().Add(10 * time.Second)
	box := adminBox(t, app, admin)
	for box.Backups.CopyError == "" && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
		box = adminBox(t, app, admin)
	}
	if !strings.Contains(box.Backups.CopyError, "is not there") {
		t.Fatalf("admin box with the copy target missing at start: %+v", box.Backups)
	}
	if _, _, metrics := app.Get("/metrics"); !strings.Contains(metrics, `animalgenius_backup_copies_total{outcome="failed"} 1`) {
		t.Errorf("/metrics does not count the failed copy at start")
	}
}
