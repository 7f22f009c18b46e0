package web

import (
	"github.com/gofiber/fiber/v2"
)

type joinNameBody struct {
	FirstName   string `json:"firstName"`
	LastInitial string `json:"lastInitial"`
	// FirstNameConfirmed: "yes, all of it is my first name" (two words).
	FirstNameConfirmed bool `json:"firstNameConfirmed"`
}

// joinCheck checks, before the quiz, that a student can join the class
// with this name: the class exists, is open and not full, and the name is
// valid and free (a taken name comes back with a suggestion).
func (s *Server) joinCheck(c *fiber.Ctx) error {
	var body joinNameBody
	if err := readJSON(c, &body, smallJSON); err != nil {
		return err
	}
	info, name, err := s.deps.StudentService.CheckName(c.UserContext(), codeParam(c), body.FirstName, body.LastInitial, body.FirstNameConfirmed, s.studentClient(c))
	if err != nil {
		return studentsError(c, err)
	}
	return c.JSON(fiber.Map{"class": info, "name": name, "display": name.Display()})
}
