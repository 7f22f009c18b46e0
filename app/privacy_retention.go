package app

import (
	"context"
	"fmt"
	"log/slog"
	"path/filepath"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/jobs"
	"animalgenius/app/privacy"
	"animalgenius/app/textrules"
	"animalgenius/app/uploads"
)

// JobPrivacyRetention applies the retention rules of [retention] (games,
// audit log, unused uploads, backups and data set aside) once a day.
const JobPrivacyRetention = "privacy.retention"

func (a *App) retention() *privacy.Retention {
	r := a.cfg.Retention
	return &privacy.Retention{
		Store: a.store,
		Rules: privacy.Rules{GameDays: r.GameDays, AuditDays: r.AuditDays, AuditAddressDays: r.AuditAddressDays,
			UploadDays: r.UploadDays, BackupDays: r.BackupDays, BackupKeep: a.cfg.Backup.Keep},
		UploadsDir: filepath.Join(a.cfg.Server.DataDir, uploads.DirName),
		BackupDir:  a.BackupDir(),
		AsideDir:   filepath.Join(a.cfg.Server.DataDir, "aside"),
	}
}

// privacyRetentionJob runs the rules as of now and writes what went into
// the log and, for game results, the audit log.
func (a *App) privacyRetentionJob(ctx context.Context, _ *jobs.Job, _ func(int)) (string, error) {
	rep, err := a.retention().Run(ctx, time.Now())
	if rep.Games > 0 {
		if aerr := a.accounts.RecordStudentAction(ctx, accounts.SystemActor, "retention.games", 0,
			fmt.Sprintf("%s older than %s deleted", textrules.Count(rep.Games, "finished game", "finished games"), textrules.Count(a.cfg.Retention.GameDays, "day", "days"))); aerr != nil {
			a.log.Error("unable to write the audit line of the game retention", slog.Any("error", aerr))
		}
	}
	a.log.Info("retention applied", slog.Int("games", rep.Games), slog.Int("audit_deleted", rep.AuditDeleted),
		slog.Int("audit_addresses_blanked", rep.AuditBlanked), slog.Int("uploads", len(rep.Uploads)),
		slog.Int("backups", len(rep.Backups)), slog.Int("aside", len(rep.Aside)))
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d games, %d audit lines, %d addresses, %d uploads, %d backups, %d aside", rep.Games, rep.AuditDeleted,
		rep.AuditBlanked, len(rep.Uploads), len(rep.Backups), len(rep.Aside)), nil
}

// RunPrivacyRetention runs the retention rules once, as the daily job does.
func (a *App) RunPrivacyRetention(ctx context.Context) (string, error) {
	return a.privacyRetentionJob(ctx, nil, func(int) {})
}

// scheduleDaily enqueues a job once a day (one per day whatever the
// restarts), checking every hour.
func (a *App) scheduleDaily(ctx context.Context, kind string) {
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			day := time.Now().UTC().Format("2006-01-02")
			_, err := a.runner.Enqueue(ctx, jobs.NewJob{Kind: kind, Priority: 5, UniqueKey: kind + ":" + day})
			if err != nil && ctx.Err() == nil {
				a.log.Error("unable to schedule a daily job", slog.String("kind", kind), slog.Any("error", err))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}
