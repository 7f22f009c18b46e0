// Package lessons is the Learning Lounge: the library of lessons shipped in
// the binary, each class's progress through them (rules as pure functions
// the store runs inside its transactions), the coins a completed lesson
// pays, and the teachers' feedback on each lesson.
package lessons

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"sync"
)

// Activities is how many activities every lesson has.
const Activities = 4

// Links an activity may point to (pages of the class).
var links = map[string]bool{"": true, "board": true, "pairings": true, "groups": true, "report": true, "values": true, "poster": true}

// Activity is one part of a lesson.
type Activity struct {
	Title     string   `json:"title"`
	Minutes   int      `json:"minutes"`
	Summary   string   `json:"summary"`
	Steps     []string `json:"steps"`
	Tips      []string `json:"tips"`
	Questions []string `json:"questions"`
	// Link names the class page the activity uses ("board", "pairings",
	// "groups", "report", "values", "poster"), or "".
	Link string `json:"link,omitempty"`
}

// Lesson is one lesson of the library.
type Lesson struct {
	ID         int        `json:"id"`
	Slug       string     `json:"slug"`
	Title      string     `json:"title"`
	Summary    string     `json:"summary"`
	Objectives []string   `json:"objectives"`
	Materials  []string   `json:"materials"`
	Minutes    int        `json:"minutes"`
	Activities []Activity `json:"activities"`
}

//go:embed lessons.json
var libraryJSON []byte

var (
	libraryOnce sync.Once
	library     []Lesson
	libraryErr  error
)

// Library is every lesson, in order (lesson i has ID i).
func Library() ([]Lesson, error) {
	libraryOnce.Do(func() { library, libraryErr = parseLibrary(libraryJSON) })
	return library, libraryErr
}

// ByID returns lesson id, or false.
func ByID(id int) (Lesson, bool) {
	lib, err := Library()
	if err != nil || id < 1 || id > len(lib) {
		return Lesson{}, false
	}
	return lib[id-1], true
}

// Count is how many lessons the library has.
func Count() int {
	lib, _ := Library()
	return len(lib)
}

func parseLibrary(b []byte) ([]Lesson, error) {
	var lib []Lesson
	if err := json.Unmarshal(b, &lib); err != nil {
		return nil, fmt.Errorf("lessons: unable to read the library: %w", err)
	}
	if len(lib) == 0 {
		return nil, fmt.Errorf("lessons: the library is empty")
	}
	for i, l := range lib {
		if l.ID != i+1 {
			return nil, fmt.Errorf("lessons: lesson %d has id %d", i+1, l.ID)
		}
		if l.Title == "" || l.Summary == "" || l.Slug == "" || len(l.Objectives) == 0 || len(l.Materials) == 0 {
			return nil, fmt.Errorf("lessons: lesson %d misses its title, slug, summary, objectives or materials", l.ID)
		}
		if len(l.Activities) != Activities {
			return nil, fmt.Errorf("lessons: lesson %d has %d activities, want %d", l.ID, len(l.Activities), Activities)
		}
		total := 0
		for j, a := range l.Activities {
			if a.Title == "" || a.Summary == "" || len(a.Steps) == 0 || len(a.Tips) == 0 || len(a.Questions) == 0 || a.Minutes <= 0 {
				return nil, fmt.Errorf("lessons: lesson %d activity %d is incomplete", l.ID, j+1)
			}
			if !links[a.Link] {
				return nil, fmt.Errorf("lessons: lesson %d activity %d links to unknown page %q", l.ID, j+1, a.Link)
			}
			total += a.Minutes
		}
		if total != l.Minutes {
			return nil, fmt.Errorf("lessons: lesson %d lasts %d minutes but its activities add up to %d", l.ID, l.Minutes, total)
		}
	}
	return lib, nil
}
