// Package economy is the coin economy of a class: the ledger, the store
// and its catalog, avatars and pets. Money rules live here and again as
// constraints in the schema.
package economy

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"regexp"
	"unicode/utf8"
)

// Slot is where an item is worn on the avatar.
type Slot string

// Slots, drawn from back to front: background, then the animal, then neck,
// glasses and hat.
const (
	SlotBackground Slot = "background"
	SlotNeck       Slot = "neck"
	SlotGlasses    Slot = "glasses"
	SlotHat        Slot = "hat"
)

// Slots lists every item slot in drawing order.
var Slots = []Slot{SlotBackground, SlotNeck, SlotGlasses, SlotHat}

// ValidSlot reports whether s is an item slot.
func ValidSlot(s Slot) bool {
	for _, v := range Slots {
		if v == s {
			return true
		}
	}
	return false
}

// Rarity is how special an item is (it guides the price).
type Rarity string

// Rarities.
const (
	Common Rarity = "common"
	Rare   Rarity = "rare"
	Epic   Rarity = "epic"
)

// ValidRarity reports whether r is a rarity.
func ValidRarity(r Rarity) bool { return r == Common || r == Rare || r == Epic }

// Price and name limits for catalog entries.
const (
	MinPrice    = 1
	MaxPrice    = 10000
	MaxNameLen  = 40
	MaxCodeLen  = 40
	MaxRateHour = 10.0
)

// StarterItem is an item of the catalog that ships in the binary.
type StarterItem struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	Slot   Slot   `json:"slot"`
	Rarity Rarity `json:"rarity"`
	Price  int    `json:"price"`
	Image  string `json:"image"`
}

// StarterSpecies is a pet species that ships in the binary. Its art is
// Art + "-happy.svg", "-neutral.svg" and "-sad.svg".
type StarterSpecies struct {
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Rarity        Rarity  `json:"rarity"`
	Price         int     `json:"price"`
	HungerRate    float64 `json:"hungerRate"`
	HappinessRate float64 `json:"happinessRate"`
	Art           string  `json:"art"`
}

// StarterCatalog is the whole shipped catalog.
type StarterCatalog struct {
	Items   []StarterItem    `json:"items"`
	Species []StarterSpecies `json:"species"`
}

//go:embed starter_catalog.json
var starterJSON []byte

// Starter returns the shipped catalog, checked.
func Starter() (StarterCatalog, error) {
	var c StarterCatalog
	dec := json.NewDecoder(bytes.NewReader(starterJSON))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("economy: starter catalog: %w", err)
	}
	seen := map[string]bool{}
	for _, it := range c.Items {
		if err := checkEntry(it.Code, it.Name, it.Rarity, it.Price); err != nil {
			return c, err
		}
		if !ValidSlot(it.Slot) || !artPath.MatchString(it.Image) {
			return c, fmt.Errorf("economy: starter item %s has a bad slot or image", it.Code)
		}
		if seen[it.Code] {
			return c, fmt.Errorf("economy: starter code %s twice", it.Code)
		}
		seen[it.Code] = true
	}
	for _, sp := range c.Species {
		if err := checkEntry(sp.Code, sp.Name, sp.Rarity, sp.Price); err != nil {
			return c, err
		}
		if sp.HungerRate < 0 || sp.HungerRate > MaxRateHour || sp.HappinessRate < 0 || sp.HappinessRate > MaxRateHour || !petArtPrefix.MatchString(sp.Art) {
			return c, fmt.Errorf("economy: starter species %s has bad rates or art", sp.Code)
		}
		if seen[sp.Code] {
			return c, fmt.Errorf("economy: starter code %s twice", sp.Code)
		}
		seen[sp.Code] = true
	}
	return c, nil
}

var (
	codePattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	artPath      = regexp.MustCompile(`^/art/items/[a-z0-9-]+\.svg$`)
	petArtPrefix = regexp.MustCompile(`^/art/pets/[a-z0-9-]+$`)
)

func checkEntry(code, name string, r Rarity, price int) error {
	if !codePattern.MatchString(code) || len(code) > MaxCodeLen {
		return fmt.Errorf("economy: catalog code %q is not lower-case words joined by -", code)
	}
	if n := utf8.RuneCountInString(name); n == 0 || n > MaxNameLen {
		return fmt.Errorf("economy: catalog entry %s needs a name of 1-%d characters", code, MaxNameLen)
	}
	if !ValidRarity(r) {
		return fmt.Errorf("economy: catalog entry %s has rarity %q", code, r)
	}
	if price < MinPrice || price > MaxPrice {
		return fmt.Errorf("economy: catalog entry %s costs %d", code, price)
	}
	return nil
}
