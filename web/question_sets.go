package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/game"
)

// The question sets of the live game's library: the teacher's own and
// the bundled one (read-only; copy it to change it).

// questionSetBody is a set as the editor sends it.
type questionSetBody struct {
	Title       string          `json:"title"`
	Description string          `json:"description"`
	Questions   []game.Question `json:"questions"`
}

const setBodyLimit = 256 << 10

func (b questionSetBody) set() game.Set {
	return game.Set{Title: b.Title, Description: b.Description, Questions: b.Questions}
}

func (s *Server) questionSetList(c *fiber.Ctx) error {
	list, err := s.library.Sets(c.UserContext(), currentAccount(c).ID)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"sets": list})
}

func (s *Server) questionSetGet(c *fiber.Ctx) error {
	return c.JSON(setOf(c))
}

func (s *Server) questionSetCreate(c *fiber.Ctx) error {
	var body questionSetBody
	if err := readJSON(c, &body, setBodyLimit); err != nil {
		return err
	}
	set, err := s.library.CreateSet(c.UserContext(), currentAccount(c).ID, body.set())
	if err != nil {
		return gameError(err)
	}
	return c.Status(http.StatusCreated).JSON(set)
}

func (s *Server) questionSetUpdate(c *fiber.Ctx) error {
	id := setOf(c).ID
	var body questionSetBody
	if err := readJSON(c, &body, setBodyLimit); err != nil {
		return err
	}
	set, err := s.library.UpdateSet(c.UserContext(), currentAccount(c).ID, id, body.set())
	if err != nil {
		return gameError(err)
	}
	return c.JSON(set)
}

func (s *Server) questionSetDelete(c *fiber.Ctx) error {
	id := setOf(c).ID
	if err := s.library.DeleteSet(c.UserContext(), currentAccount(c).ID, id); err != nil {
		return gameError(err)
	}
	return c.SendStatus(http.StatusNoContent)
}

func (s *Server) questionSetDuplicate(c *fiber.Ctx) error {
	id := setOf(c).ID
	set, err := s.library.DuplicateSet(c.UserContext(), currentAccount(c).ID, id)
	if err != nil {
		return gameError(err)
	}
	return c.Status(http.StatusCreated).JSON(set)
}
