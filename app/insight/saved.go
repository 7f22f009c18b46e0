package insight

import (
	"animalgenius/app/textrules"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits of a saved grouping.
const (
	MaxGroupingName  = 60  // characters
	MaxGroups        = 500 // groups in one grouping
	MaxSavedPerClass = 50  // saved groupings per class
)

// SaveGroupingRequest is a grouping the teacher keeps under a name, after
// any moves between groups. Groups hold student ids; empty groups are
// dropped.
type SaveGroupingRequest struct {
	Name    string    `json:"name"`
	Size    int       `json:"size"`
	Balance string    `json:"balance"`
	Seed    int64     `json:"seed"`
	Groups  [][]int64 `json:"groups"`
}

// Normalize trims the name, drops empty groups and checks the request
// against the class's students. A student id that is not in the class is
// ErrNotFound (so ids of other classes are not confirmed); anything else
// wrong is an *InputError.
func (r *SaveGroupingRequest) Normalize(members []Member) error {
	name, terr := textrules.Text(strings.TrimSpace(r.Name), false)
	if terr != nil {
		return inputError("bad_name", "name", terr.Error())
	}
	r.Name = name
	switch {
	case r.Name == "":
		return inputError("name_required", "name", "Give the groups a name, like \"Science teams\".")
	case utf8.RuneCountInString(r.Name) > MaxGroupingName:
		return inputError("name_too_long", "name", "The name is too long: use at most 60 letters.")
	}
	gr := GroupRequest{Size: r.Size, Balance: r.Balance, Seed: &r.Seed}
	if err := gr.Validate(); err != nil {
		return err
	}
	if len(r.Groups) > MaxGroups {
		return inputError("too_many_groups", "groups", "That is too many groups.")
	}
	known := make(map[int64]bool, len(members))
	for i := range members {
		known[members[i].ID] = true
	}
	seen := make(map[int64]bool)
	groups := r.Groups[:0:0]
	for _, g := range r.Groups {
		if len(g) == 0 {
			continue
		}
		for _, id := range g {
			if !known[id] {
				return ErrNotFound
			}
			if seen[id] {
				return inputError("duplicate_student", "groups", "A student is in two groups. Put each student in one group only.")
			}
			seen[id] = true
		}
		groups = append(groups, slices.Clone(g))
	}
	if len(groups) == 0 {
		return inputError("no_groups", "groups", "There is nobody in these groups. Make groups first, then save them.")
	}
	r.Groups = groups
	return nil
}

// SavedGrouping is a stored grouping as the store keeps it.
type SavedGrouping struct {
	ID        int64
	ClassID   int64
	Name      string
	Size      int
	Balance   string
	Seed      int64
	Groups    [][]int64
	CreatedAt time.Time
	UpdatedAt time.Time
}

// SavedSummary is a saved grouping in the list of a class.
type SavedSummary struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	Groups    int    `json:"groups"`
	Students  int    `json:"students"`
	Balance   string `json:"balance"`
	Size      int    `json:"size"`
	UpdatedAt int64  `json:"updatedAt"` // unix ms
}

// Summary returns the list form of s.
func (s *SavedGrouping) Summary() SavedSummary {
	n := 0
	for _, g := range s.Groups {
		n += len(g)
	}
	return SavedSummary{ID: s.ID, Name: s.Name, Groups: len(s.Groups), Students: n, Balance: s.Balance,
		Size: s.Size, UpdatedAt: s.UpdatedAt.UnixMilli()}
}

// LoadedGrouping is a saved grouping resolved against today's students:
// students who have left the class are dropped, and students who are in
// no group (e.g. joined since) are listed as Unassigned.
type LoadedGrouping struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	UpdatedAt int64  `json:"updatedAt"`
	Grouping
	Unassigned []Ref `json:"unassigned"`
	Left       int   `json:"left"` // students no longer in the class
}

// Resolve turns the stored ids into students.
func (s *SavedGrouping) Resolve(members []Member) LoadedGrouping {
	index := make(map[int64]*Member, len(members))
	for i := range members {
		index[members[i].ID] = &members[i]
	}
	out := LoadedGrouping{ID: s.ID, Name: s.Name, UpdatedAt: s.UpdatedAt.UnixMilli(),
		Grouping:   Grouping{Size: s.Size, Balance: s.Balance, Seed: s.Seed, Groups: []Group{}},
		Unassigned: []Ref{}}
	placed := make(map[int64]bool)
	for i, ids := range s.Groups {
		g := Group{Name: "Group " + strconv.Itoa(i+1), Members: []Ref{}}
		for _, id := range ids {
			m, ok := index[id]
			if !ok {
				out.Left++
				continue
			}
			placed[id] = true
			g.Members = append(g.Members, m.Ref())
		}
		out.Groups = append(out.Groups, g)
	}
	for _, m := range members {
		if !placed[m.ID] {
			out.Unassigned = append(out.Unassigned, m.Ref())
		}
	}
	slices.SortFunc(out.Unassigned, byName)
	return out
}
