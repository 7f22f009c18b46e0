package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/devices"
)

// deviceCookie marks a browser that signed in before (OWASP's "device
// cookies"): HttpOnly, a year long, signed by the box. Budgets of failed
// logins treat such a device apart from everyone else (app/devices).
const deviceCookie = "ag_device"

// device is the request's checked device cookie (zero: unknown device).
// It holds no byte of the request.
func (s *Server) device(c *fiber.Ctx) devices.Device {
	if s.deps.Devices == nil {
		return devices.Device{}
	}
	return s.deps.Devices.Parse(c.Cookies(deviceCookie))
}

// rememberDevice gives the browser a device cookie for owner after a
// successful login, keeping the one it has when it already names owner.
func (s *Server) rememberDevice(c *fiber.Ctx, kind byte, owner int64) {
	if s.deps.Devices == nil {
		return
	}
	if d := s.device(c); d.Kind == kind && d.Owner == owner {
		return
	}
	c.Cookie(&fiber.Cookie{Name: deviceCookie, Value: s.deps.Devices.Issue(kind, owner), Path: "/api/v1/", HTTPOnly: true,
		SameSite: fiber.CookieSameSiteLaxMode, Secure: s.proto(c) == "https", MaxAge: int(365 * 24 * time.Hour / time.Second)})
}
