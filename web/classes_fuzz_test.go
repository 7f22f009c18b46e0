package web

import (
	"context"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/students"
	"animalgenius/sqlitestore/storetest"
)

// FuzzClassesBodies sends arbitrary bodies to the classes area's public
// endpoints (join check, quiz submission, passport login) and to a
// teacher's class creation: every answer is a clear 4xx or a success,
// never a server error, and a refused submission stores nothing.
func FuzzClassesBodies(f *testing.F) {
	st := storetest.New(f)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	acc := accounts.New(st, accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	cls := classes.New(st)
	// The fuzzer guesses a lot of codes: no budgets, no held-back answers.
	open := students.DefaultGuardOptions(1 << 30)
	stu := students.New(st, acc, students.Options{PassportGuard: students.NewPassportGuard(students.DefaultPassportGuardOptions(1<<30, 1<<20), nil), JoinGuard: students.NewGuard(open, nil),
		Sleep: func(context.Context, time.Duration) {}})
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>t</title>")}}
	srv, err := New(Deps{Config: config.Default(), Logger: log, UI: ui, Accounts: acc, Classes: cls, StudentService: stu})
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
	c, err := cls.Create(ctx, classes.Viewer{AccountID: teacher.ID}, classes.Input{Name: "Fuzz"})
	if err != nil {
		f.Fatal(err)
	}
	for _, seed := range []string{
		`{"firstName":"Maya","lastInitial":"R","quiz":{"bankVersion":"2026.1","answers":[{"q":"ei1","a":"a"}]}}`,
		`{"firstName":"Maya","lastInitial":"R"}`,
		`{"passportCode":"owl7k3qx"}`,
		`{"name":"Room 7","grade":6,"icon":"owl","colour":"#7C3AED","seatLimit":30}`,
		`{"quiz":null}`, `[]`, `{"firstName":1}`, "{\"firstName\":\"\xff\"}", `{"a":{"b":{"c":[[[[]]]]}}}`,
	} {
		f.Add(seed)
	}
	paths := []string{"/api/v1/join/" + c.Code + "/check", "/api/v1/join/" + c.Code + "/submit", "/api/v1/passport/login", "/api/v1/classes"}
	f.Fuzz(func(t *testing.T, body string) {
		var before int
		st.Reader.QueryRow(`SELECT count(*) FROM quiz_results`).Scan(&before)
		for _, p := range paths {
			resp, got := call(t, srv.App(), "POST", p, body,
				map[string]string{"X-CSRF-Token": testCSRF, "Idempotency-Key": "fuzz-submission-0001"},
				"ag_csrf", testCSRF, "ag_session", tok)
			if resp.StatusCode >= 500 {
				t.Fatalf("POST %s %q: %d %s", p, body, resp.StatusCode, got)
			}
			if resp.StatusCode >= 400 && !strings.Contains(got, `"error":{"code":"`) {
				t.Fatalf("POST %s %q: %d without the error shape: %s", p, body, resp.StatusCode, got)
			}
		}
		var after int
		st.Reader.QueryRow(`SELECT count(*) FROM quiz_results`).Scan(&after)
		if after > before+1 {
			t.Fatalf("one body stored %d quiz results", after-before)
		}
	})
}
