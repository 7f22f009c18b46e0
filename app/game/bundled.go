package game

import (
	_ "embed"
	"encoding/json"
	"slices"
)

//go:embed bundled_set.json
var bundledJSON []byte

// Bundled is the question set that ships with the binary (read-only).
func Bundled() Set {
	var s Set
	if err := json.Unmarshal(bundledJSON, &s); err != nil {
		panic("game: bundled_set.json is broken: " + err.Error()) // caught by the tests
	}
	s.Bundled = true
	s.Questions = slices.Clip(s.Questions)
	return s
}
