package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/firsthour"
)

// adminFirstHour is the admin's first-hour checklist, ticked from what the
// box knows (see app/firsthour), with the address pupils reach from this
// request's point of view.
func (s *Server) adminFirstHour(c *fiber.Ctx) error {
	facts, err := s.deps.FirstHour(c.UserContext())
	if err != nil {
		return err
	}
	base := s.reach.For(s.proto(c), s.host(c))
	facts.Reach, facts.Loopback, facts.PublicURLSet = base.URL, base.Loopback, s.reach.PublicURL() != ""
	return c.JSON(firsthour.Make(facts))
}
