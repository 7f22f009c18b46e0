package app

import (
	"context"
	"log/slog"
	"maps"
	"slices"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/jobs"
	"animalgenius/app/textrules"
)

const JobClassRetention = "classes.retention"

// classRetentionJob deletes the students of classes archived for longer
// than retention.archived_class_days, and ends their sessions.
func (a *App) classRetentionJob(ctx context.Context, _ *jobs.Job, _ func(int)) (string, error) {
	days := a.cfg.Retention.ArchivedClassDays
	if days <= 0 {
		return "retention is off", nil
	}
	byClass, err := a.classes.PurgeArchived(ctx, time.Duration(days)*24*time.Hour)
	if err != nil {
		return "", err
	}
	classes := slices.Sorted(maps.Keys(byClass))
	var ids []int64
	for _, class := range classes {
		ids = append(ids, byClass[class]...)
	}
	if err := a.students.EndSessions(ctx, ids); err != nil {
		return "", err
	}
	if len(ids) > 0 {
		a.log.Info("students of long-archived classes deleted", slog.Int("students", len(ids)), slog.Int("days", days))
		// One line per student, with its class: the audit log finds them
		// by class and by student.
		for _, class := range classes {
			if err := a.accounts.RecordStudentAction(ctx, accounts.SystemActor, "retention.students", class,
				"archived more than "+textrules.Count(days, "day", "days"), byClass[class]...); err != nil {
				a.log.Error("unable to write the audit lines of the class retention", slog.Any("error", err))
			}
		}
	}
	return "", nil
}

// scheduleClassRetention enqueues the retention job once a day (one per
// day whatever the restarts) while retention is on.
func (a *App) scheduleClassRetention(ctx context.Context) {
	if a.cfg.Retention.ArchivedClassDays <= 0 {
		return
	}
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			day := time.Now().UTC().Format("2006-01-02")
			_, err := a.runner.Enqueue(ctx, jobs.NewJob{Kind: JobClassRetention, Priority: 5, UniqueKey: JobClassRetention + ":" + day})
			if err != nil && ctx.Err() == nil {
				a.log.Error("unable to schedule the class retention job", slog.Any("error", err))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}
