package clientaddr

import (
	"net/netip"

	"github.com/gofiber/fiber/v2"
)

// forwardingHeaders say a request was relayed by a proxy.
var forwardingHeaders = []string{fiber.HeaderXForwardedFor, "Forwarded", "X-Real-Ip", fiber.HeaderXForwardedHost, fiber.HeaderXForwardedProto}

// Of is the client address of a fiber request: the value owns its bytes,
// so it may outlive the handler (budgets, sockets, logs).
func (r *Resolver) Of(c *fiber.Ctx) netip.Addr {
	peer := Peer(c)
	if !r.Trusted(peer) {
		return peer
	}
	return r.Client(peer, c.Request().Header.PeekAll(fiber.HeaderXForwardedFor))
}

// Peer is the address of the socket peer (the proxy, when there is one).
func Peer(c *fiber.Ctx) netip.Addr {
	a, _ := netip.AddrFromSlice(c.Context().RemoteIP())
	return a.Unmap()
}

// Local tells whether a request was made on this machine and not relayed:
// a loopback peer and none of the headers a proxy adds. A request that a
// local reverse proxy relayed comes from somewhere else.
func Local(c *fiber.Ctx) bool {
	if !Peer(c).IsLoopback() {
		return false
	}
	h := &c.Request().Header
	for _, name := range forwardingHeaders {
		if len(h.Peek(name)) > 0 {
			return false
		}
	}
	return true
}
