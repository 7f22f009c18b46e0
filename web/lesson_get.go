package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/lessons"
)

// lessonSummary is a lesson as the library list shows it.
type lessonSummary struct {
	ID         int      `json:"id"`
	Slug       string   `json:"slug"`
	Title      string   `json:"title"`
	Summary    string   `json:"summary"`
	Minutes    int      `json:"minutes"`
	Objectives []string `json:"objectives"`
	Activities []string `json:"activities"`
}

// lessonList is GET /lessons: the library, in order.
func (s *Server) lessonList(c *fiber.Ctx) error {
	lib, err := lessons.Library()
	if err != nil {
		return err
	}
	out := make([]lessonSummary, len(lib))
	for i, l := range lib {
		out[i] = lessonSummary{ID: l.ID, Slug: l.Slug, Title: l.Title, Summary: l.Summary, Minutes: l.Minutes, Objectives: l.Objectives}
		for _, a := range l.Activities {
			out[i].Activities = append(out[i].Activities, a.Title)
		}
	}
	return c.JSON(fiber.Map{"lessons": out, "coinsPerCompletion": lessons.CoinsPerCompletion})
}

// lessonGet is GET /lessons/:lessonID: the whole lesson.
func (s *Server) lessonGet(c *fiber.Ctx) error {
	l, err := lessonParam(c)
	if err != nil {
		return err
	}
	return c.JSON(l)
}
