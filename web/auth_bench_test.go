package web

import (
	"testing"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"animalgenius/app/accounts"
)

// BenchmarkRequireAccountCached is one whole authenticated request (GET
// /api/v1/auth/me) through every middleware of the server, in process,
// with the session cached: the request-path cost of being signed in.
func BenchmarkRequireAccountCached(b *testing.B) {
	ts := newTestServer(b)
	ts.account(b, "ana@hill.school", accounts.RoleTeacher)
	tok := ts.token(b, "ana@hill.school")
	h := ts.srv.App().Handler()
	var ctx fasthttp.RequestCtx
	prepare := func() {
		ctx.Request.Reset()
		ctx.Response.Reset()
		ctx.Request.Header.SetMethod(fiber.MethodGet)
		ctx.Request.SetRequestURI("/api/v1/auth/me")
		ctx.Request.Header.SetCookie(sessionCookie, tok)
		ctx.Request.Header.SetCookie(csrfCookie, testCSRF)
	}
	prepare()
	h(&ctx)
	if ctx.Response.StatusCode() != 200 {
		b.Fatalf("status %d: %s", ctx.Response.StatusCode(), ctx.Response.Body())
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		prepare()
		h(&ctx)
	}
	if ctx.Response.StatusCode() != 200 {
		b.Fatalf("status %d", ctx.Response.StatusCode())
	}
}
