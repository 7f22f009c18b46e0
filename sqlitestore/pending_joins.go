package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/insight"
	"animalgenius/app/students"
)

// Pending joins: pupils who passed the name check and are working on the
// quiz. They hold a name and two times, nothing else, and go when the quiz
// is submitted (in its transaction) or refused (class full or closed),
// when they expire (hidden at once, deleted by the hourly purge and by the
// next pending join), when their class is archived, and with their class.

// MaxPendingPerClass bounds the pending joins one class holds: someone with
// the class code cannot fill the table with made-up names.
const MaxPendingPerClass = 300

const deletePendingSQL = `DELETE FROM pending_joins WHERE class_id = ? AND name_key = ? AND last_initial = ?`

// RecordPendingJoin notes that name is working on the quiz of the class
// until expires. Checking the same name again keeps its first "since"
// while the row is alive and moves its expiry on. Past the per-class cap,
// nothing is recorded (recorded is false).
func (s *Store) RecordPendingJoin(ctx context.Context, classID int64, name students.Name, now, expires time.Time) (bool, error) {
	recorded := false
	err := s.Write(ctx, func(tx *sql.Tx) error {
		recorded = false
		if _, err := tx.ExecContext(ctx, `DELETE FROM pending_joins WHERE expires_at <= ?`, now.UnixMilli()); err != nil {
			return err
		}
		var exists, n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*), COALESCE(SUM(name_key = ? AND last_initial = ?), 0)
			FROM pending_joins WHERE class_id = ?`, name.Key(), name.Initial, classID).Scan(&n, &exists); err != nil {
			return err
		}
		if exists == 0 && n >= MaxPendingPerClass {
			return nil
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO pending_joins (class_id, first_name, last_initial, name_key, since, expires_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (class_id, name_key, last_initial) DO UPDATE SET first_name = excluded.first_name, expires_at = excluded.expires_at`,
			classID, name.First, name.Initial, name.Key(), now.UnixMilli(), expires.UnixMilli())
		recorded = err == nil
		return err
	})
	if err != nil {
		return false, fmt.Errorf("store: unable to record a pending join: %w", err)
	}
	return recorded, nil
}

// DropPendingJoin ends name's pending join in the class with code and
// returns the class's id (0 when there was none).
func (s *Store) DropPendingJoin(ctx context.Context, code string, name students.Name) (int64, error) {
	var classID int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		classID = 0
		err := tx.QueryRowContext(ctx, `DELETE FROM pending_joins WHERE class_id = (SELECT id FROM classes WHERE code = ?)
			AND name_key = ? AND last_initial = ? RETURNING class_id`, code, name.Key(), name.Initial).Scan(&classID)
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to end a pending join: %w", err)
	}
	return classID, nil
}

// pendingJoins reads a class's pending joins that have not expired, oldest first.
func (s *Store) pendingJoins(ctx context.Context, classID int64, now time.Time) ([]insight.Pending, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT first_name, last_initial, since, expires_at FROM pending_joins
		WHERE class_id = ? AND expires_at > ? ORDER BY since, id`, classID, now.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the pending joins of class %d: %w", classID, err)
	}
	defer rows.Close()
	out := []insight.Pending{}
	for rows.Next() {
		var first, initial string
		var since, expires int64
		if err := rows.Scan(&first, &initial, &since, &expires); err != nil {
			return nil, fmt.Errorf("store: unable to read the pending joins of class %d: %w", classID, err)
		}
		out = append(out, insight.Pending{Name: studentDisplayName(first, initial), Since: time.UnixMilli(since), Expires: time.UnixMilli(expires)})
	}
	return out, rows.Err()
}
