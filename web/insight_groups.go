package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/insight"
)

// groupingBodyLimit fits a grouping of every student of the largest class.
const groupingBodyLimit = 64 << 10

// insightMakeGroups is POST /classes/:classID/groups {size, balance, seed?, onlyFinished?}.
func (s *Server) insightMakeGroups(c *fiber.Ctx) error {
	id := classID(c)
	var req insight.GroupRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	if err := req.Validate(); err != nil {
		return insightError(err, errClassNotFound())
	}
	g, err := s.deps.Insight.MakeGroups(c.UserContext(), id, req)
	if err != nil {
		return insightError(err, errClassNotFound())
	}
	return c.JSON(g)
}

// insightListGroupings is GET /classes/:classID/groupings.
func (s *Server) insightListGroupings(c *fiber.Ctx) error {
	id := classID(c)
	list, err := s.deps.Insight.Groupings(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"groupings": list})
}

// insightSaveGrouping is POST /classes/:classID/groupings {name, size, balance, seed, groups}.
func (s *Server) insightSaveGrouping(c *fiber.Ctx) error {
	id := classID(c)
	var req insight.SaveGroupingRequest
	if err := readJSON(c, &req, groupingBodyLimit); err != nil {
		return err
	}
	if err := s.refuseArchived(c); err != nil {
		return err
	}
	g, err := s.deps.Insight.SaveGrouping(c.UserContext(), id, req)
	if err != nil {
		return insightError(err, errStudentNotFound())
	}
	return c.Status(http.StatusCreated).JSON(g)
}

// insightLoadGrouping is GET /classes/:classID/groupings/:groupingID.
func (s *Server) insightLoadGrouping(c *fiber.Ctx) error {
	return c.JSON(groupingOf(c))
}

// insightDeleteGrouping is DELETE /classes/:classID/groupings/:groupingID.
func (s *Server) insightDeleteGrouping(c *fiber.Ctx) error {
	if err := s.deps.Insight.DeleteGrouping(c.UserContext(), classID(c), groupingOf(c).ID); err != nil {
		return insightError(err, errGroupingNotFound())
	}
	return c.SendStatus(http.StatusNoContent)
}
