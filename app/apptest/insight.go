package apptest

import (
	"context"
	"database/sql"
	"testing"
	"time"
)

// InsightClass makes a class owned by teacherID straight in the database
// (the classes API has its own tests) and returns its id.
func (ta *App) InsightClass(teacherID int64, name, code string) int64 {
	ta.T.Helper()
	var id int64
	err := ta.App.Store().Write(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
			VALUES (?, ?, 'owl', '#6D28D9', ?, 0, 0) RETURNING id`, teacherID, name, code).Scan(&id)
	})
	if err != nil {
		ta.T.Fatal(err)
	}
	return id
}

var insightPassportSeq = map[*testing.T]int{}

const CodeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// InsightStudent adds a student to a class; with typ "" the student has
// not finished the quiz. It tells the insight service, as the classes
// code does after its commits, and returns the id.
func (ta *App) InsightStudent(classID int64, first, typ, animal, genius, style string) int64 {
	ta.T.Helper()
	n := insightPassportSeq[ta.T] + 1
	insightPassportSeq[ta.T] = n
	code := []byte("OTT-22222")
	for i := 8; i > 3 && n > 0; i-- {
		code[i] = CodeAlphabet[n%len(CodeAlphabet)]
		n /= len(CodeAlphabet)
	}
	code[4] = CodeAlphabet[int(classID)%len(CodeAlphabet)]
	var id int64
	err := ta.App.Store().Write(context.Background(), func(tx *sql.Tx) error {
		if typ == "" {
			return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at)
				VALUES (?, ?, 'T', lower(?), ?, 0, ?) RETURNING id`, classID, first, first, string(code), time.Now().UnixMilli()).Scan(&id)
		}
		return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at,
				type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic,
				bank_version, completed_at)
			VALUES (?, ?, 'T', lower(?), ?, 50, ?, ?, ?, ?, ?, ?, 5, 4, 3, 6, 6, 3, 4, 5, 3, 2, 2, 1, 'v1', ?) RETURNING id`,
			classID, first, first, string(code), time.Now().UnixMilli(), typ, animal, genius, style, style, time.Now().UnixMilli()).Scan(&id)
	})
	if err != nil {
		ta.T.Fatal(err)
	}
	ta.App.Insight().OnStudentsChanged(classID)
	return id
}

// Count runs a COUNT query against the database.
func (ta *App) Count(query string, args ...any) int {
	ta.T.Helper()
	var n int
	if err := ta.App.Store().Reader.QueryRow(query, args...).Scan(&n); err != nil {
		ta.T.Fatal(err)
	}
	return n
}
