package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"testing"
)

// Helpers for economy tests. Classes and students are made straight in
// the database here (the one place these tests touch the 0003 schema), so
// the economy tests do not depend on the join and quiz flow.

// econClass makes a class owned by teacherID with the given students
// (first names) and returns the class id and the student ids.
func (ta *testApp) econClass(teacherID int64, names ...string) (int64, []int64) {
	ta.t.Helper()
	ctx := context.Background()
	var classID int64
	var ids []int64
	err := ta.a.store.Write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO classes (teacher_id, name) VALUES (?, 'Room 7') RETURNING id`, teacherID).Scan(&classID); err != nil {
			return err
		}
		for _, n := range names {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO students (class_id, first_name, last_initial, animal) VALUES (?, ?, 'R', 'owl') RETURNING id`,
				classID, n).Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		ta.t.Fatal(err)
	}
	return classID, ids
}

// StudentClient is a browser signed in as the student.
func (ta *testApp) StudentClient(studentID int64) *http.Client {
	ta.t.Helper()
	tok, err := ta.a.accounts.CreateStudentSession(context.Background(), studentID)
	if err != nil {
		ta.t.Fatal(err)
	}
	c := ta.NewClient()
	u, _ := url.Parse(ta.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "ag_student", Value: tok, Path: "/"}})
	return c
}

// key makes a distinct idempotency key for a test request.
func key(parts ...any) map[string]string {
	return map[string]string{"Idempotency-Key": fmt.Sprintf("test-key-%016x", fmt.Sprint(parts...))}
}

// studentToken is a fresh student session token (for a browser cookie).
func studentToken(t *testing.T, ta *testApp, studentID int64) string {
	t.Helper()
	tok, err := ta.a.accounts.CreateStudentSession(context.Background(), studentID)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
