package web

import (
	"fmt"
	"net/http"
	"strconv"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/lessons"
	"animalgenius/app/textrules"
)

// progressView is one lesson's progress with the activities done.
type progressView struct {
	lessons.Progress
	Title          string `json:"title"`
	ActivitiesDone []int  `json:"activitiesDone"`
}

func progressViews(all []lessons.Progress) []progressView {
	out := make([]progressView, len(all))
	for i, p := range all {
		l, _ := lessons.ByID(p.LessonID)
		out[i] = progressView{Progress: p, Title: l.Title, ActivitiesDone: p.ActivitiesDone()}
	}
	return out
}

// classLessons is GET /classes/:classID/lessons: the class's progress in
// every lesson.
func (s *Server) classLessons(c *fiber.Ctx) error {
	id := classID(c)
	all, err := s.deps.Lessons.ClassProgress(c.UserContext(), id)
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"lessons": progressViews(all)})
}

// classSummary is a class card's line: lessons completed and the lesson
// under way.
type classSummary struct {
	Completed int           `json:"completed"`
	Total     int           `json:"total"`
	Current   *progressView `json:"current"`
}

// lessonProgressAll is GET /lessons/progress: a summary for every class of
// the signed-in teacher (the teacher home's class cards); an admin asking
// with ?all=1 gets every class of the box, like GET /classes?all=1.
func (s *Server) lessonProgressAll(c *fiber.Ctx) error {
	list, err := s.deps.Classes.List(c.UserContext(), viewer(c), queryFlag(c, "all"))
	if err != nil {
		return classesError(err)
	}
	ids := make([]int64, len(list))
	for i, cl := range list {
		ids[i] = cl.ID
	}
	all, err := s.deps.Lessons.ClassesProgress(c.UserContext(), ids)
	if err != nil {
		return loungeError(err)
	}
	out := make(map[string]classSummary, len(ids))
	for _, id := range ids {
		sum := classSummary{Total: lessons.Count()}
		for _, v := range progressViews(all[id]) {
			if v.Completions > 0 {
				sum.Completed++
			}
			if v.Status == lessons.InProgress && sum.Current == nil {
				sum.Current = &v
			}
		}
		out[strconv.FormatInt(id, 10)] = sum
	}
	return c.JSON(fiber.Map{"classes": out})
}

// classLessonChange answers the teacher's actions on a class's lesson:
// start, an activity done, complete (pays every current student of the
// class once) and reset. None takes a body.
func (s *Server) classLessonChange(action lessons.Action) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id := classID(c)
		l, err := lessonParam(c)
		if err != nil {
			return err
		}
		if len(c.Body()) > 0 {
			return Err(http.StatusBadRequest, "unexpected_body", "This action takes no data. Send it without a body.")
		}
		ch := lessons.Change{ClassID: id, LessonID: l.ID, Action: action}
		if action == lessons.ActionDone {
			n, err := strconv.Atoi(c.Params("activity"))
			if err != nil || n < 1 || n > lessons.Activities {
				return loungeError(lessons.ErrUnknownActivity)
			}
			ch.Activity = n
		}
		res, err := s.deps.Lessons.Change(c.UserContext(), ch)
		if err != nil {
			return loungeError(err)
		}
		if len(res.Paid) > 0 {
			// Coins a teacher's click paid: in the audit log like a gift,
			// one line per pupil paid.
			s.auditStudent(c, "coins.lesson_reward", id, fmt.Sprintf("%s for completing lesson %d", textrules.Count(res.Coins, "coin", "coins"), l.ID), res.Paid...)
		}
		v := progressViews([]lessons.Progress{res.Progress})[0]
		return c.JSON(fiber.Map{"progress": v, "studentsPaid": len(res.Paid), "coinsEach": res.Coins})
	}
}
