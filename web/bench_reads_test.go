package web_test

import (
	"context"
	"fmt"
	"net/netip"
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/sqlitestore/storetest"
)

// BenchmarkCachedReads is each cached read of the teacher's and the
// student's pages as a whole request through every middleware of the
// real appliance, in process (no sockets), next to GET /healthz on the
// same server and on a bare fiber app: the ratios of issue 19 are the
// bare app's ns/op over a read's. The teacher "ana" has 6 classes of 30
// students, "ben" one class of 500; every read is made once before the
// timer starts, so what is timed is the cached answer.
//
//	go test ./web -run '^$' -bench CachedReads -count 6
func BenchmarkCachedReads(b *testing.B) {
	_, a := apptest.StartBench(b)
	bg := context.Background()
	const password = "purple hedgehog reads maps"
	login := func(email string) (accounts.Account, string) {
		acct, _, err := a.Accounts().CreateAccount(bg, accounts.CLIActor, email, "Bench", "", accounts.RoleTeacher, password)
		if err != nil {
			b.Fatal(err)
		}
		_, tok, err := a.Accounts().Login(bg, email, password, accounts.Client{IP: netip.MustParseAddr("127.0.0.1")})
		if err != nil {
			b.Fatal(err)
		}
		return acct, tok
	}
	names := func(n int) []string {
		out := make([]string, n)
		for i := range out {
			out[i] = fmt.Sprintf("Kid%d", i)
		}
		return out
	}
	ana, anaTok := login("ana@bench.test")
	var class30 int64
	var kid int64
	for i := range 6 {
		id, ids := storetest.FixtureClass(b, a.Store(), ana.ID, "otter", names(30)...)
		if i == 0 {
			class30, kid = id, ids[0]
		}
	}
	ben, benTok := login("ben@bench.test")
	class500, _ := storetest.FixtureClass(b, a.Store(), ben.ID, "owl", names(500)...)
	kidTok, err := a.Accounts().CreateStudentSession(bg, kid)
	if err != nil {
		b.Fatal(err)
	}

	bare := fiber.New(fiber.Config{DisableStartupMessage: true})
	bare.Get("/healthz", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
		return c.SendString(`{"status":"ok"}`)
	})
	const csrf = "benchbenchbenchbenchbenchbenchbenchbenchben"
	cases := []struct {
		name, path, cookie, token string
		h                         fasthttp.RequestHandler
		noCSRF                    bool // a script that keeps only its session cookie
		gzip                      bool // a browser: Accept-Encoding gzip
	}{
		{"bare fiber healthz", "/healthz", "", "", bare.Handler(), false, false},
		{"healthz", "/healthz", "", "", nil, false, false},
		{"class list 6x30", "/api/v1/classes", "ag_session", anaTok, nil, false, false},
		{"class list 1x500", "/api/v1/classes", "ag_session", benTok, nil, false, false},
		{"roster 30", fmt.Sprintf("/api/v1/classes/%d/roster", class30), "ag_session", anaTok, nil, false, false},
		{"analytics 30", fmt.Sprintf("/api/v1/classes/%d/analytics", class30), "ag_session", anaTok, nil, false, false},
		{"roster 500", fmt.Sprintf("/api/v1/classes/%d/roster", class500), "ag_session", benTok, nil, false, false},
		{"analytics 500", fmt.Sprintf("/api/v1/classes/%d/analytics", class500), "ag_session", benTok, nil, false, false},
		{"student economy", "/api/v1/student/economy", "ag_student", kidTok, nil, false, false},
		{"student economy, session cookie only", "/api/v1/student/economy", "ag_student", kidTok, nil, true, false},
		{"roster 30, session cookie only", fmt.Sprintf("/api/v1/classes/%d/roster", class30), "ag_session", anaTok, nil, true, false},
		{"roster 30, gzip", fmt.Sprintf("/api/v1/classes/%d/roster", class30), "ag_session", anaTok, nil, false, true},
		{"roster 500, gzip", fmt.Sprintf("/api/v1/classes/%d/roster", class500), "ag_session", benTok, nil, false, true},
		{"analytics 30, gzip", fmt.Sprintf("/api/v1/classes/%d/analytics", class30), "ag_session", anaTok, nil, false, true},
	}
	server := a.Server().App().Handler()
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			h := tc.h
			if h == nil {
				h = server
			}
			var ctx fasthttp.RequestCtx
			get := func() {
				ctx.Request.Reset()
				ctx.Response.Reset()
				ctx.Request.Header.SetMethod(fiber.MethodGet)
				ctx.Request.SetRequestURI(tc.path)
				ctx.Request.Header.SetHost("192.168.1.20:8080")
				if tc.cookie != "" {
					ctx.Request.Header.SetCookie(tc.cookie, tc.token)
					if !tc.noCSRF {
						ctx.Request.Header.SetCookie("ag_csrf", csrf)
					}
				}
				if tc.gzip {
					ctx.Request.Header.Set(fiber.HeaderAcceptEncoding, "gzip, deflate, br, zstd")
				}
				h(&ctx)
			}
			get()
			if ctx.Response.StatusCode() != 200 {
				b.Fatalf("%s: %d %s", tc.path, ctx.Response.StatusCode(), ctx.Response.Body())
			}
			if enc := string(ctx.Response.Header.ContentEncoding()); tc.gzip != (enc == "gzip") {
				b.Fatalf("%s: Content-Encoding %q", tc.name, enc)
			}
			b.ReportAllocs()
			for b.Loop() {
				get()
			}
			b.ReportMetric(float64(len(ctx.Response.Body())), "body-B")
			b.ReportMetric(float64(len(ctx.Response.Header.Header())), "header-B")
		})
	}
}
