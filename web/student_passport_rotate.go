package web

import (
	"github.com/gofiber/fiber/v2"
)

// studentPassportRotate gives one student a new passport code; the old
// code stops working and the student's open sessions end at once.
func (s *Server) studentPassportRotate(c *fiber.Ctx) error {
	classID, studentID, err := rosterStudent(c)
	if err != nil {
		return err
	}
	st, err := s.deps.StudentService.RotatePassport(c.UserContext(), classID, studentID)
	if err != nil {
		return studentsError(c, err)
	}
	s.auditStudent(c, "student.passport_reissue", classID, "", studentID)
	return c.JSON(fiber.Map{"student": st})
}
