package web

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/gofiber/fiber/v2"
)

// browserCookie names the browser: a random id set on the first page load
// (HttpOnly, a year). A live game remembers the browsers of kicked
// players, so a kicked player cannot come back under another nickname.
// It identifies no one and is stored nowhere but in a game's memory. (The
// signed device cookie of known devices, ag_device, is another matter:
// device_cookie.go.)
const browserCookie = "ag_browser"

const browserIDLen = 32 // hex digits of 16 random bytes

// withBrowserID gives a browser without a browser cookie one.
func withBrowserID(c *fiber.Ctx) error {
	if browserID(c) == "" {
		var b [16]byte
		_, _ = rand.Read(b[:]) // crypto/rand never fails on supported systems
		c.Cookie(&fiber.Cookie{Name: browserCookie, Value: hex.EncodeToString(b[:]), Path: "/", HTTPOnly: true,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: c.Protocol() == "https", Expires: time.Now().AddDate(1, 0, 0)})
	}
	return c.Next()
}

// browserID is the request's browser cookie when well formed (a copy that
// may outlive the request), else "".
func browserID(c *fiber.Ctx) string {
	v := c.Cookies(browserCookie)
	if len(v) != browserIDLen {
		return ""
	}
	var b [16]byte
	if _, err := hex.Decode(b[:], []byte(v)); err != nil {
		return ""
	}
	return hex.EncodeToString(b[:])
}
