package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/insight"
)

// studentDisplayName is how a student's name is shown: "Maya R.".
func studentDisplayName(first, initial string) string { return first + " " + initial + "." }

// InsightClass reads a class's students with their current results in one
// scan of the students_class_name index, and the live board's fresh start.
func (s *Store) InsightClass(ctx context.Context, classID int64) (insight.ClassData, error) {
	var data insight.ClassData
	var fresh sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT c.name, b.fresh_since FROM classes c
		LEFT JOIN insight_boards b ON b.class_id = c.id WHERE c.id = ?`, classID).Scan(&data.ClassName, &fresh)
	if errors.Is(err, sql.ErrNoRows) {
		return data, insight.ErrNotFound
	}
	if err != nil {
		return data, fmt.Errorf("store: unable to read class %d: %w", classID, err)
	}
	if fresh.Valid {
		data.BoardFresh = time.UnixMilli(fresh.Int64)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, first_name, last_initial, passport_code, coins, created_at,
			type, animal, genius, learning_style, e, i, s, n, t, f, j, p,
			visual, auditory, reading_writing, kinesthetic, completed_at
		FROM students WHERE class_id = ?`, classID)
	if err != nil {
		return data, fmt.Errorf("store: unable to read the students of class %d: %w", classID, err)
	}
	defer rows.Close()
	data.Members = make([]insight.Member, 0, 32)
	for rows.Next() {
		var m insight.Member
		var first, initial string
		var created int64
		var typ, animal, genius, style sql.NullString
		var poles [8]sql.NullInt64
		var styles [4]sql.NullInt64
		var completed sql.NullInt64
		if err := rows.Scan(&m.ID, &first, &initial, &m.Passport, &m.Coins, &created,
			&typ, &animal, &genius, &style, &poles[0], &poles[1], &poles[2], &poles[3], &poles[4], &poles[5], &poles[6], &poles[7],
			&styles[0], &styles[1], &styles[2], &styles[3], &completed); err != nil {
			return data, fmt.Errorf("store: unable to read the students of class %d: %w", classID, err)
		}
		m.Name = studentDisplayName(first, initial)
		m.JoinedAt = time.UnixMilli(created)
		if completed.Valid && animal.Valid {
			m.Done = true
			m.Type, m.Animal, m.Genius, m.Style = typ.String, animal.String, genius.String, style.String
			m.Poles.E, m.Poles.I, m.Poles.S, m.Poles.N = int(poles[0].Int64), int(poles[1].Int64), int(poles[2].Int64), int(poles[3].Int64)
			m.Poles.T, m.Poles.F, m.Poles.J, m.Poles.P = int(poles[4].Int64), int(poles[5].Int64), int(poles[6].Int64), int(poles[7].Int64)
			m.Styles.Visual, m.Styles.Auditory = int(styles[0].Int64), int(styles[1].Int64)
			m.Styles.ReadingWriting, m.Styles.Kinesthetic = int(styles[2].Int64), int(styles[3].Int64)
			m.CompletedAt = time.UnixMilli(completed.Int64)
		}
		data.Members = append(data.Members, m)
	}
	if err := rows.Err(); err != nil {
		return data, fmt.Errorf("store: unable to read the students of class %d: %w", classID, err)
	}
	data.Pending, err = s.pendingJoins(ctx, classID, time.Now())
	return data, err
}

// SetBoardFresh sets the live board's fresh start, or clears it for the
// zero time.
func (s *Store) SetBoardFresh(ctx context.Context, classID int64, since time.Time) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if since.IsZero() {
			_, err := tx.ExecContext(ctx, `DELETE FROM insight_boards WHERE class_id = ?`, classID)
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO insight_boards (class_id, fresh_since) VALUES (?, ?)
			ON CONFLICT (class_id) DO UPDATE SET fresh_since = excluded.fresh_since`, classID, since.UnixMilli())
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to set the live board of class %d: %w", classID, err)
	}
	return nil
}

// CreateGrouping stores a named grouping unless the class already has max.
func (s *Store) CreateGrouping(ctx context.Context, g insight.SavedGrouping, max int) (insight.SavedGrouping, error) {
	groups, err := json.Marshal(g.Groups)
	if err != nil {
		return g, fmt.Errorf("store: unable to save grouping: %w", err)
	}
	var full bool
	err = s.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM insight_groupings WHERE class_id = ?`, g.ClassID).Scan(&n); err != nil {
			return err
		}
		if n >= max {
			full = true
			return nil
		}
		return tx.QueryRowContext(ctx, `INSERT INTO insight_groupings (class_id, name, size, balance, seed, groups, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`, g.ClassID, g.Name, g.Size, g.Balance, g.Seed, string(groups),
			g.CreatedAt.UnixMilli(), g.UpdatedAt.UnixMilli()).Scan(&g.ID)
	})
	if err != nil {
		return g, fmt.Errorf("store: unable to save grouping: %w", err)
	}
	if full {
		return g, &insight.InputError{Code: "too_many_saved", Field: "name",
			Message: fmt.Sprintf("This class already has %d saved groupings. Delete one you no longer need, then save again.", max)}
	}
	return g, nil
}

const groupingColumns = `id, class_id, name, size, balance, seed, groups, created_at, updated_at`

func scanGrouping(row interface{ Scan(...any) error }) (insight.SavedGrouping, error) {
	var g insight.SavedGrouping
	var groups string
	var created, updated int64
	if err := row.Scan(&g.ID, &g.ClassID, &g.Name, &g.Size, &g.Balance, &g.Seed, &groups, &created, &updated); err != nil {
		return g, err
	}
	if err := json.Unmarshal([]byte(groups), &g.Groups); err != nil {
		return g, err
	}
	g.CreatedAt, g.UpdatedAt = time.UnixMilli(created), time.UnixMilli(updated)
	return g, nil
}

// Groupings lists a class's saved groupings, newest first.
func (s *Store) Groupings(ctx context.Context, classID int64) ([]insight.SavedGrouping, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+groupingColumns+` FROM insight_groupings
		WHERE class_id = ? ORDER BY id DESC`, classID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list groupings: %w", err)
	}
	defer rows.Close()
	out := []insight.SavedGrouping{}
	for rows.Next() {
		g, err := scanGrouping(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list groupings: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// Grouping reads one saved grouping of the class.
func (s *Store) Grouping(ctx context.Context, classID, id int64) (insight.SavedGrouping, error) {
	g, err := scanGrouping(s.read.QueryRowContext(ctx, `SELECT `+groupingColumns+` FROM insight_groupings
		WHERE id = ? AND class_id = ?`, id, classID))
	if errors.Is(err, sql.ErrNoRows) {
		return g, insight.ErrNotFound
	}
	if err != nil {
		return g, fmt.Errorf("store: unable to read grouping %d: %w", id, err)
	}
	return g, nil
}

// DeleteGrouping deletes one saved grouping of the class.
func (s *Store) DeleteGrouping(ctx context.Context, classID, id int64) error {
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM insight_groupings WHERE id = ? AND class_id = ?`, id, classID)
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to delete grouping %d: %w", id, err)
	}
	if n == 0 {
		return insight.ErrNotFound
	}
	return nil
}

// checkInsight reports saved groupings whose groups are not lists of
// student ids (the schema only knows the column holds a JSON array).
func (s *Store) checkInsight(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT g.id, g.class_id FROM insight_groupings g
		WHERE EXISTS (SELECT 1 FROM json_each(g.groups) grp WHERE grp.type != 'array'
			OR EXISTS (SELECT 1 FROM json_each(grp.value) v WHERE v.type != 'integer' OR v.value <= 0))`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check saved groupings: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var id, class int64
		if err := rows.Scan(&id, &class); err != nil {
			return nil, fmt.Errorf("store: unable to check saved groupings: %w", err)
		}
		problems = append(problems, fmt.Sprintf("insight: saved grouping %d of class %d holds something other than lists of student ids", id, class))
	}
	return problems, rows.Err()
}
