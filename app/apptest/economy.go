package apptest

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"animalgenius/sqlitestore/storetest"
)

// Helpers for economy tests. Classes and students are made straight in
// the database here (the one place these tests touch the 0003 schema), so
// the economy tests do not depend on the join and quiz flow.

// EconClass makes a class owned by teacherID with the given students
// (first names, all owls) and returns the class id and the student ids.
func (ta *App) EconClass(teacherID int64, names ...string) (int64, []int64) {
	ta.T.Helper()
	return storetest.FixtureClass(ta.T, ta.App.Store(), teacherID, "owl", names...)
}

// StudentClient is a browser signed in as the student.
func (ta *App) StudentClient(studentID int64) *http.Client {
	ta.T.Helper()
	tok, err := ta.App.Accounts().CreateStudentSession(context.Background(), studentID)
	if err != nil {
		ta.T.Fatal(err)
	}
	c := ta.NewClient()
	u, _ := url.Parse(ta.URL)
	c.Jar.SetCookies(u, []*http.Cookie{{Name: "ag_student", Value: tok, Path: "/"}})
	return c
}

// Key makes a distinct idempotency key for a test request.
func Key(parts ...any) map[string]string {
	return map[string]string{"Idempotency-Key": fmt.Sprintf("test-key-%016x", fmt.Sprint(parts...))}
}

// StudentToken is a fresh student session token (for a browser cookie).
func StudentToken(t *testing.T, ta *App, studentID int64) string {
	t.Helper()
	tok, err := ta.App.Accounts().CreateStudentSession(context.Background(), studentID)
	if err != nil {
		t.Fatal(err)
	}
	return tok
}
