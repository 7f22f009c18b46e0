package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/classes"
)

// classCreate makes a class for the signed-in teacher.
func (s *Server) classCreate(c *fiber.Ctx) error {
	var in classes.Input
	if err := readJSON(c, &in, smallJSON); err != nil {
		return err
	}
	cl, err := s.deps.Classes.Create(c.UserContext(), viewer(c), in)
	if err != nil {
		return classesError(err)
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"class": s.classView(c, cl)})
}
