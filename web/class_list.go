package web

import (
	"github.com/gofiber/fiber/v2"
)

// classList is the signed-in teacher's classes; an admin asking with
// ?all=1 gets every class of the box.
func (s *Server) classList(c *fiber.Ctx) error {
	all := queryFlag(c, "all")
	list, err := s.deps.Classes.List(c.UserContext(), viewer(c), all)
	if err != nil {
		return classesError(err)
	}
	out := make([]classView, len(list))
	for i, cl := range list {
		out[i] = s.classView(c, cl)
	}
	return c.JSON(fiber.Map{"classes": out})
}
