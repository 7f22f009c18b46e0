package web

import (
	"errors"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/game"
	"animalgenius/app/uploads"
)

// gamePicture serves a question's picture to the players of a live game.
// The address reaches players only in the question frame; the file must
// be one the game's questions show, so no other upload is reachable here.
func (s *Server) gamePicture(c *fiber.Ctx) error {
	id, err := pathID(c, "gameID")
	if err != nil {
		return err
	}
	name := c.Params("name")
	if !uploads.ValidName(name) || strings.Contains(name, ".thumb.") || s.games.Game(id) == nil {
		return errNotFound()
	}
	ok, err := s.qimages.GameHasPicture(c.UserContext(), id, name)
	if err != nil {
		return err
	}
	if !ok {
		return errNotFound()
	}
	return s.sendPicture(c, name, "private, max-age=3600")
}

// gamePlayerAvatar is the avatar of a game's player who joined from a
// student session, for the game's host (or an admin): the host lobby and
// the podium show it. Anyone else, and nickname players, get 404.
func (s *Server) gamePlayerAvatar(c *fiber.Ctx) error {
	gameID := gameOf(c).ID
	no, err := pathID(c, "playerID")
	if err != nil || no > 1_000_000 {
		return errNotFound()
	}
	student, err := int64(0), game.ErrGameOver
	if g := s.games.Game(gameID); g != nil {
		student, err = g.PlayerStudent(c.UserContext(), int(no))
	}
	if errors.Is(err, game.ErrGameOver) {
		// Not live (or it just ended): the saved players say.
		student, err = s.library.SavedPlayerStudent(c.UserContext(), gameID, int(no))
	}
	if errors.Is(err, game.ErrNoPlayer) || (err == nil && student == 0) {
		return errNotFound()
	}
	if err != nil {
		return err
	}
	return s.sendAvatar(c, student)
}
