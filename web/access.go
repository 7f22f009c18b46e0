package web

import (
	"context"
	"errors"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/game"
	"animalgenius/app/insight"
)

// The resources of a path (/classes/:classID, /games/:gameID,
// /question-sets/:setID, /classes/:classID/groupings/:groupingID) are
// resolved and authorised once per request by the middleware below, which
// leaves them in c.Locals for the handlers. What is not the caller's and
// what does not exist get the same answer, 404 not_found, so ids of other
// teachers' things are not confirmed.

// Locals keys of the resolved resources.
const (
	localClass    = "ag.class"
	localGame     = "ag.game"
	localSet      = "ag.set"
	localGrouping = "ag.grouping"
)

func errClassNotFound() *APIError {
	return notFound("We couldn't find that class. Go back to your classes and pick it again.")
}

func errStudentNotFound() *APIError {
	return notFound("We couldn't find that student in this class. Go back to the roster and pick them again.")
}

func errGroupingNotFound() *APIError {
	return notFound("We couldn't find those saved groups. Reload the page to see the ones you have.")
}

// viewer is the signed-in account as the classes area sees it.
func viewer(c *fiber.Ctx) classes.Viewer {
	a := currentAccount(c)
	return classes.Viewer{AccountID: a.ID, Admin: a.IsAdmin()}
}

// mayViewClass answers errClassNotFound unless the account may see the
// class: its own, or any for an admin. It is the one place that decides;
// the class middleware and the live board's socket topics ask it.
func (s *Server) mayViewClass(ctx context.Context, acct *accounts.Account, classID int64) error {
	if acct == nil {
		return errClassNotFound()
	}
	err := s.deps.Classes.Visible(ctx, classes.Viewer{AccountID: acct.ID, Admin: acct.IsAdmin()}, classID)
	if errors.Is(err, classes.ErrNotFound) {
		return errClassNotFound()
	}
	return err
}

// loadClass is the middleware of /classes/:classID (after requireAccount):
// the class of the path, once the account may see it, is classID(c).
func (s *Server) loadClass(c *fiber.Ctx) error {
	id, ok := parseID(c.Params("classID"))
	if !ok {
		return errClassNotFound()
	}
	if err := s.mayViewClass(c.UserContext(), currentAccount(c), id); err != nil {
		return err
	}
	c.Locals(localClass, id)
	return c.Next()
}

// classID is the class of the path, authorised by loadClass.
func classID(c *fiber.Ctx) int64 {
	id, _ := c.Locals(localClass).(int64)
	return id
}

// theClass reads the whole class of the path (name, code, settings) for
// the handlers that send it.
func (s *Server) theClass(c *fiber.Ctx) (classes.Class, error) {
	cl, err := s.deps.Classes.Get(c.UserContext(), viewer(c), classID(c))
	if err != nil {
		return cl, classesError(err)
	}
	return cl, nil
}

// loadGame is the middleware of /games/:gameID (after requireAccount): a
// game its host or an admin may see, then gameOf(c). What an admin does
// there acts for the game's host (the host's students get the prizes).
func (s *Server) loadGame(c *fiber.Ctx) error {
	id, err := pathID(c, "gameID")
	if err != nil {
		return err
	}
	acct := currentAccount(c)
	sum, err := s.library.GameFor(c.UserContext(), acct.ID, acct.IsAdmin(), id)
	if err != nil {
		return gameError(err)
	}
	c.Locals(localGame, &sum)
	return c.Next()
}

// gameOf is the game of the path, authorised by loadGame.
func gameOf(c *fiber.Ctx) game.Summary {
	if g, ok := c.Locals(localGame).(*game.Summary); ok {
		return *g
	}
	return game.Summary{}
}

// loadSet is the middleware of /question-sets/:setID: one of the caller's
// question sets, or 0, the bundled set everyone may read and copy.
func (s *Server) loadSet(c *fiber.Ctx) error {
	id := int64(0)
	if raw := c.Params("setID"); raw != "0" {
		var err error
		if id, err = pathID(c, "setID"); err != nil {
			return err
		}
	}
	set, err := s.library.Set(c.UserContext(), currentAccount(c).ID, id)
	if err != nil {
		return gameError(err)
	}
	c.Locals(localSet, &set)
	return c.Next()
}

// setOf is the question set of the path, authorised by loadSet.
func setOf(c *fiber.Ctx) *game.Set {
	set, _ := c.Locals(localSet).(*game.Set)
	return set
}

// loadGrouping is the middleware of /classes/:classID/groupings/:groupingID
// (after loadClass): saved groups of that class, then groupingOf(c).
func (s *Server) loadGrouping(c *fiber.Ctx) error {
	gid, ok := parseID(c.Params("groupingID"))
	if !ok {
		return errGroupingNotFound()
	}
	g, err := s.deps.Insight.LoadGrouping(c.UserContext(), classID(c), gid)
	if err != nil {
		return insightError(err, errGroupingNotFound())
	}
	c.Locals(localGrouping, &g)
	return c.Next()
}

// groupingOf is the saved grouping of the path, authorised by loadGrouping.
func groupingOf(c *fiber.Ctx) *insight.LoadedGrouping {
	g, _ := c.Locals(localGrouping).(*insight.LoadedGrouping)
	return g
}

// refuseArchived refuses a change to an archived class: it is read-only
// until it is brought back.
func (s *Server) refuseArchived(c *fiber.Ctx) error {
	if s.deps.Classes == nil {
		return nil
	}
	cl, err := s.theClass(c)
	if err != nil {
		return err
	}
	if cl.Archived {
		return classesError(classes.ErrArchived)
	}
	return nil
}
