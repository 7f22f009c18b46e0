package web

import (
	"github.com/gofiber/fiber/v2"
)

// classRoster lists a class's students with their passport codes, current
// results and coins (for the teacher's class page and passport cards).
func (s *Server) classRoster(c *fiber.Ctx) error {
	cl, err := s.theClass(c)
	if err != nil {
		return err
	}
	list, err := s.deps.StudentService.Roster(c.UserContext(), cl.ID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"class": s.classView(c, cl), "students": list})
}

// rosterStudent is the class and student of the path, when the signed-in
// account may see the class and the student is in it.
func (s *Server) rosterStudent(c *fiber.Ctx) (int64, int64, error) {
	id, err := pathID(c, "studentID")
	if err != nil {
		return 0, 0, err
	}
	return classID(c), id, nil
}
