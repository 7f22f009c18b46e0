package web

import (
	"errors"
	"mime"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

// studentRetake scores a new quiz for the signed-in student when the
// class allows retakes. The body is exactly a quiz submission
// ({"bankVersion":...,"answers":[...]}); Idempotency-Key names it.
func (s *Server) studentRetake(c *fiber.Ctx) error {
	if mt, _, err := mime.ParseMediaType(c.Get(fiber.HeaderContentType)); err != nil || mt != fiber.MIMEApplicationJSON {
		return Err(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.")
	}
	sub, err := quiz.DecodeSubmission(c.Body())
	if err != nil {
		return studentsError(c, err)
	}
	res, err := s.deps.StudentService.Retake(c.UserContext(), currentStudent(c), c.Get("Idempotency-Key"), sub)
	if errors.Is(err, students.ErrNotFound) {
		s.clearSessionCookie(c, true)
		return errStudentLoginRequired()
	}
	if err != nil {
		return studentsError(c, err)
	}
	status := fiber.StatusCreated
	if res.Replayed {
		status = fiber.StatusOK
	}
	return c.Status(status).JSON(fiber.Map{"student": res.Student})
}
