package web

import (
	"context"
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
	"animalgenius/web/hub"
)

// insightBoard is GET /classes/:classID/board: the live board now, as the
// socket pushes it ({"type":"board","version":...,"board":{...}}).
func (s *Server) insightBoard(c *fiber.Ctx) error {
	snap, err := s.snapshot(c)
	if err != nil {
		return err
	}
	return c.JSON(snap.BoardMessage())
}

// insightBoardFresh is POST /classes/:classID/board/fresh ("start fresh":
// show only students who finish from now on) and DELETE (show everyone
// again). Nothing is deleted. Every screen of the board gets the change.
func (s *Server) insightBoardFresh(c *fiber.Ctx) error {
	id := classID(c)
	if len(c.Body()) > 0 {
		return Err(http.StatusBadRequest, "unexpected_body", "This action takes no data. Send it without a body.")
	}
	if err := s.refuseArchived(c); err != nil {
		return err
	}
	msg, err := s.deps.Insight.StartFresh(c.UserContext(), id, c.Method() == fiber.MethodDelete)
	if err != nil {
		return insightError(err, errClassNotFound())
	}
	return c.JSON(msg)
}

var errNoTopic = badFrame("bad_topic", "There is nothing to follow there.")

// boardTopicCheck lets a socket follow "class:<id>" only for a signed-in
// teacher of that class (or an admin). Students, players and other
// teachers get the same answer as for a class that does not exist.
func (s *Server) boardTopicCheck(ctx context.Context, who hub.Subject, id int64) error {
	if who.Kind != accounts.KindAccount || who.ID <= 0 || s.accounts == nil {
		return errNoTopic
	}
	acct, err := s.accounts.Account(ctx, who.ID)
	if err != nil || acct.Disabled {
		return errNoTopic
	}
	if err := s.mayViewClass(ctx, &acct, id); err != nil {
		var ae *APIError
		if errors.As(err, &ae) {
			return errNoTopic
		}
		return err
	}
	return nil
}
