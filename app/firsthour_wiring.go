package app

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"time"

	"animalgenius/app/firsthour"
)

// firstHourFacts gathers the admin checklist's facts: counts from the
// database, where backups go and the newest archive there.
func (a *App) firstHourFacts(ctx context.Context) (firsthour.Facts, error) {
	f := firsthour.Facts{BackupDir: a.backupDir(), BackupTime: a.cfg.Backup.Time, CopyTo: a.cfg.Backup.CopyTo}
	var err error
	f.Accounts, f.Invites, f.Classes, f.Students, err = a.store.FirstHourCounts(ctx)
	if err != nil {
		return f, err
	}
	f.LastBackup = newestArchive(f.BackupDir)
	if a.backups != nil {
		if last := a.backups.Status().LastGood; last.After(f.LastBackup) {
			f.LastBackup = last.Time
		}
	}
	if abs, err := filepath.Abs(f.BackupDir); err == nil {
		f.BackupDir = abs
	}
	return f, nil
}

// newestArchive is the time of the newest backup archive in dir (zero: none).
func newestArchive(dir string) time.Time {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return time.Time{}
	}
	var newest time.Time
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".tar.gz") {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().After(newest) {
			newest = info.ModTime()
		}
	}
	return newest
}
