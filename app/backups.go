package app

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"animalgenius/app/jobs"
	"animalgenius/app/ops"
	"animalgenius/sqlitestore"
)

const JobBackup = "backup"

type backupPayload struct {
	Reason string `json:"reason"`
}

// scheduledPrefix names scheduled backups; only these are pruned to the
// keep-count and copied off the box.
const scheduledPrefix = ops.ScheduledPrefix

// backupJob takes a backup into the backup directory and prunes old ones.
func (a *App) backupJob(ctx context.Context, j *jobs.Job, progress func(int)) (string, error) {
	var p backupPayload
	if err := json.Unmarshal(j.Payload, &p); err != nil {
		return "", jobs.Permanent(fmt.Errorf("backup: bad payload: %w", err))
	}
	dir := a.backupDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", err
	}
	out := filepath.Join(dir, scheduledPrefix+time.Now().UTC().Format("20060102-150405")+".tar.gz")
	last := -1
	m, err := sqlitestore.Backup(ctx, sqlitestore.BackupOptions{
		DataDir: a.cfg.Server.DataDir, Out: out, AppVersion: Version,
		Progress: func(done, total int64) {
			if pct := int(done * 100 / max(total, 1)); pct >= last+10 {
				last = pct
				progress(pct)
			}
		},
	})
	if err != nil {
		return "", err
	}
	a.backups.BackupWritten(out, time.Now())
	removed, err := pruneBackups(dir, a.cfg.Backup.Keep)
	if err != nil {
		a.log.Warn("unable to prune old backups", slog.Any("error", err))
	}
	a.log.Info("backup written", slog.String("file", out), slog.String("reason", p.Reason),
		slog.Uint64("schema", uint64(m.SchemaVersion)), slog.Int("pruned", removed))
	// The backup is good whatever becomes of its copy: a failed copy is
	// logged, counted and shown on the admin page, and the next backup
	// copies what this one could not.
	_, _ = a.backups.CopyOff(ctx)
	return out, nil
}

// copyOffEvery is how often the copy off the box is tried again between
// backups: a share or USB disk that was not mounted at a backup (or at a
// restart) gets what it missed within the hour it comes back.
const copyOffEvery = time.Hour

// keepCopyingOff copies off the box at start and then every copyOffEvery,
// when backup.copy_to is set. Each try copies only what the target lacks
// (a cheap listing when nothing is new); a missing target is logged,
// counted and shown on the admin's Box tab at once, not at the next backup.
func (a *App) keepCopyingOff(ctx context.Context) {
	if a.cfg.Backup.CopyTo == "" {
		return
	}
	go func() {
		t := time.NewTicker(copyOffEvery)
		defer t.Stop()
		for {
			_, _ = a.backups.CopyOff(ctx)
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}

// pruneBackups keeps the newest keep scheduled backups in dir.
func pruneBackups(dir string, keep int) (int, error) { return ops.Prune(dir, keep) }

// EnqueueBackup queues a backup job (once per uniqueKey) and returns its id.
func (a *App) EnqueueBackup(ctx context.Context, reason, uniqueKey string) (int64, error) {
	return a.runner.Enqueue(ctx, jobs.NewJob{Kind: JobBackup, Payload: jobs.Payload(backupPayload{Reason: reason}),
		Priority: 10, UniqueKey: uniqueKey})
}
