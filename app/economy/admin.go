package economy

import (
	"animalgenius/app/textrules"
	"context"
	"fmt"
	"regexp"
	"strings"
	"unicode/utf8"
)

// ItemInput is an admin's new or changed store item.
type ItemInput struct {
	Name   string
	Slot   Slot
	Rarity Rarity
	Price  int
	Image  string // /art/items/<name>.svg or /uploads/<hash>.png|jpg
	Active bool
}

// ImageChecker tells whether an image path names a picture that exists.
type ImageChecker func(path string) bool

var (
	uploadImage = regexp.MustCompile(`^/uploads/[0-9a-f]{64}\.(png|jpg)$`)
	shippedArt  = regexp.MustCompile(`^/art/items/[a-z0-9-]+\.svg$`)
)

func cleanCatalogName(raw string) (string, error) {
	if !utf8.ValidString(raw) {
		return "", &ValidationError{"The name has characters we can't read."}
	}
	if textrules.ContainsHidden(raw, false) {
		return "", &ValidationError{"The name has a hidden or control character. Please type it again."}
	}
	name, err := textrules.Text(tidy(raw), false)
	if err != nil {
		return "", &ValidationError{"The name: " + err.Error()}
	}
	if n := utf8.RuneCountInString(name); n == 0 || n > MaxNameLen {
		return "", &ValidationError{fmt.Sprintf("Give it a name of 1 to %d characters.", MaxNameLen)}
	}
	return name, nil
}

func checkPriceRarity(price int, r Rarity) error {
	if price < MinPrice || price > MaxPrice {
		return &ValidationError{fmt.Sprintf("The price must be from %d to %d coins.", MinPrice, MaxPrice)}
	}
	if !ValidRarity(r) {
		return &ValidationError{"The rarity must be common, rare or epic."}
	}
	return nil
}

func (s *Service) checkItem(in ItemInput, exists ImageChecker) (Item, error) {
	name, err := cleanCatalogName(in.Name)
	if err != nil {
		return Item{}, err
	}
	if !ValidSlot(in.Slot) {
		return Item{}, &ValidationError{"The slot must be hat, glasses, neck or background."}
	}
	if err := checkPriceRarity(in.Price, in.Rarity); err != nil {
		return Item{}, err
	}
	if !(uploadImage.MatchString(in.Image) || shippedArt.MatchString(in.Image)) || !exists(in.Image) {
		return Item{}, &ValidationError{"Choose a picture: one of ours, or one you uploaded that finished processing."}
	}
	return Item{Name: name, Slot: in.Slot, Rarity: in.Rarity, Price: in.Price, Image: in.Image, Active: in.Active}, nil
}

// CreateItem adds an item to the catalog.
func (s *Service) CreateItem(ctx context.Context, in ItemInput, exists ImageChecker) (Item, error) {
	it, err := s.checkItem(in, exists)
	if err != nil {
		return Item{}, err
	}
	it.Code = "custom-" + slug(it.Name) + "-" + fmt.Sprint(s.opts.Now().UnixMilli()%1_000_000)
	out, err := s.store.CreateItem(ctx, it, s.opts.Now())
	s.catalogChanged()
	return out, err
}

// UpdateItem changes an item (taking it off sale with Active false).
func (s *Service) UpdateItem(ctx context.Context, id int64, in ItemInput, exists ImageChecker) (Item, error) {
	it, err := s.checkItem(in, exists)
	if err != nil {
		return Item{}, err
	}
	it.ID = id
	out, err := s.store.UpdateItem(ctx, it, s.opts.Now())
	s.catalogChanged()
	return out, err
}

// SpeciesInput is an admin's new or changed pet species.
type SpeciesInput struct {
	Name          string
	Rarity        Rarity
	Price         int
	HungerRate    float64
	HappinessRate float64
	Art           string // one of the shipped pet art sets, e.g. /art/pets/kitten
	Active        bool
}

func (s *Service) checkSpecies(in SpeciesInput) (Species, error) {
	name, err := cleanCatalogName(in.Name)
	if err != nil {
		return Species{}, err
	}
	if err := checkPriceRarity(in.Price, in.Rarity); err != nil {
		return Species{}, err
	}
	if !(in.HungerRate >= 0 && in.HungerRate <= MaxRateHour && in.HappinessRate >= 0 && in.HappinessRate <= MaxRateHour) {
		return Species{}, &ValidationError{fmt.Sprintf("Decay rates are points per hour from 0 to %g.", MaxRateHour)}
	}
	return Species{Name: name, Rarity: in.Rarity, Price: in.Price, HungerRate: in.HungerRate, HappinessRate: in.HappinessRate, Art: in.Art, Active: in.Active}, nil
}

// PetArt lists the shipped pet pictures a species can use.
func PetArt() []string {
	c, _ := Starter()
	out := make([]string, 0, len(c.Species))
	for _, sp := range c.Species {
		out = append(out, sp.Art)
	}
	return out
}

// CreateSpecies adds a pet species drawn with one of the shipped art sets.
func (s *Service) CreateSpecies(ctx context.Context, in SpeciesInput) (Species, error) {
	sp, err := s.checkSpecies(in)
	if err != nil {
		return Species{}, err
	}
	found := false
	for _, a := range PetArt() {
		found = found || a == in.Art
	}
	if !found {
		return Species{}, &ValidationError{"Choose the pet's pictures from the list."}
	}
	sp.Code = "custom-" + slug(sp.Name) + "-" + fmt.Sprint(s.opts.Now().UnixMilli()%1_000_000)
	out, err := s.store.CreateSpecies(ctx, sp, s.opts.Now())
	s.catalogChanged()
	return out, err
}

// UpdateSpecies changes a species (not its art).
func (s *Service) UpdateSpecies(ctx context.Context, id int64, in SpeciesInput) (Species, error) {
	sp, err := s.checkSpecies(in)
	if err != nil {
		return Species{}, err
	}
	sp.ID = id
	out, err := s.store.UpdateSpecies(ctx, sp, s.opts.Now())
	s.catalogChanged()
	return out, err
}

func slug(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case b.Len() > 0 && !strings.HasSuffix(b.String(), "-"):
			b.WriteByte('-')
		}
		if b.Len() >= 24 {
			break
		}
	}
	out := strings.Trim(b.String(), "-")
	if out == "" {
		out = "item"
	}
	return out
}
