package insight

import (
	"bytes"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"animalgenius/app/quiz"
)

func TestSaveGroupingNormalize(t *testing.T) {
	class := []Member{finished(1, "A a.", "INFP", quiz.StyleVisual), finished(2, "B b.", "ESTJ", quiz.StyleVisual), notYet(3, "C c.")}
	ok := func() SaveGroupingRequest {
		return SaveGroupingRequest{Name: "  Science teams ", Size: 2, Balance: BalanceGenius, Seed: 5, Groups: [][]int64{{1, 3}, {}, {2}}}
	}
	r := ok()
	if err := r.Normalize(class); err != nil {
		t.Fatal(err)
	}
	if r.Name != "Science teams" || len(r.Groups) != 2 {
		t.Fatalf("normalized %+v", r)
	}
	tests := []struct {
		name   string
		change func(r *SaveGroupingRequest)
		code   string
	}{
		{"empty name", func(r *SaveGroupingRequest) { r.Name = "   " }, "name_required"},
		{"long name", func(r *SaveGroupingRequest) { r.Name = strings.Repeat("é", MaxGroupingName+1) }, "name_too_long"},
		{"control", func(r *SaveGroupingRequest) { r.Name = "a\nb" }, "bad_name"},
		{"bad utf8", func(r *SaveGroupingRequest) { r.Name = "a\xffb" }, "bad_name"},
		{"bidi override", func(r *SaveGroupingRequest) { r.Name = "teams \u202e" }, "bad_name"},
		{"zero width", func(r *SaveGroupingRequest) { r.Name = "te\u200bams" }, "bad_name"},
		{"bad size", func(r *SaveGroupingRequest) { r.Size = 9 }, "bad_size"},
		{"bad balance", func(r *SaveGroupingRequest) { r.Balance = "x" }, "bad_balance"},
		{"bad seed", func(r *SaveGroupingRequest) { r.Seed = -1 }, "bad_seed"},
		{"duplicate", func(r *SaveGroupingRequest) { r.Groups = [][]int64{{1, 2}, {2}} }, "duplicate_student"},
		{"nobody", func(r *SaveGroupingRequest) { r.Groups = [][]int64{{}, {}} }, "no_groups"},
		{"too many", func(r *SaveGroupingRequest) { r.Groups = make([][]int64, MaxGroups+1) }, "too_many_groups"},
		{"other class", func(r *SaveGroupingRequest) { r.Groups = [][]int64{{1, 99}} }, "not_found"},
	}
	for _, tt := range tests {
		r := ok()
		tt.change(&r)
		err := r.Normalize(class)
		var ie *InputError
		switch {
		case tt.code == "not_found":
			if !errors.Is(err, ErrNotFound) {
				t.Errorf("%s: err %v, want not found", tt.name, err)
			}
		case !errors.As(err, &ie) || ie.Code != tt.code:
			t.Errorf("%s: err %v, want %s", tt.name, err, tt.code)
		}
	}
}

func TestSavedResolve(t *testing.T) {
	class := []Member{finished(1, "A a.", "INFP", quiz.StyleVisual), finished(2, "B b.", "ESTJ", quiz.StyleVisual), notYet(4, "D d.")}
	s := SavedGrouping{ID: 9, Name: "Teams", Size: 2, Balance: BalanceRandom, Seed: 3,
		Groups: [][]int64{{1, 3}, {2}}, UpdatedAt: time.UnixMilli(1000)}
	l := s.Resolve(class)
	if l.Left != 1 || len(l.Groups) != 2 || len(l.Groups[0].Members) != 1 || len(l.Unassigned) != 1 || l.Unassigned[0].ID != 4 {
		t.Fatalf("resolved %+v", l)
	}
	if sum := s.Summary(); sum.Students != 3 || sum.Groups != 2 || sum.UpdatedAt.UnixMilli() != 1000 {
		t.Fatalf("summary %+v", sum)
	}
}

func TestSnapshotBoard(t *testing.T) {
	class := []Member{finished(3, "C c.", "INFP", quiz.StyleVisual), finished(1, "A a.", "ESTJ", quiz.StyleVisual), notYet(2, "B b.")}
	s := NewSnapshot(7, class)
	b := s.Board(time.Time{})
	if b.ClassID != 7 || b.Total != 3 || len(b.Arrivals) != 2 || b.Arrivals[0].ID != 1 || b.FreshSince != nil {
		t.Fatalf("board %+v", b)
	}
	fresh := t0.Add(2 * time.Minute) // after student 1, before student 3
	b = s.Board(fresh)
	if len(b.Arrivals) != 1 || b.Arrivals[0].ID != 3 || b.FreshSince == nil || !b.FreshSince.Equal(fresh) {
		t.Fatalf("fresh board %+v", b)
	}
	if m, ok := s.Member(2); !ok || m.Name != "B b." {
		t.Fatalf("member lookup %v %v", m, ok)
	}
	if _, ok := s.Member(99); ok {
		t.Fatal("found a student of another class")
	}
	if len(s.Pairings().Duos) != 0 || s.Analytics().Finished != 2 {
		t.Fatalf("snapshot pairings/analytics wrong")
	}
}

func TestSnapshotProfile(t *testing.T) {
	s := NewSnapshot(1, []Member{finished(1, "A a.", "ENFJ", quiz.StyleVisual), notYet(2, "B b.")})
	p, ok := s.Profile(1)
	if !ok || p.Animal == nil || p.Animal.Code != quiz.Elephant || len(p.Animal.Strengths) != 4 || p.Genius.Code != quiz.GeniusFeeler ||
		p.Style.Code != quiz.StyleVisual || p.StyleTotal != 5 || p.Multimodal || p.Poles.E != 6 {
		t.Fatalf("profile %+v", p)
	}
	p, ok = s.Profile(2)
	if !ok || p.Animal != nil || p.Student.Done || p.Styles == nil {
		t.Fatalf("not-yet profile %+v", p)
	}
	if _, ok := s.Profile(3); ok {
		t.Fatal("profile of a student not in the class")
	}
}

func TestSnapshotJSONCache(t *testing.T) {
	s := NewSnapshot(1, []Member{finished(1, "A a.", "ENFJ", quiz.StyleVisual), notYet(2, "B b.")})
	for _, q := range []RosterQuery{DefaultRoster, {Sort: "coins", Desc: true}} {
		want, _ := json.Marshal(s.Roster(q))
		first, _ := s.RosterJSON(q)
		for range 2 {
			got, err := s.RosterJSON(q)
			if err != nil || !bytes.Equal(got.JSON(), want) {
				t.Fatalf("roster JSON for %+v: %v, want %s", q, got, want)
			}
			if kept := got == first; kept != (q == DefaultRoster) {
				t.Fatalf("roster %+v: the same answer kept is %v", q, kept)
			}
		}
	}
	want, _ := json.Marshal(s.Analytics())
	if got, err := s.AnalyticsJSON(); err != nil || !bytes.Equal(got.JSON(), want) {
		t.Fatalf("analytics JSON %v", got)
	}
}
