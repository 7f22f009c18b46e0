package web

import (
	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/utils"
)

// proto is c.Protocol() and host is c.Hostname(): how the browser reached
// this box. fiber believes a proxy's X-Forwarded-* only from a trusted
// proxy, and finds out whether the peer is one by formatting its address
// (an allocation on every call); with no proxy trusted at all
// (server.trusted_proxies empty) nothing is believed, so these answer the
// same from the connection and the Host header alone.
func (s *Server) proto(c *fiber.Ctx) string {
	if s.proxied {
		return c.Protocol()
	}
	if c.Context().IsTLS() {
		return "https"
	}
	return "http"
}

// host is valid only during the request, like c.Hostname().
func (s *Server) host(c *fiber.Ctx) string {
	if s.proxied {
		return c.Hostname()
	}
	return utils.UnsafeString(c.Request().URI().Host())
}
