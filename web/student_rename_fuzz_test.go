package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"testing"
	"testing/fstest"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/students"
	"animalgenius/sqlitestore/storetest"
)

// FuzzStudentRenameBody sends arbitrary bodies to a teacher's name
// correction: every answer is a clear 4xx or a success, never a server
// error; the classmate's name never changes; an accepted name is
// canonical and of one word unless the teacher confirmed two.
func FuzzStudentRenameBody(f *testing.F) {
	st := storetest.New(f)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	acc := accounts.New(st, accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	stu := students.New(st, acc, students.Options{})
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>t</title>")}}
	srv, err := New(Deps{Config: config.Default(), Logger: log, UI: ui, Accounts: acc, Classes: classes.New(st), StudentService: stu})
	if err != nil {
		f.Fatal(err)
	}
	ctx := context.Background()
	teacher, _, err := acc.CreateAccount(ctx, accounts.CLIActor, "fuzz@hill.school", "Fuzz", "", accounts.RoleTeacher, testPassword)
	if err != nil {
		f.Fatal(err)
	}
	_, tok, err := acc.Login(ctx, "fuzz@hill.school", testPassword, accounts.Client{IP: netip.MustParseAddr("127.0.0.1")})
	if err != nil {
		f.Fatal(err)
	}
	classID, ids := storetest.FixtureClass(f, st, teacher.ID, "owl", "Maya", "Leo")
	path := fmt.Sprintf("/api/v1/classes/%d/students/%d", classID, ids[0])
	for _, seed := range []string{
		`{"firstName":"Zelmira","lastInitial":"Q"}`, `{"firstName":"Ana Sofia","lastInitial":"R"}`,
		`{"firstName":"Ana Sofia","lastInitial":"R","firstNameConfirmed":true}`, `{"firstName":"leo","lastInitial":"r"}`,
		`{"firstName":"Z3","lastInitial":"Q"}`, `{"firstName":1}`, "{\"firstName\":\"\xff\"}", `[]`, `{"firstNameConfirmed":"yes"}`,
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, body string) {
		resp, got := call(t, srv.App(), "PATCH", path, body, map[string]string{"X-CSRF-Token": testCSRF}, "ag_csrf", testCSRF, "ag_session", tok)
		if resp.StatusCode >= 500 {
			t.Fatalf("PATCH %q: %d %s", body, resp.StatusCode, got)
		}
		if resp.StatusCode >= 400 && !strings.Contains(got, `"error":{"code":"`) {
			t.Fatalf("PATCH %q: %d without the error shape: %s", body, resp.StatusCode, got)
		}
		var leo, first, initial string
		st.Reader.QueryRow(`SELECT first_name || ' ' || last_initial FROM students WHERE id = ?`, ids[1]).Scan(&leo)
		if leo != "Leo R" {
			t.Fatalf("PATCH %q changed the classmate: %q", body, leo)
		}
		st.Reader.QueryRow(`SELECT first_name, last_initial FROM students WHERE id = ?`, ids[0]).Scan(&first, &initial)
		n, err := students.ParseName(first, initial)
		if err != nil || n.First != first || n.Initial != initial {
			t.Fatalf("PATCH %q stored a name that is not canonical: %q %q (%v)", body, first, initial, err)
		}
		if resp.StatusCode == 200 && strings.Contains(first, " ") && !strings.Contains(body, `"firstNameConfirmed":true`) {
			t.Fatalf("PATCH %q stored two words without the confirmation: %q", body, first)
		}
	})
}
