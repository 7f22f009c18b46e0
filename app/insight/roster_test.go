package insight

import (
	"errors"
	"math/rand/v2"
	"strings"
	"testing"

	"animalgenius/app/quiz"
)

func query(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func TestParseRosterQuery(t *testing.T) {
	tests := []struct {
		name    string
		get     func(string) string
		want    RosterQuery
		errCode string
	}{
		{"defaults", query(), RosterQuery{Sort: "name"}, ""},
		{"sort desc", query("sort", "completed", "dir", "desc"), RosterQuery{Sort: "completed", Desc: true}, ""},
		{"filters", query("animal", "owl", "genius", "thinker", "style", "visual", "type", "intp", "energy", "i", "status", "finished", "q", "  ma "),
			RosterQuery{Sort: "name", Animal: "owl", Genius: "thinker", Style: "visual", Type: "INTP", Energy: "I", Status: "finished", Search: "ma"}, ""},
		{"bad sort", query("sort", "passport"), RosterQuery{}, "bad_sort"},
		{"bad dir", query("dir", "up"), RosterQuery{}, "bad_dir"},
		{"bad animal", query("animal", "lion"), RosterQuery{}, "bad_animal"},
		{"bad genius", query("genius", "wizard"), RosterQuery{}, "bad_genius"},
		{"bad style", query("style", "smell"), RosterQuery{}, "bad_style"},
		{"bad type", query("type", "XXXX"), RosterQuery{}, "bad_type"},
		{"bad energy", query("energy", "X"), RosterQuery{}, "bad_energy"},
		{"bad status", query("status", "done"), RosterQuery{}, "bad_status"},
		{"long search", query("q", strings.Repeat("a", MaxSearch+1)), RosterQuery{}, "bad_search"},
		{"bad utf8 search", query("q", "\xff"), RosterQuery{}, "bad_search"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ParseRosterQuery(tt.get)
			if tt.errCode != "" {
				var ie *InputError
				if !errors.As(err, &ie) || ie.Code != tt.errCode || ie.Message == "" {
					t.Fatalf("err = %v, want code %s", err, tt.errCode)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("got %+v, %v; want %+v", got, err, tt.want)
			}
		})
	}
}

func rosterClass() []Member {
	return []Member{
		finished(1, "maya R.", "INFP", quiz.StyleVisual),
		finished(2, "Ali K.", "ESTJ", quiz.StyleAuditory),
		finished(3, "Zoe P.", "INTP", quiz.StyleVisual),
		finished(4, "Ben T.", "ENFP", quiz.StyleKinesthetic),
		notYet(5, "Cara L."),
		notYet(6, "Abe M."),
	}
}

func names(rows []*RosterRow) string {
	var s []string
	for _, r := range rows {
		s = append(s, r.Name)
	}
	return strings.Join(s, ",")
}

func TestBuildRoster(t *testing.T) {
	tests := []struct {
		name         string
		q            RosterQuery
		finished, ny string
	}{
		{"by name", RosterQuery{Sort: "name"}, "Ali K.,Ben T.,maya R.,Zoe P.", "Abe M.,Cara L."},
		{"by name desc", RosterQuery{Sort: "name", Desc: true}, "Zoe P.,maya R.,Ben T.,Ali K.", "Cara L.,Abe M."},
		{"by animal", RosterQuery{Sort: "animal"}, "Ali K.,maya R.,Zoe P.,Ben T.", "Abe M.,Cara L."},
		{"by completed desc", RosterQuery{Sort: "completed", Desc: true}, "Ben T.,Zoe P.,Ali K.,maya R.", "Abe M.,Cara L."},
		{"by coins desc", RosterQuery{Sort: "coins", Desc: true}, "Ben T.,Zoe P.,Ali K.,maya R.", "Abe M.,Cara L."},
		{"filter animal", RosterQuery{Sort: "name", Animal: quiz.Owl}, "Zoe P.", ""},
		{"filter genius", RosterQuery{Sort: "name", Genius: quiz.GeniusThinker}, "Ben T.,Zoe P.", ""},
		{"filter style", RosterQuery{Sort: "name", Style: quiz.StyleVisual}, "maya R.,Zoe P.", ""},
		{"filter type", RosterQuery{Sort: "name", Type: "ESTJ"}, "Ali K.", ""},
		{"filter energy", RosterQuery{Sort: "name", Energy: "E"}, "Ali K.,Ben T.", ""},
		{"status notyet", RosterQuery{Sort: "name", Status: "notyet"}, "", "Abe M.,Cara L."},
		{"status finished", RosterQuery{Sort: "name", Status: "finished"}, "Ali K.,Ben T.,maya R.,Zoe P.", ""},
		{"search any case", RosterQuery{Sort: "name", Search: "M"}, "maya R.", "Abe M."},
		{"search nobody", RosterQuery{Sort: "name", Search: "quinn"}, "", ""},
	}
	class := rosterClass()
	snap := NewSnapshot(1, shuffled(rand.New(rand.NewPCG(1, 2)), class))
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, r := range []Roster{BuildRoster(class, tt.q), snap.Roster(tt.q)} {
				if got := names(r.Finished); got != tt.finished {
					t.Errorf("finished = %q, want %q", got, tt.finished)
				}
				if got := names(r.NotYet); got != tt.ny {
					t.Errorf("not yet = %q, want %q", got, tt.ny)
				}
				if r.Total != len(class) || r.Finished == nil || r.NotYet == nil {
					t.Errorf("total %d, lists %v %v", r.Total, r.Finished == nil, r.NotYet == nil)
				}
			}
		})
	}
}

func TestRosterRowFields(t *testing.T) {
	m := finished(7, "Maya R.", "INFJ", quiz.StyleAuditory)
	m.Styles = quiz.StyleCounts{Auditory: 4, Visual: 3}
	r := m.Row()
	if r.Animal != quiz.Panda || r.Genius != quiz.GeniusFeeler || r.Type != "INFJ" || !r.CompletedAt.Equal(m.CompletedAt) ||
		r.Passport != m.Passport || r.Coins != m.Coins || len(r.Styles) != 2 {
		t.Fatalf("row = %+v", r)
	}
	nym := notYet(8, "Abe M.")
	ny := nym.Row()
	if ny.Done || !ny.CompletedAt.IsZero() || ny.Animal != "" || ny.Styles != nil {
		t.Fatalf("not-yet row = %+v", ny)
	}
}

func FuzzParseRosterQuery(f *testing.F) {
	f.Add("name", "desc", "owl", "thinker", "visual", "INTP", "I", "finished", "ma")
	f.Add("", "", "", "", "", "", "", "", "")
	f.Add("coins", "asc", "lion", "x", "y", "zzzz", "q", "done", "\xff")
	class := rosterClass()
	f.Fuzz(func(t *testing.T, sort, dir, animal, genius, style, typ, energy, status, search string) {
		q, err := ParseRosterQuery(query("sort", sort, "dir", dir, "animal", animal, "genius", genius, "style", style,
			"type", typ, "energy", energy, "status", status, "q", search))
		if err != nil {
			var ie *InputError
			if !errors.As(err, &ie) || ie.Message == "" {
				t.Fatalf("error %v is not an InputError with a message", err)
			}
			return
		}
		r := BuildRoster(class, q)
		if len(r.Finished)+len(r.NotYet) > len(class) {
			t.Fatalf("roster grew: %d", len(r.Finished)+len(r.NotYet))
		}
		for _, row := range r.NotYet {
			if row.Done {
				t.Fatalf("finished student in not-yet list")
			}
		}
	})
}

// Names sort and are found without their accents: "Élodie" among the E,
// "zoe" finds "Zoë" whichever way its ë was typed.
func TestRosterFoldsAccents(t *testing.T) {
	class := []Member{
		finished(1, "Zoë B.", "INFP", quiz.StyleVisual),
		finished(2, "Élodie A.", "ESTJ", quiz.StyleAuditory),
		finished(3, "Maya R.", "INTP", quiz.StyleVisual),
		finished(4, "Zoe\u0308 C.", "ENFP", quiz.StyleVisual),
	}
	snap := NewSnapshot(1, class)
	for _, r := range []Roster{BuildRoster(class, RosterQuery{Sort: "name"}), snap.Roster(RosterQuery{Sort: "name"})} {
		if got := names(r.Finished); got != "Élodie A.,Maya R.,Zoë B.,Zoe\u0308 C." {
			t.Errorf("by name: %q", got)
		}
	}
	for _, search := range []string{"zoe", "ZOË", "Zoe\u0308"} {
		for _, r := range []Roster{BuildRoster(class, RosterQuery{Sort: "name", Search: search}), snap.Roster(RosterQuery{Sort: "name", Search: search})} {
			if got := names(r.Finished); got != "Zoë B.,Zoe\u0308 C." {
				t.Errorf("search %q: %q", search, got)
			}
		}
	}
}
