package web

import (
	"io"
	"log/slog"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/valyala/fasthttp"

	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/sqlitestore/storetest"
)

// BenchmarkMiddlewareCost is GET /healthz in process (no sockets): on a
// bare fiber app, on a bare app with one of our middlewares in front, and
// on the whole server. The differences are what each middleware costs a
// request; header-B is the response header's size on the wire.
//
//	go test ./web -run '^$' -bench MiddlewareCost
func BenchmarkMiddlewareCost(b *testing.B) {
	st := storetest.New(b)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	acc := accounts.New(st, accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	srv, err := New(Deps{Config: config.Default(), Logger: log, UI: fstest.MapFS{"index.html": {Data: []byte("x")}},
		Accounts: acc, Registry: prometheus.NewRegistry()})
	if err != nil {
		b.Fatal(err)
	}
	bare := func(mw ...fiber.Handler) *fiber.App {
		a := fiber.New(fiber.Config{DisableStartupMessage: true})
		for _, m := range mw {
			a.Use(m)
		}
		a.Get("/healthz", func(c *fiber.Ctx) error {
			c.Set(fiber.HeaderContentType, fiber.MIMEApplicationJSON)
			return c.SendString(`{"status":"ok"}`)
		})
		return a
	}
	cases := []struct {
		name string
		app  *fiber.App
	}{
		{"bare fiber", bare()},
		{"bare + request id", bare(newRequestID())},
		{"bare + log and measure", bare(srv.logAndMeasure)},
		{"bare + recover", bare(srv.recoverPanics)},
		{"bare + security headers", bare(func(c *fiber.Ctx) error { err := c.Next(); srv.securityHeaders(c); return err })},
		{"bare + csrf", bare(srv.csrf)},
		{"server", srv.App()},
	}
	for _, tc := range cases {
		b.Run(tc.name, func(b *testing.B) {
			h := tc.app.Handler()
			var ctx fasthttp.RequestCtx
			get := func() {
				ctx.Request.Reset()
				ctx.Response.Reset()
				ctx.Request.Header.SetMethod(fiber.MethodGet)
				ctx.Request.SetRequestURI("/healthz")
				h(&ctx)
			}
			get()
			if ctx.Response.StatusCode() != 200 {
				b.Fatalf("status %d: %s", ctx.Response.StatusCode(), ctx.Response.Body())
			}
			b.ReportAllocs()
			for b.Loop() {
				get()
			}
			b.ReportMetric(float64(len(ctx.Response.Header.Header())), "header-B")
		})
	}
}
