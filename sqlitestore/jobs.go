package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/jobs"
)

var _ jobs.Store = (*Store)(nil)

// EnqueueJob inserts a job; with a unique key already present it returns the
// existing job's id and created=false.
func (s *Store) EnqueueJob(ctx context.Context, j jobs.NewJob, now time.Time) (int64, bool, error) {
	var unique any
	if j.UniqueKey != "" {
		unique = j.UniqueKey
	}
	var id int64
	created := false
	err := s.Write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO jobs (kind, payload, priority, max_attempts, unique_key, run_at, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (unique_key) WHERE unique_key IS NOT NULL DO NOTHING
			RETURNING id`,
			j.Kind, string(j.Payload), j.Priority, j.MaxAttempts, unique, j.RunAt.UnixMilli(), now.UnixMilli(), now.UnixMilli()).Scan(&id)
		if errors.Is(err, sql.ErrNoRows) {
			return tx.QueryRowContext(ctx, `SELECT id FROM jobs WHERE unique_key = ?`, unique).Scan(&id)
		}
		created = err == nil
		return err
	})
	if err != nil {
		return 0, false, fmt.Errorf("store: unable to enqueue job: %w", err)
	}
	return id, created, nil
}

const jobColumns = `id, kind, payload, priority, status, attempts, max_attempts, run_at, created_at, updated_at, last_error, progress, result`

func scanJob(row interface{ Scan(...any) error }) (*jobs.Job, error) {
	var j jobs.Job
	var payload string
	var runAt, created, updated int64
	if err := row.Scan(&j.ID, &j.Kind, &payload, &j.Priority, &j.Status, &j.Attempts, &j.MaxAttempts,
		&runAt, &created, &updated, &j.LastError, &j.Progress, &j.Result); err != nil {
		return nil, err
	}
	j.Payload = []byte(payload)
	j.RunAt, j.CreatedAt, j.UpdatedAt = time.UnixMilli(runAt), time.UnixMilli(created), time.UnixMilli(updated)
	return &j, nil
}

// ClaimJob marks the most urgent due job of the given kinds as running and returns it.
func (s *Store) ClaimJob(ctx context.Context, kinds []string, now time.Time) (*jobs.Job, error) {
	if len(kinds) == 0 {
		return nil, nil
	}
	args := []any{now.UnixMilli()}
	for _, k := range kinds {
		args = append(args, k)
	}
	args = append(args, now.UnixMilli())
	var job *jobs.Job
	err := s.Write(ctx, func(tx *sql.Tx) error {
		row := tx.QueryRowContext(ctx, `UPDATE jobs SET status = 'running', attempts = attempts + 1, updated_at = ?1
			WHERE id = (SELECT id FROM jobs WHERE status = 'queued' AND kind IN (`+placeholders(len(kinds), 2)+`) AND run_at <= ?`+fmt.Sprint(len(kinds)+2)+`
			            ORDER BY priority DESC, run_at, id LIMIT 1)
			RETURNING `+jobColumns, args...)
		j, err := scanJob(row)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		job = j
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("store: unable to claim job: %w", err)
	}
	return job, nil
}

// placeholders returns "?2, ?3, ..." for n numbered parameters from first.
func placeholders(n, first int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "?%d", first+i)
	}
	return b.String()
}

func (s *Store) updateJob(ctx context.Context, query string, args ...any) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, query, args...)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return jobs.ErrNotFound
		}
		return nil
	})
}

// CompleteJob marks a running job done.
func (s *Store) CompleteJob(ctx context.Context, id int64, result string, now time.Time) error {
	return s.updateJob(ctx, `UPDATE jobs SET status = 'done', progress = 100, result = ?, last_error = '', updated_at = ? WHERE id = ?`, result, now.UnixMilli(), id)
}

// RetryJob puts a failed attempt back in the queue for later.
func (s *Store) RetryJob(ctx context.Context, id int64, runAt time.Time, errMsg string, now time.Time) error {
	return s.updateJob(ctx, `UPDATE jobs SET status = 'queued', run_at = ?, last_error = ?, updated_at = ? WHERE id = ?`, runAt.UnixMilli(), truncate(errMsg, 2000), now.UnixMilli(), id)
}

// FailJob marks a job failed for good.
func (s *Store) FailJob(ctx context.Context, id int64, errMsg string, now time.Time) error {
	return s.updateJob(ctx, `UPDATE jobs SET status = 'failed', last_error = ?, updated_at = ? WHERE id = ?`, truncate(errMsg, 2000), now.UnixMilli(), id)
}

// SetJobProgress records how far a running job is.
func (s *Store) SetJobProgress(ctx context.Context, id int64, percent int, now time.Time) error {
	return s.updateJob(ctx, `UPDATE jobs SET progress = ?, updated_at = ? WHERE id = ?`, percent, now.UnixMilli(), id)
}

// RequeueRunningJobs puts jobs left running by a crash back in the queue.
// Only one server holds the data directory, so any running job is orphaned.
func (s *Store) RequeueRunningJobs(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE jobs SET status = 'queued', run_at = ?, updated_at = ? WHERE status = 'running'`, now.UnixMilli(), now.UnixMilli())
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// JobQueueDepth counts jobs waiting or running.
func (s *Store) JobQueueDepth(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM jobs WHERE status IN ('queued', 'running')`).Scan(&n)
	return n, err
}

// GetJob loads one job.
func (s *Store) GetJob(ctx context.Context, id int64) (*jobs.Job, error) {
	j, err := scanJob(s.read.QueryRowContext(ctx, `SELECT `+jobColumns+` FROM jobs WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, jobs.ErrNotFound
	}
	return j, err
}

// DeleteFinishedJobs removes done and failed jobs last touched before the given time.
func (s *Store) DeleteFinishedJobs(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM jobs WHERE status IN ('done', 'failed') AND updated_at < ?`, before.UnixMilli())
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n]
}
