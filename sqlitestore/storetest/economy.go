package storetest

import (
	"context"
	"database/sql"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/sqlitestore"
)

// Fixtures for tests of areas built on classes and students (the economy,
// games): rows made straight in the tables, without the join and quiz flow.

var fixtureSeq atomic.Int64

const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// code spells n in the class/passport code alphabet, width characters wide.
func code(n int64, width int) string {
	b := make([]byte, width)
	for i := width - 1; i >= 0; i-- {
		b[i] = codeAlphabet[n%int64(len(codeAlphabet))]
		n /= int64(len(codeAlphabet))
	}
	return string(b)
}

// FixtureTeacher makes a teacher account row and returns its id.
func FixtureTeacher(t testing.TB, s *sqlitestore.Store) int64 {
	t.Helper()
	return FixtureAccount(t, s, "teacher")
}

// FixtureAccount makes an account row of role (teacher or admin) and returns its id.
func FixtureAccount(t testing.TB, s *sqlitestore.Store, role string) int64 {
	t.Helper()
	ctx := context.Background()
	n := fixtureSeq.Add(1)
	now := time.Now().UnixMilli()
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO accounts (email, display_name, role, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, fmt.Sprintf("fixture%d@school.test", n), fmt.Sprintf("Account %d", n), role, now, now).Scan(&id)
	})
	if err != nil {
		t.Fatalf("fixture account: %v", err)
	}
	return id
}

// FixtureClass makes a class of teacherID with one student per first name (last
// initial "R", animal as given or owl, a finished quiz result) and returns
// the class id and the student ids.
func FixtureClass(t testing.TB, s *sqlitestore.Store, teacherID int64, animal string, names ...string) (int64, []int64) {
	t.Helper()
	if animal == "" {
		animal = "owl"
	}
	ctx := context.Background()
	now := time.Now().UnixMilli()
	var classID int64
	var ids []int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		n := fixtureSeq.Add(1)
		if err := tx.QueryRowContext(ctx, `INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
			VALUES (?, ?, 'owl', '#8B5CF6', ?, ?, ?) RETURNING id`, teacherID, fmt.Sprintf("Room %d", n), code(n, 6), now, now).Scan(&classID); err != nil {
			return err
		}
		for _, name := range names {
			p := fixtureSeq.Add(1)
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, created_at,
				type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic, bank_version, completed_at)
				VALUES (?, ?, 'R', lower(?), ?, ?, 'ISTP', ?, 'thinker', 'visual', 'visual', 1, 8, 5, 4, 6, 3, 2, 7, 3, 2, 2, 1, 'fixture', ?) RETURNING id`,
				classID, name, name, "OWL-"+code(p, 5), now, animal, now).Scan(&id); err != nil {
				return err
			}
			// The history row every current result has.
			if _, err := tx.ExecContext(ctx, `INSERT INTO quiz_results (student_id, submission_key, bank_version, answers, type, animal, genius,
				learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic, created_at)
				VALUES (?, ?, 'fixture', '{}', 'ISTP', ?, 'thinker', 'visual', 'visual', 1, 8, 5, 4, 6, 3, 2, 7, 3, 2, 2, 1, ?)`,
				id, fmt.Sprintf("fixture-submission-%08d", p), animal, now); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("fixture class: %v", err)
	}
	return classID, ids
}
