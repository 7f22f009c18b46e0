package web

import (
	"io"
	"log/slog"
	"net"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"animalgenius/app/config"
)

// proto, host and isHTTPS answer what fiber's c.Protocol() and
// c.Hostname() answer (on a POST route: the pages take every GET), for a trusted proxy, an untrusted peer and a box
// that trusts no proxy, with and without forwarded headers.
func TestRequestOriginAsFiberSees(t *testing.T) {
	for _, trusted := range [][]string{nil, {"10.0.0.1"}, {"10.0.0.0/8"}} {
		cfg := config.Default()
		cfg.Server.TrustedProxies = trusted
		srv, err := New(Deps{Config: cfg, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), UI: fstest.MapFS{"index.html": {Data: []byte("x")}}})
		if err != nil {
			t.Fatal(err)
		}
		var got, want [3]string
		srv.app.Post("/probe-origin", func(c *fiber.Ctx) error {
			https := "no"
			if srv.isHTTPS(c) {
				https = "yes"
			}
			got = [3]string{srv.proto(c), srv.host(c), https}
			https = "no"
			if c.Protocol() == "https" {
				https = "yes"
			}
			want = [3]string{c.Protocol(), c.Hostname(), https}
			return nil
		})
		h := srv.App().Handler()
		for _, peer := range []string{"10.0.0.1", "192.0.2.7"} {
			for _, fwd := range [][2]string{{}, {fiber.HeaderXForwardedProto, "https"}, {fiber.HeaderXForwardedSsl, "on"}, {fiber.HeaderXForwardedHost, "proxy.example"}} {
				var ctx fasthttp.RequestCtx
				var req fasthttp.Request
				req.SetRequestURI("/probe-origin")
				req.Header.SetMethod(fiber.MethodPost)
				req.Header.SetHost("Box.School:8080")
				if fwd[0] != "" {
					req.Header.Set(fwd[0], fwd[1])
				}
				ctx.Init(&req, &net.TCPAddr{IP: net.ParseIP(peer), Port: 4000}, nil)
				h(&ctx)
				if got != want || got[0] == "" {
					t.Errorf("trusted %v, peer %s, %v: got %v, fiber %v", trusted, peer, fwd, got, want)
				}
			}
		}
	}
}
