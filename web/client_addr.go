package web

import (
	"net/netip"

	"github.com/gofiber/fiber/v2"
)

// clientAddr is the one answer to "who is calling" for budgets, logs, the
// audit log, sessions and sockets: the socket peer, or, only when the peer
// is in server.trusted_proxies, the right-most X-Forwarded-For entry that
// is not a trusted proxy (package clientaddr). It is a value, safe to keep
// after the handler returns.
func (s *Server) clientAddr(c *fiber.Ctx) netip.Addr { return s.proxies.Of(c) }
