package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/reach"
)

// reachView is how pupils reach the box, for the teacher's pages: the base
// of the links pupils open, where it came from, whether it is a loopback
// address nobody else can open, and the mDNS name the box answers to.
type reachView struct {
	reach.Base
	// Announced is http://<mdns_name>.local:<port> while the box answers
	// mDNS, else "".
	Announced string `json:"announced"`
	// PublicURLSet tells whether server.public_url is set.
	PublicURLSet bool `json:"publicUrlSet"`
}

// reachGet tells a signed-in teacher or admin which address pupils use.
func (s *Server) reachGet(c *fiber.Ctx) error {
	return c.JSON(reachView{Base: s.reach.For(s.proto(c), s.host(c)), Announced: s.reach.Announced(),
		PublicURLSet: s.reach.PublicURL() != ""})
}
