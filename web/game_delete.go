package web

import (
	"fmt"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/game"
	"animalgenius/app/textrules"
)

// gameDelete deletes the results of one of the host's finished games: the
// game, its questions, players and answers.
func (s *Server) gameDelete(c *fiber.Ctx) error {
	sum := gameOf(c)
	if s.games.Game(sum.ID) != nil {
		return gameError(game.ErrStillLive)
	}
	// The audit log gets a line per pupil who played (with the pupil's
	// class), so "who deleted this child's data" finds it.
	res, err := s.library.Results(c.UserContext(), sum.HostID, sum.ID)
	if err != nil {
		return gameError(err)
	}
	var pupils []int64
	for _, p := range res.Players {
		if p.StudentID > 0 {
			pupils = append(pupils, p.StudentID)
		}
	}
	if err := s.library.DeleteResults(c.UserContext(), sum.HostID, sum.ID); err != nil {
		return gameError(err)
	}
	s.auditStudent(c, "game.results_delete", 0, fmt.Sprintf("game %d, %s", sum.ID, textrules.Count(sum.Players, "player", "players")), pupils...)
	return c.SendStatus(http.StatusNoContent)
}

// classGamePlaysDelete deletes what the class's students did in every
// finished game (their player rows and answers); the games stay for the
// other players.
func (s *Server) classGamePlaysDelete(c *fiber.Ctx) error {
	id := classID(c)
	if s.library == nil {
		return errNotFound()
	}
	n, err := s.library.DeleteClassPlays(c.UserContext(), id)
	if err != nil {
		return err
	}
	var pupils []int64
	if s.deps.Insight != nil {
		if snap, err := s.deps.Insight.Snapshot(c.UserContext(), id); err == nil {
			pupils = memberIDs(snap.Members())
		}
	}
	s.auditStudent(c, "class.game_results_delete", id, textrules.Count(n, "game play", "game plays")+" deleted", pupils...)
	// Games running now keep their players until they end (then they are
	// saved): the teacher is told, to delete again afterwards.
	return c.JSON(fiber.Map{"deleted": n, "liveGames": s.games.LiveWith(c.UserContext(), pupils)})
}
