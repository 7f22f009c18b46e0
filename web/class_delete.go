package web

import (
	"log/slog"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/textrules"
)

type classDeleteBody struct {
	// Confirm is the class name typed by the teacher.
	Confirm string `json:"confirm"`
}

// classDelete deletes a class with all its students' data after the
// teacher typed the class's name, and ends those students' sessions.
func (s *Server) classDelete(c *fiber.Ctx) error {
	id := classID(c)
	var body classDeleteBody
	if err := readJSON(c, &body, smallJSON); err != nil {
		return err
	}
	ids, err := s.deps.Classes.Delete(c.UserContext(), viewer(c), id, body.Confirm)
	if err != nil {
		return classesError(err)
	}
	// The rows are gone with the class; this drops cached sessions and
	// closes open sockets. A failure here is logged: the data is deleted.
	if err := s.deps.StudentService.EndSessions(c.UserContext(), ids); err != nil {
		s.log.Warn("class deleted but some student sessions could not be ended", slog.Int64("class_id", id), slog.Any("error", err))
	}
	// One line per student deleted (the admin's audit finds each by
	// student), or one for an empty class.
	s.auditStudent(c, "class.delete", id, textrules.Count(len(ids), "student", "students")+" deleted", ids...)
	// A board still open on the class (a projector) says so at once.
	if s.hub != nil {
		s.hub.Publish("class:"+strconv.FormatInt(id, 10), encode(socketError{Type: "error", Code: "class_deleted", Message: "This class was deleted."}))
	}
	s.log.Info("class deleted", slog.Int64("class_id", id), slog.Int("students", len(ids)), slog.Int64("by", currentAccount(c).ID))
	return c.SendStatus(http.StatusNoContent)
}
