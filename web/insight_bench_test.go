package web

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/insight"
	"animalgenius/sqlitestore/storetest"
)

// BenchmarkInsightHTTP500 is GET analytics + GET roster of a 500-student
// class as whole requests through every middleware, in process:
// "uncached" after a change to the class (one read of its students),
// "cached" from the class's snapshot.
func BenchmarkInsightHTTP500(b *testing.B) {
	st := storetest.New(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	acc := accounts.New(st, accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	ins := insight.NewService(st, insight.Options{Logger: log})
	srv, err := New(Deps{Config: config.Default(), Logger: log, UI: fstest.MapFS{"index.html": {Data: []byte("x")}},
		Accounts: acc, Classes: classes.New(st), Insight: ins})
	if err != nil {
		b.Fatal(err)
	}
	ts := &testServer{srv: srv, svc: acc, store: st}
	a := ts.account(b, "ana@hill.school", accounts.RoleTeacher)
	tok := ts.token(b, "ana@hill.school")
	var classID int64
	types := [][3]string{{"INFP", "meerkat", "feeler"}, {"INTP", "owl", "thinker"}, {"ESTJ", "border_collie", "doer"}, {"ENFJ", "elephant", "feeler"}}
	const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
	err = st.Write(context.Background(), func(tx *sql.Tx) error {
		if err := tx.QueryRow(`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
			VALUES (?, 'Hall', 'owl', '#6D28D9', 'ABCDEF', 0, 0) RETURNING id`, a.ID).Scan(&classID); err != nil {
			return err
		}
		for i := range 500 {
			k := types[i%4]
			code := fmt.Sprintf("OWL-22%c%c%c", alphabet[i/961%31], alphabet[i/31%31], alphabet[i%31])
			if _, err := tx.Exec(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at,
					type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic, completed_at)
				VALUES (?, ?, 'B', lower(?), ?, 50, 0, ?, ?, ?, 'visual', 'visual', 5, 4, 3, 6, 5, 4, 6, 3, 4, 1, 1, 1, ?)`,
				classID, fmt.Sprintf("Kid%03d", i), fmt.Sprintf("Kid%03d", i), code, k[0], k[1], k[2], 1000+i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	h := srv.App().Handler()
	var ctx fasthttp.RequestCtx
	get := func(path string) {
		ctx.Request.Reset()
		ctx.Response.Reset()
		ctx.Request.Header.SetMethod(fiber.MethodGet)
		ctx.Request.SetRequestURI(path)
		ctx.Request.Header.SetCookie(sessionCookie, tok)
		ctx.Request.Header.SetCookie(csrfCookie, testCSRF)
		h(&ctx)
		if ctx.Response.StatusCode() != 200 {
			b.Fatalf("%s: %d %s", path, ctx.Response.StatusCode(), ctx.Response.Body())
		}
	}
	analytics := fmt.Sprintf("/api/v1/classes/%d/analytics", classID)
	roster := fmt.Sprintf("/api/v1/classes/%d/roster", classID)
	for _, mode := range []string{"uncached", "cached"} {
		b.Run(mode, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if mode == "uncached" {
					ins.OnStudentsChanged(classID)
				}
				get(analytics)
				get(roster)
			}
		})
	}
}
