package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"animalgenius/app/insight"
	"animalgenius/app/jsontime"
)

// ClassExportHistory reads the class, every quiz result and every coin
// movement of its students, for the JSON export.
func (s *Store) ClassExportHistory(ctx context.Context, classID int64) (insight.ExportHistory, error) {
	h := insight.ExportHistory{Results: map[int64][]insight.ExportResult{}, Coins: map[int64][]insight.ExportCoin{}}
	tx, err := s.Reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return h, fmt.Errorf("store: unable to export class %d: %w", classID, err)
	}
	defer tx.Rollback()
	var created int64
	var archived sql.NullInt64
	err = tx.QueryRowContext(ctx, `SELECT c.id, c.name, c.grade, c.code, c.icon, c.colour, a.display_name, c.created_at, c.archived_at
		FROM classes c JOIN accounts a ON a.id = c.teacher_id WHERE c.id = ?`, classID).
		Scan(&h.Class.ID, &h.Class.Name, &h.Class.Grade, &h.Class.Code, &h.Class.Icon, &h.Class.Colour, &h.Class.Teacher, &created, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return h, insight.ErrNotFound
	}
	if err != nil {
		return h, fmt.Errorf("store: unable to export class %d: %w", classID, err)
	}
	h.Class.CreatedAt = jsontime.UnixMilli(created)
	if archived.Valid {
		t := jsontime.UnixMilli(archived.Int64)
		h.Class.ArchivedAt = &t
	}
	rows, err := tx.QueryContext(ctx, `SELECT r.student_id, r.type, r.animal, r.genius, r.learning_style, r.styles,
			r.e, r.i, r.s, r.n, r.t, r.f, r.j, r.p, r.visual, r.auditory, r.reading_writing, r.kinesthetic,
			r.bank_version, r.answers, r.created_at
		FROM quiz_results r JOIN students st ON st.id = r.student_id
		WHERE st.class_id = ? ORDER BY r.student_id, r.id`, classID)
	if err != nil {
		return h, fmt.Errorf("store: unable to export the results of class %d: %w", classID, err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, at int64
		var r insight.ExportResult
		var styles, answers string
		p, c := &r.Poles, &r.StyleCounts
		if err := rows.Scan(&id, &r.Type, &r.Animal, &r.Genius, &r.LearningStyle, &styles,
			&p.E, &p.I, &p.S, &p.N, &p.T, &p.F, &p.J, &p.P, &c.Visual, &c.Auditory, &c.ReadingWriting, &c.Kinesthetic,
			&r.BankVersion, &answers, &at); err != nil {
			return h, fmt.Errorf("store: unable to export the results of class %d: %w", classID, err)
		}
		r.Styles = []string{}
		if styles != "" {
			r.Styles = strings.Split(styles, ",")
		}
		_ = json.Unmarshal([]byte(answers), &r.Answers) // a CHECK keeps it valid JSON
		r.CompletedAt = jsontime.UnixMilli(at)
		h.Results[id] = append(h.Results[id], r)
	}
	if err := rows.Err(); err != nil {
		return h, fmt.Errorf("store: unable to export the results of class %d: %w", classID, err)
	}
	coins, err := tx.QueryContext(ctx, `SELECT l.student_id, l.amount, l.type, l.reason, l.created_at
		FROM coin_ledger l JOIN students st ON st.id = l.student_id
		WHERE st.class_id = ? ORDER BY l.student_id, l.id`, classID)
	if err != nil {
		return h, fmt.Errorf("store: unable to export the coins of class %d: %w", classID, err)
	}
	defer coins.Close()
	for coins.Next() {
		var id, at int64
		var c insight.ExportCoin
		if err := coins.Scan(&id, &c.Amount, &c.Type, &c.Reason, &at); err != nil {
			return h, fmt.Errorf("store: unable to export the coins of class %d: %w", classID, err)
		}
		c.CreatedAt = jsontime.UnixMilli(at)
		h.Coins[id] = append(h.Coins[id], c)
	}
	return h, coins.Err()
}
