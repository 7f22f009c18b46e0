package ops

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

func TestMetricsTheAlertRulesRead(t *testing.T) {
	local, target := t.TempDir(), t.TempDir()
	b := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 7, SameDeviceOK: true})
	notReady := errors.New("database does not answer")
	var readyErr error
	reg := prometheus.NewRegistry()
	RegisterMetrics(reg, MetricsOptions{
		Disk:         func() (uint64, uint64, error) { return 300 << 20, 10 << 30, nil },
		MinFreeBytes: 200 << 20, SocketsMax: 5000, Backups: b, Version: "1.2.3",
		Ready: func(context.Context) error { return readyErr },
	})
	expect := func(want string, names ...string) {
		t.Helper()
		if err := testutil.GatherAndCompare(reg, strings.NewReader(want), names...); err != nil {
			t.Fatal(err)
		}
	}
	expect(`
# HELP animalgenius_disk_free_bytes Free bytes on the data directory's disk (for the server's user).
# TYPE animalgenius_disk_free_bytes gauge
animalgenius_disk_free_bytes 3.145728e+08
# HELP animalgenius_disk_min_free_bytes server.min_free_disk_mb in bytes: below it uploads are refused and /readyz fails.
# TYPE animalgenius_disk_min_free_bytes gauge
animalgenius_disk_min_free_bytes 2.097152e+08
# HELP animalgenius_ready 1 when /readyz would answer 200 (database answers, schema current, disk not nearly full), else 0.
# TYPE animalgenius_ready gauge
animalgenius_ready 1
# HELP animalgenius_backup_last_success_timestamp_seconds Unix time of the newest good backup in the backup directory (0: none yet).
# TYPE animalgenius_backup_last_success_timestamp_seconds gauge
animalgenius_backup_last_success_timestamp_seconds 0
# HELP animalgenius_backup_copy_configured 1 when backup.copy_to is set.
# TYPE animalgenius_backup_copy_configured gauge
animalgenius_backup_copy_configured 1
# HELP animalgenius_sockets_max sockets.max_total: WebSockets the box accepts at once.
# TYPE animalgenius_sockets_max gauge
animalgenius_sockets_max 5000
# HELP animalgenius_build_info Always 1; the version is a label.
# TYPE animalgenius_build_info gauge
animalgenius_build_info{version="1.2.3"} 1
`, "animalgenius_disk_free_bytes", "animalgenius_disk_min_free_bytes", "animalgenius_ready", "animalgenius_backup_last_success_timestamp_seconds",
		"animalgenius_backup_copy_configured", "animalgenius_sockets_max", "animalgenius_build_info")

	readyErr = notReady
	name := writeBackup(t, local, 1)
	written := time.Date(2026, 11, 30, 2, 30, 0, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(local, name), written, written); err != nil { // as if written then
		t.Fatal(err)
	}
	b.BackupWritten(name, written)
	if _, err := b.CopyOff(context.Background()); err != nil {
		t.Fatal(err)
	}
	b.copyTo = t.TempDir() + "/gone"
	b.CopyOff(context.Background())
	expect(`
# HELP animalgenius_ready 1 when /readyz would answer 200 (database answers, schema current, disk not nearly full), else 0.
# TYPE animalgenius_ready gauge
animalgenius_ready 0
# HELP animalgenius_backup_copies_total Backup copies to backup.copy_to since start, by outcome (verified or failed).
# TYPE animalgenius_backup_copies_total counter
animalgenius_backup_copies_total{outcome="failed"} 1
animalgenius_backup_copies_total{outcome="verified"} 1
`, "animalgenius_ready", "animalgenius_backup_copies_total")
	expect(`
# HELP animalgenius_backup_last_success_timestamp_seconds Unix time of the newest good backup in the backup directory (0: none yet).
# TYPE animalgenius_backup_last_success_timestamp_seconds gauge
animalgenius_backup_last_success_timestamp_seconds 1.7960058e+09
`, "animalgenius_backup_last_success_timestamp_seconds")
}
