package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/insight"
)

// insightRoster is GET /classes/:classID/roster?sort&dir&animal&genius&style&type&energy&status&q.
func (s *Server) insightRoster(c *fiber.Ctx) error {
	q, err := insight.ParseRosterQuery(func(k string) string { return c.Query(k) })
	if err != nil {
		return insightError(err, errClassNotFound())
	}
	snap, err := s.snapshot(c)
	if err != nil {
		return err
	}
	body, err := snap.RosterJSON(q)
	if err != nil {
		return err
	}
	return sendJSONBody(c, body)
}

// insightAnalytics is GET /classes/:classID/analytics.
func (s *Server) insightAnalytics(c *fiber.Ctx) error {
	snap, err := s.snapshot(c)
	if err != nil {
		return err
	}
	body, err := snap.AnalyticsJSON()
	if err != nil {
		return err
	}
	return sendJSONBody(c, body)
}

// insightPairings is GET /classes/:classID/pairings.
func (s *Server) insightPairings(c *fiber.Ctx) error {
	snap, err := s.snapshot(c)
	if err != nil {
		return err
	}
	return c.JSON(snap.Pairings())
}

// insightProfile is GET /classes/:classID/students/:studentID/profile.
func (s *Server) insightProfile(c *fiber.Ctx) error {
	snap, err := s.snapshot(c)
	if err != nil {
		return err
	}
	sid, _ := pathID(c, "studentID")
	p, ok := snap.Profile(sid)
	if !ok {
		return errStudentNotFound()
	}
	return c.JSON(p)
}
