package main

import (
	"context"
	"database/sql"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"
)

// insightClass makes a class owned by teacherID straight in the database
// (the classes API has its own tests) and returns its id.
func (ta *testApp) insightClass(teacherID int64, name, code string) int64 {
	ta.t.Helper()
	var id int64
	err := ta.a.store.Write(context.Background(), func(tx *sql.Tx) error {
		return tx.QueryRow(`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
			VALUES (?, ?, 'owl', '#6D28D9', ?, 0, 0) RETURNING id`, teacherID, name, code).Scan(&id)
	})
	if err != nil {
		ta.t.Fatal(err)
	}
	return id
}

var insightPassportSeq = map[*testing.T]int{}

const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// insightStudent adds a student to a class; with typ "" the student has
// not finished the quiz. It tells the insight service, as the classes
// code does after its commits, and returns the id.
func (ta *testApp) insightStudent(classID int64, first, typ, animal, genius, style string) int64 {
	ta.t.Helper()
	n := insightPassportSeq[ta.t] + 1
	insightPassportSeq[ta.t] = n
	code := []byte("OTT-22222")
	for i := 8; i > 3 && n > 0; i-- {
		code[i] = codeAlphabet[n%len(codeAlphabet)]
		n /= len(codeAlphabet)
	}
	code[4] = codeAlphabet[int(classID)%len(codeAlphabet)]
	var id int64
	err := ta.a.store.Write(context.Background(), func(tx *sql.Tx) error {
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
		ta.t.Fatal(err)
	}
	ta.a.insight.OnStudentsChanged(classID)
	return id
}

// studentClient is a client signed in as the student.
func (ta *testApp) studentClient(studentID int64) *http.Client {
	ta.t.Helper()
	tok, err := ta.a.accounts.CreateStudentSession(context.Background(), studentID)
	if err != nil {
		ta.t.Fatal(err)
	}
	c := ta.NewClient()
	u, _ := url.Parse(ta.URL)
	c.Jar.(*cookiejar.Jar).SetCookies(u, []*http.Cookie{{Name: "ag_student", Value: tok, Path: "/"}})
	return c
}

// count runs a COUNT query against the database.
func (ta *testApp) count(query string, args ...any) int {
	ta.t.Helper()
	var n int
	if err := ta.a.store.Reader.QueryRow(query, args...).Scan(&n); err != nil {
		ta.t.Fatal(err)
	}
	return n
}
