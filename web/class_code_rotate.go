package web

import (
	"github.com/gofiber/fiber/v2"
)

// classCodeRotate gives a class a new join code (the old link and QR code
// stop working; students already in the class are not affected).
func (s *Server) classCodeRotate(c *fiber.Ctx) error {
	id := classID(c)
	cl, err := s.deps.Classes.RotateCode(c.UserContext(), viewer(c), id)
	if err != nil {
		return classesError(err)
	}
	return c.JSON(fiber.Map{"class": s.classView(c, cl)})
}
