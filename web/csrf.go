package web

import (
	"crypto/subtle"
	"net/http"
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// CSRF protection is a double-submit cookie: pages and API answers set
// ag_csrf (readable by our scripts) when the browser lacks one, and every
// state-changing /api/v1 request must echo it in X-CSRF-Token. A signed-in
// client's API reads (GET, HEAD, OPTIONS with a session cookie) set none:
// it signed in with the cookie, a browser gets it again with every page,
// and a refused write sets it for the retry. A script that keeps only its
// session cookie is thus not given a new token, 87 bytes of Set-Cookie,
// on every cached read.
// Another site can make a browser send our cookies but cannot read them,
// so it cannot echo the value. Origin (when sent) must also be ours, and a
// browser-declared cross-site request is refused outright.
const (
	csrfCookie = "ag_csrf"
	csrfHeader = "X-CSRF-Token"
)

func errCSRF() *APIError {
	return Err(http.StatusForbidden, "csrf", "This page is out of date. Reload the page and try again.")
}

// noCSRFCookiePrefixes are files and probes: no cookie is set on them.
var noCSRFCookiePrefixes = []string{"/assets/", "/vendor/", "/art/", "/healthz", "/readyz", "/metrics", "/favicon.ico"}

func (s *Server) csrf(c *fiber.Ctx) error {
	path := c.Path()
	api := strings.HasPrefix(path, "/api/")
	if !api {
		for _, p := range noCSRFCookiePrefixes {
			if strings.HasPrefix(path, p) {
				return c.Next()
			}
		}
	}
	tok := c.Cookies(csrfCookie)
	valid := accounts.ValidToken(tok)
	safe := c.Method() == fiber.MethodGet || c.Method() == fiber.MethodHead || c.Method() == fiber.MethodOptions
	if !valid && !(api && safe && signedIn(c)) {
		fresh := accounts.RandomToken()
		c.Cookie(&fiber.Cookie{Name: csrfCookie, Value: fresh, Path: "/", SameSite: fiber.CookieSameSiteLaxMode,
			Secure: s.proto(c) == "https"})
	}
	if !api {
		return c.Next()
	}
	if safe {
		return c.Next()
	}
	if !valid || subtle.ConstantTimeCompare([]byte(c.Get(csrfHeader)), []byte(tok)) != 1 {
		return errCSRF()
	}
	if origin := c.Get(fiber.HeaderOrigin); origin != "" && !s.sameOrigin(c, origin) {
		return errCSRF()
	}
	if c.Get("Sec-Fetch-Site") == "cross-site" {
		return errCSRF()
	}
	return c.Next()
}

// sameOrigin tells whether origin is this server as the browser reached
// it (scheme and host with port), or the configured public URL.
func (s *Server) sameOrigin(c *fiber.Ctx, origin string) bool {
	u, err := url.Parse(origin)
	if err != nil || u.Host == "" {
		return false
	}
	if strings.EqualFold(u.Scheme, s.proto(c)) && strings.EqualFold(u.Host, s.host(c)) {
		return true
	}
	if pub := s.cfg.Server.PublicURL; pub != "" {
		if p, err := url.Parse(pub); err == nil && strings.EqualFold(p.Scheme, u.Scheme) && strings.EqualFold(p.Host, u.Host) {
			return true
		}
	}
	return false
}

// signedIn tells whether the request carries a session cookie (checked
// or not: this only decides whether a CSRF cookie is offered).
func signedIn(c *fiber.Ctx) bool {
	h := &c.Request().Header
	return len(h.Cookie(sessionCookie)) > 0 || len(h.Cookie(studentCookie)) > 0
}
