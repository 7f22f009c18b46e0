package web

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strconv"
	"sync/atomic"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"animalgenius/app/accounts"
)

// Every answer carries an X-Request-ID, the key to its log lines: the one
// a trusted front (nginx) sent when it is short and plain, else this
// process's random prefix and a counter. It lives only in the response
// header (no allocation per request); requestID copies it out for a log
// line.
const headerRequestID = "X-Request-ID"

var (
	requestIDPrefix = func() string {
		var b [6]byte
		rand.Read(b[:])
		return hex.EncodeToString(b[:])
	}()
	requestIDSeq atomic.Uint64
)

func requestID(c *fiber.Ctx) string {
	return string(c.Response().Header.Peek(headerRequestID))
}

// requestIDKey is headerRequestID as fasthttp writes it.
var requestIDKey = canonicalKey(headerRequestID)

func newRequestID() fiber.Handler {
	return func(c *fiber.Ctx) error {
		h := &c.Response().Header
		if in := c.Request().Header.Peek(headerRequestID); plainRequestID(in) {
			h.SetCanonical(requestIDKey, in)
		} else {
			var buf [32]byte
			id := append(buf[:0], requestIDPrefix...)
			id = append(id, '-')
			id = strconv.AppendUint(id, requestIDSeq.Add(1), 36)
			h.SetCanonical(requestIDKey, id)
		}
		return c.Next()
	}
}

// plainRequestID accepts 1-64 letters, digits, '-', '_' or '.' (an id
// copied into logs must not carry anything else).
func plainRequestID(b []byte) bool {
	if len(b) == 0 || len(b) > 64 {
		return false
	}
	for _, ch := range b {
		switch {
		case ch >= 'a' && ch <= 'z', ch >= 'A' && ch <= 'Z', ch >= '0' && ch <= '9', ch == '-', ch == '_', ch == '.':
		default:
			return false
		}
	}
	return true
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

// securityHeaders are set on every answer once it is written (after the
// error handler), by what it is. Documents and files a browser renders or
// runs (pages, scripts, styles, pictures, SVG, CSV) get the whole set. A
// JSON answer is never rendered as a document: it gets only what keeps it
// JSON (nosniff) and out of other sites' pages (CORP); the document
// headers (CSP, frames, referrer, opener, permissions) would only add
// about 450 bytes to every API answer.
func (s *Server) securityHeaders(c *fiber.Ctx) {
	h := &c.Response().Header
	if s.isHTTPS(c) {
		setHeader(h, hdrHSTS)
	}
	setHeader(h, hdrNoSniff)
	setHeader(h, hdrCORP)
	if bytes.HasPrefix(h.ContentType(), jsonType) {
		return
	}
	for _, hd := range documentHeaders {
		setHeader(h, hd)
	}
}

// The security headers, their names in fasthttp's canonical form (what
// ResponseHeader.Set would make of them), so no answer pays for
// normalizing a name.
var (
	hdrHSTS         = newHeader("Strict-Transport-Security", "max-age=31536000")
	hdrNoSniff      = newHeader("X-Content-Type-Options", "nosniff")
	hdrCORP         = newHeader("Cross-Origin-Resource-Policy", "same-origin")
	documentHeaders = []header{
		newHeader("Content-Security-Policy", contentSecurityPolicy),
		newHeader("X-Frame-Options", "DENY"),
		newHeader("Referrer-Policy", "same-origin"),
		newHeader("Cross-Origin-Opener-Policy", "same-origin"),
		newHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"),
	}
)

var jsonType = []byte(fiber.MIMEApplicationJSON)

// header is a constant response header, its name in canonical form.
type header struct{ key, value []byte }

func newHeader(key, value string) header { return header{canonicalKey(key), []byte(value)} }

// canonicalKey is a header name as fasthttp writes it.
func canonicalKey(key string) []byte { return fasthttp.AppendNormalizedHeaderKey(nil, key) }

// setHeader is ResponseHeader.Set of a constant header.
func setHeader(h *fasthttp.ResponseHeader, hd header) { h.SetCanonical(hd.key, hd.value) }

// isHTTPS is s.proto(c) == "https" without checking the peer against the
// trusted proxies (which formats its address) when no proxy header is
// there to believe.
func (s *Server) isHTTPS(c *fiber.Ctx) bool {
	if c.Context().IsTLS() {
		return true
	}
	if !s.proxied {
		return false
	}
	if len(c.Request().Header.Peek(fiber.HeaderXForwardedProto)) == 0 && len(c.Request().Header.Peek(fiber.HeaderXForwardedProtocol)) == 0 &&
		len(c.Request().Header.Peek(fiber.HeaderXForwardedSsl)) == 0 && len(c.Request().Header.Peek(fiber.HeaderXUrlScheme)) == 0 {
		return false
	}
	return c.Protocol() == "https"
}

// logAndMeasure writes one structured line per request, feeds the
// latency histogram by route template (never by raw path: ids stay out)
// and sets the security headers once the answer is known.
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
	s.securityHeaders(c)
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
		actorAttr(c),
	)
	return err
}

// actorAttr names who made the request by id, never by name: "account:7"
// or "student:42"; nothing for a visitor (the empty attribute is dropped).
func actorAttr(c *fiber.Ctx) slog.Attr {
	sess := currentSession(c)
	if sess == nil {
		return slog.Attr{}
	}
	return slog.String("actor", sess.Kind+":"+strconv.FormatInt(sess.SubjectID, 10))
}
