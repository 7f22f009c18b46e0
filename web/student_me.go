package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

// studentHomeView is a student's own page: itself (with its passport
// code), its class, its results, and the profile texts of its result.
type studentHomeView struct {
	students.Home
	Animal         *quiz.Animal         `json:"animal"`
	Genius         *quiz.Genius         `json:"genius"`
	LearningStyles []quiz.LearningStyle `json:"learningStyles"` // the student's styles, top first
	CanRetake      bool                 `json:"canRetake"`
}

// studentMe is the signed-in student's own page.
func (s *Server) studentMe(c *fiber.Ctx) error {
	h, err := s.deps.StudentService.Home(c.UserContext(), currentStudent(c))
	if errors.Is(err, students.ErrNotFound) {
		// Removed by the teacher after this session was checked.
		s.clearSessionCookie(c, true)
		return errStudentLoginRequired()
	}
	if err != nil {
		return err
	}
	v := studentHomeView{Home: h, LearningStyles: []quiz.LearningStyle{},
		CanRetake: h.Class.AllowRetakes && !h.Class.Archived || h.Student.Result == nil && !h.Class.Archived}
	if r := h.Student.Result; r != nil {
		if a, ok := quiz.AnimalByCode(r.Animal); ok {
			v.Animal = &a
		}
		if g, ok := quiz.GeniusByCode(r.Genius); ok {
			v.Genius = &g
		}
		if ls, ok := quiz.LearningStyleByCode(r.LearningStyle); ok {
			v.LearningStyles = append(v.LearningStyles, ls)
		}
		for _, code := range r.Styles {
			if ls, ok := quiz.LearningStyleByCode(code); ok && code != r.LearningStyle {
				v.LearningStyles = append(v.LearningStyles, ls)
			}
		}
	}
	return c.JSON(v)
}
