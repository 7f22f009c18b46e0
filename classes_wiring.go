package main

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"animalgenius/app/classes"
	"animalgenius/app/jobs"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
	"animalgenius/sqlitestore"
)

// newClasses builds the classes and students services: deleting an
// account hands over or deletes its classes, passport and join-code
// guesses are budgeted from auth.passport_addr_failures, and every quiz
// submission is counted for /metrics.
func (a *appliance) newClasses() (*classes.Service, *students.Service) {
	a.store.Estate = sqlitestore.ClassEstate()
	submitted := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "animalgenius_quizzes_submitted_total",
		Help: "Quizzes scored and stored, by kind (first quiz or retake).",
	}, []string{"kind"})
	a.registry.MustRegister(submitted)
	first, retake := submitted.WithLabelValues("first"), submitted.WithLabelValues("retake")
	budget := a.cfg.Auth.PassportAddrFailures
	joinOpts := students.DefaultGuardOptions(budget)
	joinOpts.PrefixFailures, joinOpts.GlobalFailures = 0, 0 // class codes have no prefix; a box-wide cap would let one school lock out another
	svc := students.New(a.store, a.accounts, students.Options{
		Bank:          quiz.DefaultBank(),
		PassportGuard: students.NewGuard(students.DefaultGuardOptions(budget), nil),
		JoinGuard:     students.NewGuard(joinOpts, nil),
		OnSubmitted: func(_ students.Student, isRetake bool) {
			if isRetake {
				retake.Inc()
			} else {
				first.Inc()
			}
		},
	})
	a.runner.Handle(jobStudentRetention, a.retentionJob)
	return classes.New(a.store), svc
}

const jobStudentRetention = "students.retention"

// retentionJob deletes the students of classes archived for longer than
// retention.archived_class_days (0: never).
func (a *appliance) retentionJob(ctx context.Context, _ *jobs.Job, _ func(int)) (string, error) {
	days := a.cfg.Retention.ArchivedClassDays
	n, err := a.students.PurgeArchived(ctx, time.Duration(days)*24*time.Hour)
	if err != nil {
		return "", err
	}
	if n > 0 {
		a.log.Info("students of long-archived classes deleted", slog.Int("students", n), slog.Int("archived_days", days))
	}
	return fmt.Sprintf("%d students deleted", n), nil
}

// startRetention queues the retention job once a day (at the first tick
// after start, then hourly checks for a new day) while the rule is on.
func (a *appliance) startRetention(ctx context.Context) {
	if a.cfg.Retention.ArchivedClassDays <= 0 {
		return
	}
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			day := time.Now().UTC().Format("2006-01-02")
			_, err := a.runner.Enqueue(ctx, jobs.NewJob{Kind: jobStudentRetention, Priority: 5, UniqueKey: jobStudentRetention + ":" + day})
			if err != nil && ctx.Err() == nil {
				a.log.Error("unable to schedule the student retention job", slog.Any("error", err))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
}
