package web

import (
	"animalgenius/app/devices"
	"encoding/json"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

// joinSubmitBody is a first quiz: the name and the answers, the latter in
// exactly the shape quiz.DecodeSubmission reads.
type joinSubmitBody struct {
	FirstName   string `json:"firstName"`
	LastInitial string `json:"lastInitial"`
	// FirstNameConfirmed lets a first name of two words through.
	FirstNameConfirmed bool            `json:"firstNameConfirmed"`
	Quiz               json.RawMessage `json:"quiz"`
}

// joinSubmit scores a first quiz and creates the student in one
// transaction (result, history, welcome bonus, passport code, session),
// then sets the student's cookie. The Idempotency-Key header names the
// submission: a retry with the same key answers the same and changes
// nothing (200 instead of 201).
func (s *Server) joinSubmit(c *fiber.Ctx) error {
	var body joinSubmitBody
	if err := readJSON(c, &body, quiz.MaxSubmissionBytes+smallJSON); err != nil {
		return err
	}
	if len(body.Quiz) == 0 || string(body.Quiz) == "null" {
		return errBadRequest(`Send your answers in "quiz".`)
	}
	sub, err := quiz.DecodeSubmission(body.Quiz)
	if err != nil {
		return studentsError(c, err)
	}
	res, token, err := s.deps.StudentService.Submit(c.UserContext(), students.SubmitInput{
		ClassCode: codeParam(c), FirstName: body.FirstName, LastInitial: body.LastInitial, FirstNameConfirmed: body.FirstNameConfirmed,
		Key: c.Get("Idempotency-Key"), Answer: sub, Client: s.studentClient(c),
	})
	if err != nil {
		return studentsError(c, err)
	}
	s.setSessionCookie(c, token, true)
	s.rememberDevice(c, devices.KindStudent, res.Student.ID)
	status := http.StatusCreated
	if res.Replayed {
		status = http.StatusOK
	}
	return c.Status(status).JSON(fiber.Map{"student": res.Student})
}
