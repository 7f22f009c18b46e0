package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"time"

	"animalgenius/app/accounts"
)

const sessionInsertSQL = `INSERT INTO sessions (token_hash, subject_kind, subject_id, created_at, last_seen_at, expires_at, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`

func sessionInsertArgs(r accounts.SessionRow) []any {
	return []any{r.TokenHash[:], r.Kind, r.SubjectID, r.CreatedAt.UnixMilli(), r.LastSeenAt.UnixMilli(), r.ExpiresAt.UnixMilli(),
		cut(r.IP, 64), cut(r.UserAgent, 256)}
}

func insertSession(ctx context.Context, tx *sql.Tx, r accounts.SessionRow) error {
	_, err := tx.ExecContext(ctx, sessionInsertSQL, sessionInsertArgs(r)...)
	if err != nil {
		return fmt.Errorf("store: unable to create session: %w", err)
	}
	return nil
}

// CreateSession stores a new session (a student's passport login). A
// school logging in at once shares commits through the group commit.
func (s *Store) CreateSession(ctx context.Context, r accounts.SessionRow) error {
	if err := s.prepare(ctx, sessionInsertSQL); err != nil {
		return err
	}
	return s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		if err := s.exec(ctx, tx, sessionInsertSQL, sessionInsertArgs(r)...); err != nil {
			return fmt.Errorf("store: unable to create session: %w", err)
		}
		return nil
	})
}

const sessionColumns = `token_hash, subject_kind, subject_id, created_at, last_seen_at, expires_at, ip, user_agent`

func scanSession(row interface{ Scan(...any) error }) (accounts.SessionRow, error) {
	var r accounts.SessionRow
	var hash []byte
	var created, seen, expires int64
	if err := row.Scan(&hash, &r.Kind, &r.SubjectID, &created, &seen, &expires, &r.IP, &r.UserAgent); err != nil {
		return r, err
	}
	copy(r.TokenHash[:], hash)
	r.CreatedAt, r.LastSeenAt, r.ExpiresAt = time.UnixMilli(created), time.UnixMilli(seen), time.UnixMilli(expires)
	return r, nil
}

// SessionByHash finds a session by the SHA-256 of its token.
func (s *Store) SessionByHash(ctx context.Context, hash []byte) (accounts.SessionRow, error) {
	r, err := scanSession(s.read.QueryRowContext(ctx, `SELECT `+sessionColumns+` FROM sessions WHERE token_hash = ?`, hash))
	if errors.Is(err, sql.ErrNoRows) {
		return r, accounts.ErrNotFound
	}
	if err != nil {
		return r, fmt.Errorf("store: unable to read session: %w", err)
	}
	return r, nil
}

// SessionLive tells whether a session whose token hash starts with prefix
// exists, is before its absolute end and was last seen after the idle
// cut-off of its kind: a range read on the primary key.
func (s *Store) SessionLive(ctx context.Context, prefix []byte, now, accountIdle, studentIdle time.Time) (bool, error) {
	upper := slices.Clone(prefix)
	i := len(upper) - 1
	for ; i >= 0 && upper[i] == 0xff; i-- {
		upper[i] = 0
	}
	if i < 0 {
		upper = bytes.Repeat([]byte{0xff}, 33) // above every 32-byte hash
	} else {
		upper[i]++
	}
	var one int
	err := s.read.QueryRowContext(ctx, `SELECT 1 FROM sessions WHERE token_hash >= ? AND token_hash < ? AND expires_at > ?
		AND last_seen_at >= CASE subject_kind WHEN 'student' THEN ? ELSE ? END LIMIT 1`,
		prefix, upper, now.UnixMilli(), studentIdle.UnixMilli(), accountIdle.UnixMilli()).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to check a session: %w", err)
	}
	return true, nil
}

// TouchSessions writes last-seen times in one transaction (never backwards).
func (s *Store) TouchSessions(ctx context.Context, seen map[[32]byte]time.Time) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		stmt, err := tx.PrepareContext(ctx, `UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for h, at := range seen {
			if _, err := stmt.ExecContext(ctx, at.UnixMilli(), h[:], at.UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to update session last-seen times: %w", err)
	}
	return nil
}

// DeleteSession ends one session, writing a (when not nil) with it.
func (s *Store) DeleteSession(ctx context.Context, hash []byte, a *accounts.Audit) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE token_hash = ?`, hash); err != nil {
			return err
		}
		if a != nil {
			return insertAudit(ctx, tx, *a)
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to delete session: %w", err)
	}
	return nil
}

func deleteSubjectSessions(ctx context.Context, tx *sql.Tx, kind string, id int64) (int, error) {
	res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE subject_kind = ? AND subject_id = ?`, kind, id)
	if err != nil {
		return 0, fmt.Errorf("store: unable to delete sessions: %w", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

// DeleteSubjectSessions ends every session of one account or student.
func (s *Store) DeleteSubjectSessions(ctx context.Context, kind string, id int64, a *accounts.Audit) (int, error) {
	var n int
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		if n, err = deleteSubjectSessions(ctx, tx, kind, id); err != nil {
			return err
		}
		if a != nil {
			return insertAudit(ctx, tx, *a)
		}
		return nil
	})
	return n, err
}

// ListSubjectSessions lists the sessions of one subject, newest first.
func (s *Store) ListSubjectSessions(ctx context.Context, kind string, id int64) ([]accounts.SessionRow, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+sessionColumns+` FROM sessions
		WHERE subject_kind = ? AND subject_id = ? ORDER BY created_at DESC LIMIT 200`, kind, id)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list sessions: %w", err)
	}
	defer rows.Close()
	var out []accounts.SessionRow
	for rows.Next() {
		r, err := scanSession(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to read session: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// PurgeSessions deletes sessions past their absolute end or idle too long,
// and one-time links that expired or were used more than 30 days ago.
func (s *Store) PurgeSessions(ctx context.Context, now, accountIdle, studentIdle time.Time) (int, error) {
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE expires_at <= ?
			OR (subject_kind = 'account' AND last_seen_at < ?)
			OR (subject_kind = 'student' AND last_seen_at < ?)`,
			now.UnixMilli(), accountIdle.UnixMilli(), studentIdle.UnixMilli())
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		monthAgo := now.Add(-30 * 24 * time.Hour).UnixMilli()
		if _, err = tx.ExecContext(ctx, `DELETE FROM account_tokens WHERE expires_at < ? OR used_at < ?`, monthAgo, monthAgo); err != nil {
			return err
		}
		// Abandoned quizzes: a pending join holds a pupil's name, so it
		// goes with the sessions' hourly purge once it has expired.
		_, err = tx.ExecContext(ctx, `DELETE FROM pending_joins WHERE expires_at <= ?`, now.UnixMilli())
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to purge sessions: %w", err)
	}
	return int(n), nil
}
