package web

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/game"
	"animalgenius/app/questionimages"
)

// gameError maps the game area's errors to API errors.
func gameError(err error) error {
	var fe *game.FieldError
	var ge *game.Error
	switch {
	case errors.Is(err, game.ErrNotFound):
		return errNotFound()
	case errors.Is(err, game.ErrUnknownImage), errors.Is(err, questionimages.ErrUnknownImage):
		return errUnknownImage()
	case errors.Is(err, game.ErrReadOnly):
		return Err(http.StatusConflict, "read_only", "The bundled set can't be changed. Make a copy and change the copy.")
	case errors.As(err, &fe):
		e := Err(http.StatusBadRequest, "invalid", fe.Message)
		e.Fields = map[string]string{fe.Field: fe.Message}
		return e
	case errors.As(err, &ge):
		status := http.StatusConflict
		if ge.Code == "too_many_games" || ge.Code == "box_busy" {
			status = http.StatusTooManyRequests
		}
		return Err(status, ge.Code, ge.Message)
	}
	return err
}

type gameCreateBody struct {
	SetID *int64    `json:"setId"`
	Mode  game.Mode `json:"mode"`
}

type gameView struct {
	game.Summary
	Live    bool   `json:"live"`
	JoinURL string `json:"joinUrl"`
}

// gameJoinURL is the full join link of a live game's PIN (what its QR code holds).
func (s *Server) gameJoinURL(c *fiber.Ctx, pin string) string {
	return s.publicBase(c) + "/play/" + pin
}

func (s *Server) gameCreate(c *fiber.Ctx) error {
	var body gameCreateBody
	if err := readJSON(c, &body, smallJSON); err != nil {
		return err
	}
	if body.SetID == nil || *body.SetID < 0 {
		e := Err(http.StatusBadRequest, "invalid", "Pick a question set.")
		e.Fields = map[string]string{"setId": "Pick a question set."}
		return e
	}
	host := currentAccount(c).ID
	set, err := s.library.Set(c.UserContext(), host, *body.SetID)
	if err != nil {
		return gameError(err)
	}
	g, err := s.games.Create(c.UserContext(), host, set, body.Mode)
	if err != nil {
		return gameError(err)
	}
	sum, err := s.library.Game(c.UserContext(), host, g.ID)
	if err != nil {
		return err
	}
	return c.Status(http.StatusCreated).JSON(gameView{Summary: sum, Live: true, JoinURL: s.gameJoinURL(c, g.PIN)})
}

func (s *Server) gameList(c *fiber.Ctx) error {
	list, err := s.library.Games(c.UserContext(), currentAccount(c).ID)
	if err != nil {
		return err
	}
	views := make([]gameView, len(list))
	for i, g := range list {
		views[i] = gameView{Summary: g, Live: s.games.Game(g.ID) != nil}
		if views[i].Live {
			views[i].JoinURL = s.gameJoinURL(c, g.PIN)
		}
	}
	return c.JSON(fiber.Map{"games": views})
}

func (s *Server) gameGet(c *fiber.Ctx) error {
	sum := gameOf(c)
	v := gameView{Summary: sum, Live: s.games.Game(sum.ID) != nil}
	if v.Live {
		v.JoinURL = s.gameJoinURL(c, sum.PIN)
	}
	return c.JSON(v)
}
