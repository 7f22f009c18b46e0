package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/reach"
)

// reachView is how pupils reach the box, for the teacher's pages: the base
// of the links pupils open, where it came from, whether it is a loopback
// address nobody else can open (and whether the box listens on loopback
// only), and the mDNS name the box answers to.
type reachView struct {
	reach.Base
	// Announced is http://<mdns_name>.local:<port> while the box answers
	// mDNS, else "".
	Announced string `json:"announced"`
	// PublicURLSet tells whether server.public_url is set.
	PublicURLSet bool `json:"publicUrlSet"`
	// ListensOnLoopback tells whether server.addr is a loopback address:
	// then no other device can connect, even when the machine has a
	// network address, so a loopback link is not for want of one.
	ListensOnLoopback bool `json:"listensOnLoopback"`
}

// reachGet tells a signed-in teacher or admin which address pupils use.
func (s *Server) reachGet(c *fiber.Ctx) error {
	return c.JSON(reachView{Base: s.reach.For(s.proto(c), s.host(c)), Announced: s.reach.Announced(),
		PublicURLSet: s.reach.PublicURL() != "", ListensOnLoopback: reach.ListensOnLoopback(s.cfg.Server.Addr)})
}
