package quiz

import (
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestAnimalTable(t *testing.T) {
	tests := []struct {
		code, name, prefix, color, genius string
		types                             []string
	}{
		{Meerkat, "Meerkat", "MEE", "#4B4959", GeniusFeeler, []string{"INFP", "ISFP"}},
		{Panda, "Panda", "PAN", "#82BCC8", GeniusFeeler, []string{"INFJ", "INTJ"}},
		{Owl, "Owl", "OWL", "#BAC97D", GeniusThinker, []string{"ISTP", "INTP"}},
		{Beaver, "Beaver", "BEA", "#829B79", GeniusDoer, []string{"ISFJ", "ISTJ"}},
		{Elephant, "Elephant", "ELE", "#BD85C8", GeniusFeeler, []string{"ESFJ", "ENFJ"}},
		{Otter, "Otter", "OTT", "#FACC7D", GeniusDoer, []string{"ESFP", "ESTP"}},
		{Parrot, "Parrot", "PAR", "#FF8070", GeniusThinker, []string{"ENFP", "ENTP"}},
		{BorderCollie, "Border Collie", "COL", "#DEA77E", GeniusDoer, []string{"ESTJ", "ENTJ"}},
	}
	all := Animals()
	if len(all) != len(tests) {
		t.Fatalf("%d animals, want %d", len(all), len(tests))
	}
	for i, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			a, ok := AnimalByCode(tt.code)
			if !ok {
				t.Fatal("not found")
			}
			if all[i].Code != tt.code {
				t.Errorf("Animals()[%d] = %s, want SPEC order", i, all[i].Code)
			}
			if a.Name != tt.name || a.Prefix != tt.prefix || a.Color != tt.color || a.Genius != tt.genius || !slices.Equal(a.Types, tt.types) {
				t.Errorf("got %+v", a)
			}
			if p, ok := AnimalByPrefix(tt.prefix); !ok || p.Code != tt.code {
				t.Errorf("AnimalByPrefix(%s) = %s, %v", tt.prefix, p.Code, ok)
			}
			if AnimalCodes()[i] != tt.code {
				t.Errorf("AnimalCodes()[%d] = %s", i, AnimalCodes()[i])
			}
		})
	}
	if _, ok := AnimalByCode("cat"); ok {
		t.Error("AnimalByCode(cat) found something")
	}
	if _, ok := AnimalByPrefix("mee"); ok {
		t.Error("AnimalByPrefix is documented as upper case only")
	}
}

func TestAnimalProfiles(t *testing.T) {
	for _, a := range Animals() {
		t.Run(a.Code, func(t *testing.T) {
			if strings.TrimSpace(a.Tagline) == "" || strings.TrimSpace(a.WithOthers) == "" {
				t.Error("empty tagline or withOthers")
			}
			for _, c := range []struct {
				what  string
				items []string
				n     int
			}{{"strengths", a.Strengths, 4}, {"growth areas", a.GrowthAreas, 3}, {"teacher tips", a.TeacherTips, 3}} {
				if len(c.items) != c.n {
					t.Errorf("%d %s, want %d", len(c.items), c.what, c.n)
				}
				for _, s := range c.items {
					if strings.TrimSpace(s) == "" {
						t.Errorf("empty entry in %s", c.what)
					}
				}
			}
		})
	}
}

func TestAnimalsReturnsCopies(t *testing.T) {
	a := Animals()
	a[0].Strengths[0] = "changed"
	a[0].Types[0] = "XXXX"
	b, _ := AnimalByCode(a[0].Code)
	if b.Strengths[0] == "changed" || b.Types[0] == "XXXX" {
		t.Error("Animals() shares slices with the package table")
	}
}

var hexColor = regexp.MustCompile(`^#[0-9A-F]{6}$`)

func TestGeniuses(t *testing.T) {
	want := map[string]string{GeniusThinker: "#8B5CF6", GeniusFeeler: "#10B981", GeniusDoer: "#F59E0B"}
	gs := Geniuses()
	if len(gs) != 3 {
		t.Fatalf("%d genius types", len(gs))
	}
	for _, g := range gs {
		if want[g.Code] != g.Color {
			t.Errorf("%s colour %s, want %s", g.Code, g.Color, want[g.Code])
		}
		if g.Name == "" || g.Focus == "" || g.Description == "" {
			t.Errorf("%s has empty text", g.Code)
		}
		if got, ok := GeniusByCode(g.Code); !ok || got != g {
			t.Errorf("GeniusByCode(%s) = %+v", g.Code, got)
		}
	}
	for _, a := range Animals() {
		if _, ok := GeniusByCode(a.Genius); !ok {
			t.Errorf("%s has unknown genius %s", a.Code, a.Genius)
		}
		if !hexColor.MatchString(a.Color) {
			t.Errorf("%s colour %s", a.Code, a.Color)
		}
	}
	if _, ok := GeniusByCode("dreamer"); ok {
		t.Error("GeniusByCode(dreamer) found something")
	}
}

func TestLearningStyles(t *testing.T) {
	ls := LearningStyles()
	if len(ls) != 4 {
		t.Fatalf("%d styles", len(ls))
	}
	for i, s := range ls {
		if s.Code != styleOrder[i] {
			t.Errorf("style %d is %s, want %s", i, s.Code, styleOrder[i])
		}
		if s.Name == "" || s.Description == "" || s.Tip == "" {
			t.Errorf("%s has empty text", s.Code)
		}
		if got, ok := LearningStyleByCode(s.Code); !ok || got != s {
			t.Errorf("LearningStyleByCode(%s) = %+v", s.Code, got)
		}
	}
	if _, ok := LearningStyleByCode("smell"); ok {
		t.Error("LearningStyleByCode(smell) found something")
	}
}
