package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// studentAchievements is GET /student/achievements: every achievement,
// earned or not, new or not, with progress where there is one.
func (s *Server) studentAchievements(c *fiber.Ctx) error {
	list, err := s.deps.Achievements.ForStudent(c.UserContext(), currentStudent(c))
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"achievements": list})
}

// studentAchievementsSeen is POST /student/achievements/seen
// {"codes":[...]}: the student's home celebrated these, so they are no
// longer new. It never earns anything.
func (s *Server) studentAchievementsSeen(c *fiber.Ctx) error {
	var in struct {
		Codes []string `json:"codes"`
	}
	if err := readJSON(c, &in, smallJSON); err != nil {
		return err
	}
	if len(in.Codes) > 50 {
		return errBadRequest("Send at most 50 codes.")
	}
	n, err := s.deps.Achievements.MarkSeen(c.UserContext(), currentStudent(c), in.Codes)
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"marked": n})
}

// classAchievements is GET /classes/:classID/achievements: how many
// achievements each student of the class holds (the roster's column).
func (s *Server) classAchievements(c *fiber.Ctx) error {
	id := classID(c)
	counts, err := s.deps.Achievements.ClassCounts(c.UserContext(), id)
	if err != nil {
		return loungeError(err)
	}
	out := make(map[string]int, len(counts))
	for sid, n := range counts {
		out[strconv.FormatInt(sid, 10)] = n
	}
	return c.JSON(fiber.Map{"counts": out})
}

// classStudentAchievements is GET /classes/:classID/students/:studentID/
// achievements: one student's achievements for its teacher (a student of
// another class is 404).
func (s *Server) classStudentAchievements(c *fiber.Ctx) error {
	id := classID(c)
	sid, err := pathID(c, "studentID")
	if err != nil {
		return err
	}
	list, err := s.deps.Achievements.ForClassStudent(c.UserContext(), id, sid)
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"achievements": list})
}
