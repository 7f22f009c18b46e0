// Package insight is what a teacher learns from a class's quiz results:
// the roster, analytics and insight lists, pairings, the group maker and
// the live board's view of arrivals. It is pure: no HTTP and no SQL. It
// works on a plain slice of Members, the current result of each student,
// which the store reads in one indexed scan of the class.
package insight

import (
	"slices"
	"time"
	"unicode"
	"unicode/utf8"

	"animalgenius/app/quiz"
)

// Member is one student of a class with the current result kept on the
// student row. A student who has not finished the quiz has Done false and
// empty result fields; such a student is "not yet" and never counted as a
// type.
type Member struct {
	ID          int64
	Name        string // first name and last initial, e.g. "Maya R."
	Done        bool
	Type        string // e.g. "INFP"
	Animal      string // animal code, e.g. "meerkat"
	Genius      string // "thinker", "feeler" or "doer"
	Style       string // top learning style code
	Poles       quiz.PoleCounts
	Styles      quiz.StyleCounts
	CompletedAt time.Time // of the current result; zero when not done
	JoinedAt    time.Time
	Passport    string // shown to the class's teachers only
	Coins       int64
}

// Energy is "E" or "I" from the type's first letter, "" when not done.
func (m *Member) Energy() string {
	if !m.Done || m.Type == "" {
		return ""
	}
	return m.Type[:1]
}

// Multimodal lists every learning style within one point of the top.
func (m *Member) Multimodal() []string {
	if !m.Done {
		return nil
	}
	_, all := quiz.ScoreStyles(m.Styles)
	return all
}

// Ref is the short form of a student used in lists, duos and groups.
type Ref struct {
	ID     int64  `json:"id"`
	Name   string `json:"name"`
	Done   bool   `json:"done"`
	Animal string `json:"animal,omitempty"`
	Genius string `json:"genius,omitempty"`
	Style  string `json:"style,omitempty"`
	Type   string `json:"type,omitempty"`
}

// Ref returns the short form of m.
func (m *Member) Ref() Ref {
	return Ref{ID: m.ID, Name: m.Name, Done: m.Done, Animal: m.Animal, Genius: m.Genius, Style: m.Style, Type: m.Type}
}

// byID returns the members sorted by id, so that every result built from
// a roster is the same whatever order the rows came in.
func byID(ms []Member) []Member {
	out := slices.Clone(ms)
	slices.SortFunc(out, func(a, b Member) int { return cmpInt64(a.ID, b.ID) })
	return out
}

// byName orders refs by name (case-insensitive), then id.
func byName(a, b Ref) int {
	if c := compareFold(a.Name, b.Name); c != 0 {
		return c
	}
	return cmpInt64(a.ID, b.ID)
}

// compareFold compares like strings.Compare on the lower-case strings,
// without building them.
func compareFold(a, b string) int {
	for a != "" && b != "" {
		ra, na := utf8.DecodeRuneInString(a)
		rb, nb := utf8.DecodeRuneInString(b)
		if ra, rb = unicode.ToLower(ra), unicode.ToLower(rb); ra != rb {
			if ra < rb {
				return -1
			}
			return 1
		}
		a, b = a[na:], b[nb:]
	}
	return cmpInt64(int64(len(a)), int64(len(b)))
}

func cmpInt64(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// animalIndex is an animal's position in SPEC order (8 when unknown).
var animalIndex = func() map[string]int {
	m := map[string]int{}
	for i, code := range quiz.AnimalCodes() {
		m[code] = i
	}
	return m
}()

// Types16 is the 16 types grouped by animal in SPEC order, the order the
// analytics list them in.
var Types16 = func() []string {
	var out []string
	for _, a := range quiz.Animals() {
		out = append(out, a.Types...)
	}
	return out
}()

// GeniusCodes and StyleCodes are the category orders of the analytics.
var (
	GeniusCodes = []string{quiz.GeniusThinker, quiz.GeniusFeeler, quiz.GeniusDoer}
	StyleCodes  = []string{quiz.StyleVisual, quiz.StyleAuditory, quiz.StyleReadingWriting, quiz.StyleKinesthetic}
	EnergyCodes = []string{"E", "I"}
)
