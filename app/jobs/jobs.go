// Package jobs is the durable background job runner: jobs live in a database
// table, survive restarts, are retried with exponential backoff, run by
// priority, with a fixed number of workers. Backups, image processing and
// session purges all run here.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// Job is one unit of background work.
type Job struct {
	ID          int64
	Kind        string
	Payload     []byte
	Priority    int
	Status      string // queued, running, done, failed
	Attempts    int
	MaxAttempts int
	RunAt       time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time
	LastError   string
	Progress    int
	Result      string
}

// Statuses.
const (
	StatusQueued  = "queued"
	StatusRunning = "running"
	StatusDone    = "done"
	StatusFailed  = "failed"
)

// NewJob is what Enqueue stores.
type NewJob struct {
	Kind        string
	Payload     []byte
	Priority    int
	MaxAttempts int
	UniqueKey   string // when set, a second job with the same key is not created
	RunAt       time.Time
}

// Store is what the runner needs from the database.
type Store interface {
	EnqueueJob(ctx context.Context, j NewJob, now time.Time) (id int64, created bool, err error)
	ClaimJob(ctx context.Context, kinds []string, now time.Time) (*Job, error) // nil, nil when none is due
	CompleteJob(ctx context.Context, id int64, result string, now time.Time) error
	RetryJob(ctx context.Context, id int64, runAt time.Time, errMsg string, now time.Time) error
	FailJob(ctx context.Context, id int64, errMsg string, now time.Time) error
	SetJobProgress(ctx context.Context, id int64, percent int, now time.Time) error
	RequeueRunningJobs(ctx context.Context, now time.Time) (int, error)
	JobQueueDepth(ctx context.Context) (int, error)
	GetJob(ctx context.Context, id int64) (*Job, error)
	DeleteFinishedJobs(ctx context.Context, before time.Time) (int, error)
}

// ErrNotFound is returned by GetJob for an unknown id.
var ErrNotFound = errors.New("jobs: job not found")

// Handler does the work of one job. It reports progress (0-100) as it goes.
// A returned error is retried unless wrapped with Permanent.
type Handler func(ctx context.Context, job *Job, progress func(percent int)) (result string, err error)

type permanentError struct{ err error }

func (p permanentError) Error() string { return p.err.Error() }
func (p permanentError) Unwrap() error { return p.err }

// Permanent marks an error that retrying cannot fix (bad input, say).
func Permanent(err error) error { return permanentError{err} }

// IsPermanent tells whether err was marked with Permanent.
func IsPermanent(err error) bool {
	var p permanentError
	return errors.As(err, &p)
}

// Payload encodes v as a job payload.
func Payload(v any) []byte {
	if v == nil {
		return []byte("{}")
	}
	b, err := json.Marshal(v)
	if err != nil {
		panic(fmt.Sprintf("jobs: payload is not JSON-encodable: %v", err))
	}
	return b
}

// Backoff is the delay before attempt n+1 after n failed attempts:
// base, 2*base, 4*base, ... capped at one hour.
func Backoff(base time.Duration, attempts int) time.Duration {
	d := base
	for i := 1; i < attempts && d < time.Hour; i++ {
		d *= 2
	}
	return min(d, time.Hour)
}
