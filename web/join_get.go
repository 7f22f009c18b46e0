package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/students"
)

// studentClient is the caller, for sessions and guessing budgets.
func studentClient(c *fiber.Ctx) students.Client {
	return students.Client{IP: c.IP(), UserAgent: string(c.Request().Header.UserAgent())}
}

// joinGet shows a class to someone about to join it with its code (typed
// in any case, spaces allowed). A closed or full class is refused here,
// before anyone answers a question.
func (s *Server) joinGet(c *fiber.Ctx) error {
	info, err := s.deps.StudentService.Join(c.UserContext(), c.Params("code"), studentClient(c))
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
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(fiber.Map{"class": info})
}
