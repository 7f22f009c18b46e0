package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/economy"
)

// adminCatalog lists every item and species, with the shipped pictures an
// admin can choose from.
func (s *Server) adminCatalog(c *fiber.Ctx) error {
	cat, err := s.economy.AdminCatalog(c.UserContext())
	if err != nil {
		return err
	}
	starter, _ := economy.Starter()
	art := make([]string, 0, len(starter.Items))
	for _, it := range starter.Items {
		art = append(art, it.Image)
	}
	return c.JSON(fiber.Map{"items": cat.Items, "species": cat.Species, "itemArt": art, "petArt": economy.PetArt(),
		"slots": economy.Slots, "rarities": []economy.Rarity{economy.Common, economy.Rare, economy.Epic}})
}

type itemBody struct {
	Name   string `json:"name"`
	Slot   string `json:"slot"`
	Rarity string `json:"rarity"`
	Price  int    `json:"price"`
	Image  string `json:"image"`
	Active *bool  `json:"active"`
}

func (b itemBody) input() economy.ItemInput {
	active := b.Active == nil || *b.Active
	return economy.ItemInput{Name: b.Name, Slot: economy.Slot(b.Slot), Rarity: economy.Rarity(b.Rarity), Price: b.Price, Image: b.Image, Active: active}
}

// adminItemCreate adds a store item.
func (s *Server) adminItemCreate(c *fiber.Ctx) error {
	var b itemBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	it, err := s.economy.CreateItem(c.UserContext(), b.input(), s.deps.ImageExists)
	if err != nil {
		return economyError(err)
	}
	return c.Status(fiber.StatusCreated).JSON(it)
}

// adminItemUpdate changes an item; "active": false takes it off sale.
func (s *Server) adminItemUpdate(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var b itemBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	it, err := s.economy.UpdateItem(c.UserContext(), id, b.input(), s.deps.ImageExists)
	if err != nil {
		return economyError(err)
	}
	return c.JSON(it)
}

type speciesBody struct {
	Name          string  `json:"name"`
	Rarity        string  `json:"rarity"`
	Price         int     `json:"price"`
	HungerRate    float64 `json:"hungerRate"`
	HappinessRate float64 `json:"happinessRate"`
	Art           string  `json:"art"`
	Active        *bool   `json:"active"`
}

func (b speciesBody) input() economy.SpeciesInput {
	active := b.Active == nil || *b.Active
	return economy.SpeciesInput{Name: b.Name, Rarity: economy.Rarity(b.Rarity), Price: b.Price, HungerRate: b.HungerRate,
		HappinessRate: b.HappinessRate, Art: b.Art, Active: active}
}

// adminSpeciesCreate adds a pet species drawn with one of the shipped pet pictures.
func (s *Server) adminSpeciesCreate(c *fiber.Ctx) error {
	var b speciesBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	sp, err := s.economy.CreateSpecies(c.UserContext(), b.input())
	if err != nil {
		return economyError(err)
	}
	return c.Status(fiber.StatusCreated).JSON(sp)
}

// adminSpeciesUpdate changes a species (not its pictures).
func (s *Server) adminSpeciesUpdate(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var b speciesBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	sp, err := s.economy.UpdateSpecies(c.UserContext(), id, b.input())
	if err != nil {
		return economyError(err)
	}
	return c.JSON(sp)
}
