package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/jsontime"
	"animalgenius/app/lessons"
)

// lessonFeedbackSave is PUT /lessons/:lessonID/feedback {"stars":1-5,
// "comment":"..."}: the teacher's rating of a lesson (a new one replaces
// the old).
func (s *Server) lessonFeedbackSave(c *fiber.Ctx) error {
	l, err := lessonParam(c)
	if err != nil {
		return err
	}
	var in struct {
		Stars   *int   `json:"stars"`
		Comment string `json:"comment"`
	}
	if err := readJSON(c, &in, smallJSON); err != nil {
		return err
	}
	if in.Stars == nil {
		e := Err(http.StatusBadRequest, "invalid", "Choose from 1 to 5 stars.")
		e.Fields = map[string]string{"stars": e.Message}
		return e
	}
	f, err := s.deps.Lessons.SaveFeedback(c.UserContext(), currentAccount(c).ID, l.ID, *in.Stars, in.Comment)
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(f)
}

// lessonFeedbackMine is GET /lessons/feedback: the signed-in teacher's own
// ratings.
func (s *Server) lessonFeedbackMine(c *fiber.Ctx) error {
	list, err := s.deps.Lessons.MyFeedback(c.UserContext(), currentAccount(c).ID)
	if err != nil {
		return loungeError(err)
	}
	for i := range list {
		list[i].Teacher = ""
	}
	return c.JSON(fiber.Map{"feedback": list})
}

// adminLessonFeedback is GET /admin/lessons/feedback: per lesson the
// count, average, stars distribution and comments.
func (s *Server) adminLessonFeedback(c *fiber.Ctx) error {
	sum, err := s.deps.Lessons.FeedbackSummary(c.UserContext())
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"lessons": sum})
}

// adminLessonFeedbackCSV is GET /admin/lessons/feedback.csv: every rating,
// one line each.
func (s *Server) adminLessonFeedbackCSV(c *fiber.Ctx) error {
	all, err := s.deps.Lessons.AllFeedback(c.UserContext())
	if err != nil {
		return loungeError(err)
	}
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	_ = w.Write([]string{"lesson", "lesson_title", "teacher", "stars", "comment", "updated_at"})
	for _, f := range all {
		l, _ := lessons.ByID(f.LessonID)
		_ = w.Write([]string{strconv.Itoa(f.LessonID), csvCell(l.Title), csvCell(f.Teacher), strconv.Itoa(f.Stars), csvCell(f.Comment),
			jsontime.Format(f.UpdatedAt.Time)})
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="lesson-feedback.csv"`)
	return c.Send(b.Bytes())
}
