package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/jsontime"
)

// insertAudit writes one audit line inside tx. Labels and details are cut
// to the column limits so an audit line can never make an action fail.
func insertAudit(ctx context.Context, tx *sql.Tx, a accounts.Audit) error {
	if a.Action == "" {
		return nil
	}
	if a.At.IsZero() {
		a.At = time.Now()
	}
	// A line about a pupil names the pupil's class when the caller did
	// not (a game's players come from several classes), so the audit
	// filtered by class finds it too.
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (created_at, actor_id, actor_label, action, target_id, target_label, detail, ip, class_id, student_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, COALESCE(?, (SELECT class_id FROM students WHERE id = ?)), ?)`,
		a.At.UnixMilli(), nullID(a.ActorID), cut(a.ActorLabel, 254), cut(a.Action, 64), nullID(a.TargetID),
		cut(a.TargetLabel, 254), cut(a.Detail, 500), cut(a.IP, 64), nullID(a.ClassID), a.StudentID, nullID(a.StudentID))
	if err != nil {
		return fmt.Errorf("store: unable to write audit line: %w", err)
	}
	return nil
}

// AddAudit writes one audit line on its own.
func (s *Store) AddAudit(ctx context.Context, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, tx, a) })
}

// AddAudits writes audit lines in one transaction.
func (s *Store) AddAudits(ctx context.Context, lines []accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		for _, a := range lines {
			if err := insertAudit(ctx, tx, a); err != nil {
				return err
			}
		}
		return nil
	})
}

// ListAudit returns the audit lines the filter selects, newest first,
// with the current name of the student of each line (none once removed).
func (s *Store) ListAudit(ctx context.Context, f accounts.AuditFilter) ([]accounts.AuditEntry, error) {
	before := f.BeforeID
	if before <= 0 {
		before = 1<<63 - 1
	}
	q := `SELECT a.id, a.created_at, a.actor_id, a.actor_label, a.action, a.target_id, a.target_label, a.detail, a.ip,
			a.class_id, a.student_id, st.first_name, st.last_initial
		FROM audit_log a LEFT JOIN students st ON st.id = a.student_id WHERE a.id < ?`
	args := []any{before}
	if f.ClassID > 0 {
		q += ` AND a.class_id = ?`
		args = append(args, f.ClassID)
	}
	if f.StudentID > 0 {
		q += ` AND a.student_id = ?`
		args = append(args, f.StudentID)
	}
	q += ` ORDER BY a.id DESC LIMIT ?`
	args = append(args, f.Limit)
	rows, err := s.read.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list audit log: %w", err)
	}
	defer rows.Close()
	out := []accounts.AuditEntry{}
	for rows.Next() {
		var e accounts.AuditEntry
		var at int64
		var actor, target, class, student sql.NullInt64
		var first, initial sql.NullString
		if err := rows.Scan(&e.ID, &at, &actor, &e.ActorLabel, &e.Action, &target, &e.TargetLabel, &e.Detail, &e.IP,
			&class, &student, &first, &initial); err != nil {
			return nil, fmt.Errorf("store: unable to read audit log: %w", err)
		}
		e.At, e.ActorID, e.TargetID, e.ClassID, e.StudentID = jsontime.UnixMilli(at), actor.Int64, target.Int64, class.Int64, student.Int64
		if first.Valid {
			e.StudentName = studentDisplayName(first.String, initial.String)
		}
		out = append(out, e)
	}
	return out, rows.Err()
}

func nullID(id int64) any {
	if id <= 0 {
		return nil
	}
	return id
}

// cut shortens s to at most n bytes without splitting a character.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && s[n]&0xC0 == 0x80 {
		n--
	}
	return s[:n]
}
