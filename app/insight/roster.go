package insight

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"animalgenius/app/jsontime"
	"animalgenius/app/quiz"
)

// RosterRow is one student in the roster.
type RosterRow struct {
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Done        bool          `json:"done"`
	Type        string        `json:"type,omitempty"`
	Animal      string        `json:"animal,omitempty"`
	Genius      string        `json:"genius,omitempty"`
	Style       string        `json:"style,omitempty"`
	Styles      []string      `json:"styles,omitempty"` // within one point of the top
	CompletedAt jsontime.Time `json:"completedAt,omitzero"`
	Passport    string        `json:"passportCode"` // for its teachers: the roster is theirs only
	Coins       int64         `json:"coins"`

	lname string // folded name (foldName), for search and sorting
}

// Row returns m as a roster row.
func (m *Member) Row() RosterRow {
	r := RosterRow{ID: m.ID, Name: m.Name, Done: m.Done, Type: m.Type, Animal: m.Animal,
		Genius: m.Genius, Style: m.Style, Styles: m.Multimodal(), Passport: m.Passport, Coins: m.Coins,
		lname: foldName(m.Name)}
	if m.Done && !m.CompletedAt.IsZero() {
		r.CompletedAt = jsontime.Of(m.CompletedAt)
	}
	return r
}

// Roster is a filtered, sorted roster: finished students and, apart,
// those who have not finished the quiz ("not yet").
type Roster struct {
	Total    int          `json:"total"` // students in the class
	Finished []*RosterRow `json:"finished"`
	NotYet   []*RosterRow `json:"notYet"`
	// Working are the pupils working on the quiz right now (pending joins:
	// not students yet). Filters by result leave them out; search applies.
	Working []WorkingRow `json:"working"`
}

// RosterQuery says how to sort, filter and search the roster. Empty
// fields do not filter.
type RosterQuery struct {
	Sort   string // name (default), animal, genius, style, type, completed, coins
	Desc   bool
	Animal string
	Genius string
	Style  string
	Type   string
	Energy string // "E" or "I"
	Status string // "" (everyone), "finished" or "notyet"
	Search string // part of a name, any case
}

// MaxSearch bounds the search text (in characters).
const MaxSearch = 40

var rosterSorts = []string{"name", "animal", "genius", "style", "type", "completed", "coins"}

// ParseRosterQuery reads a roster query from named parameters (e.g. the
// URL query): sort, dir, animal, genius, style, type, energy, status, q.
// Unknown values are an *InputError.
func ParseRosterQuery(get func(key string) string) (RosterQuery, error) {
	q := RosterQuery{Sort: get("sort"), Animal: get("animal"), Genius: get("genius"), Style: get("style"),
		Type: strings.ToUpper(get("type")), Energy: strings.ToUpper(get("energy")), Status: get("status"), Search: get("q")}
	if q.Sort == "" {
		q.Sort = "name"
	}
	if !slices.Contains(rosterSorts, q.Sort) {
		return q, inputError("bad_sort", "sort", "Sort by name, animal, genius, style, type, completed or coins.")
	}
	switch get("dir") {
	case "", "asc":
	case "desc":
		q.Desc = true
	default:
		return q, inputError("bad_dir", "dir", `The sort direction is "asc" or "desc".`)
	}
	if _, ok := quiz.AnimalByCode(q.Animal); q.Animal != "" && !ok {
		return q, inputError("bad_animal", "animal", "That is not one of the eight animals.")
	}
	if q.Genius != "" && !slices.Contains(GeniusCodes, q.Genius) {
		return q, inputError("bad_genius", "genius", "The genius type is thinker, feeler or doer.")
	}
	if q.Style != "" && !slices.Contains(StyleCodes, q.Style) {
		return q, inputError("bad_style", "style", "The learning style is visual, auditory, readingWriting or kinesthetic.")
	}
	if q.Type != "" && !slices.Contains(Types16, q.Type) {
		return q, inputError("bad_type", "type", "A type is four letters like INFP.")
	}
	if q.Energy != "" && !slices.Contains(EnergyCodes, q.Energy) {
		return q, inputError("bad_energy", "energy", "Energy is E or I.")
	}
	if q.Status != "" && q.Status != "finished" && q.Status != "notyet" {
		return q, inputError("bad_status", "status", `Status is "finished" or "notyet".`)
	}
	if !utf8.ValidString(q.Search) || utf8.RuneCountInString(q.Search) > MaxSearch {
		return q, inputError("bad_search", "q", "Search for part of a name (at most 40 letters).")
	}
	q.Search = strings.TrimSpace(q.Search)
	return q, nil
}

// resultFilter reports whether q filters on any part of a quiz result
// (then "not yet" students never match).
func (q *RosterQuery) resultFilter() bool {
	return q.Animal != "" || q.Genius != "" || q.Style != "" || q.Type != "" || q.Energy != ""
}

func (q *RosterQuery) match(r *RosterRow, search string) bool {
	switch {
	case q.Status == "finished" && !r.Done, q.Status == "notyet" && r.Done:
		return false
	case q.resultFilter() && !r.Done:
		return false
	case q.Animal != "" && r.Animal != q.Animal, q.Genius != "" && r.Genius != q.Genius,
		q.Style != "" && r.Style != q.Style, q.Type != "" && r.Type != q.Type,
		q.Energy != "" && (r.Type == "" || r.Type[:1] != q.Energy):
		return false
	}
	return search == "" || strings.Contains(r.lname, search)
}

// BuildRoster applies q to the members.
func BuildRoster(members []Member, q RosterQuery) Roster {
	rows := make([]RosterRow, len(members))
	for i := range members {
		rows[i] = members[i].Row()
	}
	return rosterOf(rows, q)
}

// rosterOf applies q to precomputed rows (which it does not change).
func rosterOf(rows []RosterRow, q RosterQuery) Roster {
	r := Roster{Total: len(rows), Finished: make([]*RosterRow, 0, len(rows)), NotYet: []*RosterRow{}}
	search := foldName(q.Search)
	for i := range rows {
		row := &rows[i]
		if !q.match(row, search) {
			continue
		}
		if row.Done {
			r.Finished = append(r.Finished, row)
		} else {
			r.NotYet = append(r.NotYet, row)
		}
	}
	cmp := rosterCompare(q.Sort)
	sortRows(r.Finished, cmp, q.Desc)
	// Not-yet students have nothing to sort by but their name and coins.
	if q.Sort == "coins" {
		sortRows(r.NotYet, cmp, q.Desc)
	} else {
		sortRows(r.NotYet, rosterCompare("name"), q.Sort == "name" && q.Desc)
	}
	return r
}

func sortRows(rows []*RosterRow, cmp func(a, b *RosterRow) int, desc bool) {
	slices.SortFunc(rows, func(a, b *RosterRow) int {
		c := cmp(a, b)
		if desc {
			c = -c
		}
		if c != 0 {
			return c
		}
		// Ties always by name then id, ascending, so the order is stable.
		if c = strings.Compare(a.lname, b.lname); c != 0 {
			return c
		}
		return cmpInt64(a.ID, b.ID)
	})
}

func rosterCompare(sort string) func(a, b *RosterRow) int {
	switch sort {
	case "animal":
		return func(a, b *RosterRow) int { return strings.Compare(animalName(a.Animal), animalName(b.Animal)) }
	case "genius":
		return func(a, b *RosterRow) int { return strings.Compare(a.Genius, b.Genius) }
	case "style":
		return func(a, b *RosterRow) int { return strings.Compare(a.Style, b.Style) }
	case "type":
		return func(a, b *RosterRow) int { return strings.Compare(a.Type, b.Type) }
	case "completed":
		return func(a, b *RosterRow) int { return a.CompletedAt.Compare(b.CompletedAt.Time) }
	case "coins":
		return func(a, b *RosterRow) int { return cmpInt64(a.Coins, b.Coins) }
	}
	return func(a, b *RosterRow) int { return strings.Compare(a.lname, b.lname) }
}

var animalNames = func() map[string]string {
	m := map[string]string{}
	for _, a := range quiz.Animals() {
		m[a.Code] = a.Name
	}
	return m
}()

func animalName(code string) string { return animalNames[code] }

// foldName is a name as search and sorting compare it: lower case, without
// accents or other marks ("Élodie" sorts among the E and "zoe" finds
// "Zoë", typed either way).
func foldName(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		if !unicode.Is(unicode.Mn, r) {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
