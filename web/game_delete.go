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
	if err := s.library.DeleteResults(c.UserContext(), sum.HostID, sum.ID); err != nil {
		return gameError(err)
	}
	s.auditStudent(c, "game.results_delete", 0, fmt.Sprintf("game %d, %s", sum.ID, textrules.Count(sum.Players, "player", "players")))
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
	s.auditStudent(c, "class.game_results_delete", id, fmt.Sprintf("%d game plays deleted", n))
	return c.JSON(fiber.Map{"deleted": n})
}
