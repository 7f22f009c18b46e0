package web

import (
	"github.com/gofiber/fiber/v2"
)

// studentPet is the student's pet as it is now (decay applied), or null.
func (s *Server) studentPet(c *fiber.Ctx) error {
	p, err := s.economy.Pet(c.UserContext(), currentStudent(c))
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"pet": p})
}

type petBuyBody struct {
	SpeciesID int64  `json:"speciesId"`
	Name      string `json:"name"`
}

// studentPetBuy adopts and names a pet (Idempotency-Key required).
func (s *Server) studentPetBuy(c *fiber.Ctx) error {
	var b petBuyBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	if b.SpeciesID <= 0 {
		return errBadRequest("Choose a pet to adopt (\"speciesId\").")
	}
	res, err := s.economy.BuyPet(c.UserContext(), currentStudent(c), b.SpeciesID, b.Name, idempotencyKey(c))
	if err != nil {
		return economyError(err)
	}
	return c.Status(fiber.StatusCreated).JSON(res)
}

type petRenameBody struct {
	Name string `json:"name"`
}

// studentPetRename gives the pet a new name.
func (s *Server) studentPetRename(c *fiber.Ctx) error {
	var b petRenameBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	id := currentStudent(c)
	if err := s.economy.RenamePet(c.UserContext(), id, b.Name); err != nil {
		return economyError(err)
	}
	return s.studentPet(c)
}

type petCareBody struct {
	Action string `json:"action"`
}

// studentPetCare feeds (5 coins, Idempotency-Key required), plays with or pets the pet.
func (s *Server) studentPetCare(c *fiber.Ctx) error {
	var b petCareBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	res, err := s.economy.Care(c.UserContext(), currentStudent(c), b.Action, idempotencyKey(c))
	if err != nil {
		if e, ok := economyError(err).(*APIError); ok && e.Code == "cooldown" {
			c.Set(fiber.HeaderRetryAfter, e.Fields["retryAfter"])
			return e
		}
		return economyError(err)
	}
	return c.JSON(res)
}
