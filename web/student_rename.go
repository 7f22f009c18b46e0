package web

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/students"
)

type studentRenameBody struct {
	FirstName          string `json:"firstName"`
	LastInitial        string `json:"lastInitial"`
	FirstNameConfirmed bool   `json:"firstNameConfirmed"`
}

// studentRename corrects a student's name, with the rules of joining; the
// student keeps everything else. The audit line keeps no name.
func (s *Server) studentRename(c *fiber.Ctx) error {
	classID, studentID, err := rosterStudent(c)
	if err != nil {
		return err
	}
	var body studentRenameBody
	if err := readJSON(c, &body, smallJSON); err != nil {
		return err
	}
	_, st, err := s.deps.StudentService.Rename(c.UserContext(), classID, studentID, body.FirstName, body.LastInitial, body.FirstNameConfirmed)
	var taken *students.NameTakenError
	if errors.As(err, &taken) {
		// Said to the teacher, not to a pupil joining.
		return nameTaken(taken, "Another student in this class is already called "+taken.Name.Display()+
			" Add the next letter of the last name, like "+taken.Suggestion.Display(),
			"This name is already used in the class. Add the next letter of the last name.")
	}
	if errors.Is(err, students.ErrJustFirstName) {
		e := Err(http.StatusBadRequest, "just_first_name", "This looks like more than a first name. If all of it really is the pupil's first name (like Ana Sofia), confirm it.")
		e.Fields = map[string]string{"firstName": "Just the pupil's first name (no last name), unless all of it is the first name."}
		return e
	}
	if err != nil {
		return forTeacher(studentsError(c, err))
	}
	s.auditStudent(c, "student.rename", classID, "", studentID)
	return c.JSON(fiber.Map{"student": st})
}

// teacherWords turns the name rules' words to a pupil ("your first name")
// into words to the teacher correcting a pupil's name.
var teacherWords = strings.NewReplacer(
	"Your first name", "The first name", "your first name", "the pupil's first name",
	"your name", "the name", "your last name", "the pupil's last name")

// forTeacher rewords an API error written for a pupil.
func forTeacher(err error) error {
	var e *APIError
	if !errors.As(err, &e) {
		return err
	}
	out := *e
	out.Message = teacherWords.Replace(e.Message)
	if e.Fields != nil {
		out.Fields = make(map[string]string, len(e.Fields))
		for k, v := range e.Fields {
			out.Fields[k] = teacherWords.Replace(v)
		}
	}
	return &out
}

// auditStudent writes the audit line of an action on student data (after
// the action committed). A failure is logged: the action is done.
func (s *Server) auditStudent(c *fiber.Ctx, action string, classID int64, detail string, studentIDs ...int64) {
	if s.accounts == nil {
		return
	}
	who := s.actor(c)
	if err := s.accounts.RecordStudentAction(context.WithoutCancel(c.UserContext()), who, action, classID, detail, studentIDs...); err != nil {
		s.log.Error("unable to write an audit line", slog.String("action", action), slog.Int64("class_id", classID),
			slog.Int("students", len(studentIDs)), slog.Any("error", err))
	}
}
