package web

import (
	"errors"
	"fmt"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/privacy"
)

// studentExport is everything held about one student of the class, as
// JSON (the printable page reads it too); ?download=1 makes it a file.
// Each export is in the audit log.
func (s *Server) studentExport(c *fiber.Ctx) error {
	if s.deps.Privacy == nil {
		return errNotFound()
	}
	classID, studentID, err := rosterStudent(c)
	if err != nil {
		return err
	}
	download := c.Query("download") == "1"
	e, err := s.deps.Privacy.StudentExport(c.UserContext(), classID, studentID)
	if errors.Is(err, privacy.ErrNotFound) {
		return errNotFound()
	}
	if err != nil {
		return err
	}
	s.auditStudent(c, "student.export", classID, "", studentID)
	if download {
		c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="student-%d-data.json"`, studentID))
	}
	return c.JSON(e)
}
