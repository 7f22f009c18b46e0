package web

import (
	"animalgenius/app/accounts"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/requestid"
)

const requestIDKey = "requestid"

func requestID(c *fiber.Ctx) string {
	if v, ok := c.Locals(requestIDKey).(string); ok {
		return v
	}
	return ""
}

func newRequestID() fiber.Handler {
	return requestid.New(requestid.Config{Header: "X-Request-ID", ContextKey: requestIDKey})
}

// recoverPanics turns a panic in a handler into a logged 500 JSON error.
func (s *Server) recoverPanics(c *fiber.Ctx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			s.log.Error("panic in handler", slog.String("request_id", requestID(c)), slog.String("path", c.Path()),
				slog.String("panic", fmt.Sprint(p)), slog.String("stack", string(debug.Stack())))
			err = Err(http.StatusInternalServerError, "internal", "Something went wrong on our side. Please try again.")
		}
	}()
	return c.Next()
}

// contentSecurityPolicy allows only our own origin: no CDN, no inline script.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; " +
	"connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"

func securityHeaders(c *fiber.Ctx) error {
	h := &c.Response().Header
	h.Set("Content-Security-Policy", contentSecurityPolicy)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Referrer-Policy", "same-origin")
	h.Set("Cross-Origin-Opener-Policy", "same-origin")
	h.Set("Cross-Origin-Resource-Policy", "same-origin")
	h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()")
	if c.Protocol() == "https" {
		h.Set("Strict-Transport-Security", "max-age=31536000")
	}
	return c.Next()
}

// logAndMeasure writes one structured line per request and feeds the
// latency histogram by route template (never by raw path: ids stay out).
func (s *Server) logAndMeasure(c *fiber.Ctx) error {
	start := time.Now()
	err := c.Next()
	if err != nil {
		// Let the error handler write the response now so status is right.
		if herr := s.errorHandler(c, err); herr != nil {
			s.log.Error("error handler failed", slog.Any("error", herr))
		}
		err = nil
	}
	took := time.Since(start)
	status := c.Response().StatusCode()
	route := c.Route().Path
	if s.metrics != nil {
		s.metrics.observe(c.Method(), route, status, took)
	}
	level := slog.LevelInfo
	if status >= 500 {
		level = slog.LevelError
	}
	// Successful reads are counted in /metrics (route, status, time) and
	// logged only at debug level: a line per read would cost a busy box
	// as much as the read itself and flood the journal. Changes and
	// refusals are always logged.
	if status < 400 && (s.quietPaths[route] || c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead) {
		level = slog.LevelDebug
	}
	if !s.log.Enabled(c.UserContext(), level) {
		return err
	}
	s.log.LogAttrs(c.UserContext(), level, "request",
		slog.String("request_id", requestID(c)),
		slog.String("method", c.Method()),
		slog.String("route", route),
		slog.String("path", redactPath(c.Path())),
		slog.Int("status", status),
		slog.Duration("took", took),
		slog.Int("bytes", len(c.Response().Body())),
		slog.String("ip", accounts.AddrText(s.clientAddr(c))),
	)
	return err
}
