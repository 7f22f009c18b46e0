package web

import (
	"github.com/gofiber/fiber/v2"
)

// classArchive makes a class read-only: nobody can join or retake, but
// its students can still log in.
func (s *Server) classArchive(c *fiber.Ctx) error { return s.setArchived(c, true) }

// classUnarchive opens an archived class again.
func (s *Server) classUnarchive(c *fiber.Ctx) error { return s.setArchived(c, false) }

func (s *Server) setArchived(c *fiber.Ctx, archived bool) error {
	id := classID(c)
	cl, err := s.deps.Classes.SetArchived(c.UserContext(), viewer(c), id, archived)
	if err != nil {
		return classesError(err)
	}
	return c.JSON(fiber.Map{"class": s.classView(c, cl)})
}
