package web

import (
	"animalgenius/app/devices"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

type passportLoginBody struct {
	PassportCode string `json:"passportCode"`
	// ClassCode is needed only when the answer says class_code_needed.
	ClassCode string `json:"classCode"`
}

// passportLogin signs a student in with its passport code alone (any
// case, spaces and a missing hyphen are fine) and sets the student cookie.
// Wrong codes are budgeted per address, per prefix and for the box.
func (s *Server) passportLogin(c *fiber.Ctx) error {
	var body passportLoginBody
	if err := readJSON(c, &body, smallJSON); err != nil {
		return err
	}
	st, token, err := s.deps.StudentService.Login(c.UserContext(), body.PassportCode, body.ClassCode, s.studentClient(c))
	if err != nil {
		return studentsError(c, err)
	}
	s.setSessionCookie(c, token, true)
	s.rememberDevice(c, devices.KindStudent, st.ID)
	return c.JSON(fiber.Map{"student": st})
}

// passportLogout ends this browser's student session and clears its cookie.
func (s *Server) passportLogout(c *fiber.Ctx) error {
	if tok := c.Cookies(studentCookie); tok != "" {
		if err := s.accounts.Logout(c.UserContext(), tok, accounts.Actor{Label: "student", IP: s.clientAddr(c)}); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c, true)
	return c.SendStatus(http.StatusNoContent)
}
