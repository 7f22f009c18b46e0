package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/classes"
)

// classUpdate changes some settings of a class (name, grade, icon,
// colour, seat limit, retakes); fields left out stay as they are.
func (s *Server) classUpdate(c *fiber.Ctx) error {
	id := classID(c)
	var p classes.Patch
	if err := readJSON(c, &p, smallJSON); err != nil {
		return err
	}
	cl, err := s.deps.Classes.Update(c.UserContext(), viewer(c), id, p)
	if err != nil {
		return classesError(err)
	}
	return c.JSON(fiber.Map{"class": s.classView(c, cl)})
}
