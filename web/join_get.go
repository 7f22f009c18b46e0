package web

import (
	"net/url"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/students"
)

// studentClient is the caller, for sessions and guessing budgets.
func (s *Server) studentClient(c *fiber.Ctx) students.Client {
	return students.Client{IP: s.clientAddr(c), UserAgent: string(c.Request().Header.UserAgent()), Device: s.device(c)}
}

// codeParam is the class code of the path as typed (URL-decoded, so
// "abc%20234" is "abc 234"; the students area reads it forgivingly).
func codeParam(c *fiber.Ctx) string {
	raw := c.Params("code")
	if code, err := url.PathUnescape(raw); err == nil {
		return code
	}
	return raw
}

// joinGet shows a class to someone about to join it with its code (typed
// in any case, spaces allowed). A closed or full class is refused here,
// before anyone answers a question.
func (s *Server) joinGet(c *fiber.Ctx) error {
	info, err := s.deps.StudentService.Join(c.UserContext(), codeParam(c), s.studentClient(c))
	if err == nil {
		switch {
		case info.Archived:
			err = students.ErrClassClosed
		case info.Full:
			err = students.ErrClassFull
		}
	}
	if err != nil {
		return studentsError(c, err)
	}
	return c.JSON(fiber.Map{"class": info})
}
