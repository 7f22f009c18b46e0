package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// studentRemove deletes one student of the class with its results and
// coins, and ends its sessions.
func (s *Server) studentRemove(c *fiber.Ctx) error {
	classID, studentID, err := rosterStudent(c)
	if err != nil {
		return err
	}
	if err := s.deps.StudentService.Remove(c.UserContext(), classID, studentID); err != nil {
		return studentsError(c, err)
	}
	s.auditStudent(c, "student.remove", classID, "", studentID)
	return c.SendStatus(http.StatusNoContent)
}
