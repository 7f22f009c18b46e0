package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"animalgenius/app/game"
	"animalgenius/app/students"
)

// Children's data: the deletions a teacher asks for besides removing a
// student, the name correction, and the check that nothing points to a
// removed student. Removing a student is one DELETE of its row: foreign
// keys and the triggers of migration 0008 take every other row with it.

// DeleteGame deletes a finished game of the host with its questions,
// players and answers (hostID 0: any host, for admins).
func (s *Store) DeleteGame(ctx context.Context, gameID, hostID int64) error {
	return s.writeForget(ctx, func(tx *sql.Tx) error {
		var host int64
		var status string
		err := tx.QueryRowContext(ctx, `SELECT host_id, status FROM games WHERE id = ?`, gameID).Scan(&host, &status)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && hostID > 0 && host != hostID) {
			return game.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: unable to read game %d: %w", gameID, err)
		}
		if status == "lobby" || status == "playing" {
			return game.ErrStillLive
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM games WHERE id = ?`, gameID); err != nil {
			return fmt.Errorf("store: unable to delete game %d: %w", gameID, err)
		}
		return nil
	})
}

// DeleteClassGamePlays deletes the plays (player rows and their answers)
// of the class's students from every finished game. Games still running
// keep them until they end. It returns how many plays went.
func (s *Store) DeleteClassGamePlays(ctx context.Context, classID int64) (int, error) {
	var n int64
	err := s.writeForget(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM game_players
			WHERE student_id IN (SELECT id FROM students WHERE class_id = ?)
			  AND game_id IN (SELECT id FROM games WHERE status IN ('ended', 'stopped'))`, classID)
		if err != nil {
			return fmt.Errorf("store: unable to delete the game plays of class %d: %w", classID, err)
		}
		n, _ = res.RowsAffected()
		return nil
	})
	return int(n), err
}

// RenameStudent corrects the name of a student of the class, with the
// rule of joining: no two students of a class share a name.
func (s *Store) RenameStudent(ctx context.Context, classID, studentID int64, n students.Name) (students.Student, error) {
	var st students.Student
	// The old name leaves the log too: a correction is often a surname
	// typed where the first name goes.
	err := s.writeForget(ctx, func(tx *sql.Tx) error {
		cur, err := studentByID(ctx, tx, studentID)
		if err != nil || cur.ClassID != classID {
			return students.ErrNotFound
		}
		rows, err := tx.QueryContext(ctx, `SELECT last_initial FROM students WHERE class_id = ? AND name_key = ? AND id != ?`, classID, n.Key(), studentID)
		if err != nil {
			return fmt.Errorf("store: unable to check a name: %w", err)
		}
		taken := map[string]bool{}
		for rows.Next() {
			var ini string
			if err := rows.Scan(&ini); err != nil {
				rows.Close()
				return err
			}
			taken[ini] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		if taken[n.Initial] {
			return &students.NameTakenError{Name: n, Suggestion: students.Suggest(n, taken)}
		}
		_, err = tx.ExecContext(ctx, `UPDATE students SET first_name = ?, last_initial = ?, name_key = ? WHERE id = ?`,
			n.First, n.Initial, n.Key(), studentID)
		if err != nil {
			return fmt.Errorf("store: unable to rename student %d: %w", studentID, err)
		}
		// Games show the student's name: those rows follow. Where a guest
		// of that game holds the new name already, the player's number
		// tells them apart (the old name must go all the same).
		nick := truncateRunes(n.Display(), 20)
		if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE game_players SET nickname = ? WHERE student_id = ?`, nick, studentID); err != nil {
			return fmt.Errorf("store: unable to rename student %d in games: %w", studentID, err)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE OR IGNORE game_players SET nickname = ? || ' #' || player_no
			WHERE student_id = ? AND nickname != ?`, truncateRunes(n.Display(), 14), studentID, nick); err != nil {
			return fmt.Errorf("store: unable to rename student %d in games: %w", studentID, err)
		}
		st, err = studentByID(ctx, tx, studentID)
		return err
	})
	return st, err
}

func truncateRunes(s string, n int) string {
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}

// checkPrivacy reports rows that still point to a removed student: game
// players, saved groupings and kept answers of retried requests (sessions
// are checked with the students, the other tables by their foreign keys).
func (s *Store) checkPrivacy(ctx context.Context) ([]string, error) {
	var problems []string
	checks := []struct {
		query string
		what  string
	}{
		{`SELECT count(*) FROM game_players WHERE student_id IS NOT NULL AND student_id NOT IN (SELECT id FROM students)`,
			"privacy: %d game players point to removed students"},
		{`SELECT count(*) FROM insight_groupings g WHERE EXISTS (SELECT 1 FROM json_each(g.groups) grp, json_each(grp.value) m
			WHERE grp.type = 'array' AND m.value NOT IN (SELECT id FROM students st WHERE st.class_id = g.class_id))`,
			"privacy: %d saved groupings name students who are no longer in their class"},
		{`SELECT count(*) FROM idempotency_keys WHERE subject LIKE 'student:%' AND CAST(substr(subject, 9) AS INTEGER) NOT IN (SELECT id FROM students)`,
			"privacy: %d kept answers of retried requests belong to removed students"},
		{`SELECT count(*) FROM idempotency_keys k WHERE k.subject >= 'account:' AND k.subject < 'account;'
			AND EXISTS (SELECT 1 FROM json_each(k.response, '$.balances') b WHERE json_extract(b.value, '$.studentId') NOT IN (SELECT id FROM students))`,
			"privacy: %d kept answers of retried coin movements name removed students"},
	}
	for _, c := range checks {
		var n int
		if err := s.Reader.QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: unable to check for removed students: %w", err)
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf(c.what, n))
		}
	}
	return problems, nil
}
