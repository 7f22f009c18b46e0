package web

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"github.com/gofiber/fiber/v2"
)

// deviceCookie names the browser: a random id set on the first page load
// (HttpOnly, a year). A live game remembers the browsers of kicked
// players, so a kicked player cannot come back under another nickname.
// It identifies no one and is stored nowhere but in a game's memory.
const deviceCookie = "ag_device"

const deviceIDLen = 32 // hex digits of 16 random bytes

// withDevice gives a browser without a device cookie one.
func withDevice(c *fiber.Ctx) error {
	if deviceID(c) == "" {
		var b [16]byte
		_, _ = rand.Read(b[:]) // crypto/rand never fails on supported systems
		c.Cookie(&fiber.Cookie{Name: deviceCookie, Value: hex.EncodeToString(b[:]), Path: "/", HTTPOnly: true,
			SameSite: fiber.CookieSameSiteLaxMode, Secure: c.Protocol() == "https", Expires: time.Now().AddDate(1, 0, 0)})
	}
	return c.Next()
}

// deviceID is the request's device cookie when well formed (a copy that
// may outlive the request), else "".
func deviceID(c *fiber.Ctx) string {
	v := c.Cookies(deviceCookie)
	if len(v) != deviceIDLen {
		return ""
	}
	var b [16]byte
	if _, err := hex.Decode(b[:], []byte(v)); err != nil {
		return ""
	}
	return hex.EncodeToString(b[:])
}
