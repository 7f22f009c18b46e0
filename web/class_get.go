package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/classes"
)

// classGet is one class with its join link and the choices its settings
// form offers.
func (s *Server) classGet(c *fiber.Ctx) error {
	cl, err := s.theClass(c)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"class": s.classView(c, cl), "icons": classes.Icons(), "colours": classes.Palette})
}
