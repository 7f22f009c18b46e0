package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"animalgenius/app/accounts"
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
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (created_at, actor_id, actor_label, action, target_id, target_label, detail, ip)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		a.At.UnixMilli(), nullID(a.ActorID), cut(a.ActorLabel, 254), cut(a.Action, 64), nullID(a.TargetID),
		cut(a.TargetLabel, 254), cut(a.Detail, 500), cut(a.IP, 64))
	if err != nil {
		return fmt.Errorf("store: unable to write audit line: %w", err)
	}
	return nil
}

// AddAudit writes one audit line on its own.
func (s *Store) AddAudit(ctx context.Context, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error { return insertAudit(ctx, tx, a) })
}

// ListAudit returns up to limit audit lines older than beforeID (0: the
// newest), newest first.
func (s *Store) ListAudit(ctx context.Context, beforeID int64, limit int) ([]accounts.AuditEntry, error) {
	if beforeID <= 0 {
		beforeID = 1<<63 - 1
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, created_at, actor_id, actor_label, action, target_id, target_label, detail, ip
		FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list audit log: %w", err)
	}
	defer rows.Close()
	out := []accounts.AuditEntry{}
	for rows.Next() {
		var e accounts.AuditEntry
		var at int64
		var actor, target sql.NullInt64
		if err := rows.Scan(&e.ID, &at, &actor, &e.ActorLabel, &e.Action, &target, &e.TargetLabel, &e.Detail, &e.IP); err != nil {
			return nil, fmt.Errorf("store: unable to read audit log: %w", err)
		}
		e.At, e.ActorID, e.TargetID = time.UnixMilli(at), actor.Int64, target.Int64
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
