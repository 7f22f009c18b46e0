package web

import (
	"context"
	"errors"
	"log/slog"

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
	if err != nil {
		return studentsError(c, err)
	}
	s.auditStudent(c, "student.rename", classID, "", studentID)
	return c.JSON(fiber.Map{"student": st})
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
