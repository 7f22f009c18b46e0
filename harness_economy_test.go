package main

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

// econClass makes a class owned by teacherID with the given students
// (first names, all owls) and returns the class id and the student ids.
func (ta *testApp) econClass(teacherID int64, names ...string) (int64, []int64) {
	ta.t.Helper()
	return storetest.FixtureClass(ta.t, ta.a.store, teacherID, "owl", names...)
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
