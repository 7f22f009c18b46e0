package insight

import (
	"math"
	"slices"
	"testing"

	"animalgenius/app/quiz"
)

func countOf(t *testing.T, cs []Count, key string) Count {
	t.Helper()
	for _, c := range cs {
		if c.Key == key {
			return c
		}
	}
	t.Fatalf("no count for %q in %v", key, cs)
	return Count{}
}

func TestAnalyzeEmptyClass(t *testing.T) {
	a := Analyze(nil)
	if a.Total != 0 || a.Finished != 0 || a.NotYet != 0 {
		t.Fatalf("totals = %+v", a)
	}
	if len(a.Animals) != 8 || len(a.Geniuses) != 3 || len(a.Types) != 16 || len(a.Energy) != 2 || len(a.Styles) != 4 {
		t.Fatalf("every category must be listed: %d %d %d %d %d", len(a.Animals), len(a.Geniuses), len(a.Types), len(a.Energy), len(a.Styles))
	}
	for _, c := range slices.Concat(a.Animals, a.Geniuses, a.Types, a.Energy, a.Styles) {
		if c.Count != 0 || c.Share != 0 || c.Label == "" {
			t.Fatalf("empty class count %+v", c)
		}
	}
	if len(a.Insights) != 4 {
		t.Fatalf("insight lists = %d", len(a.Insights))
	}
	for _, l := range a.Insights {
		if l.Students == nil || len(l.Students) != 0 {
			t.Fatalf("list %s students = %v (want empty, not null)", l.Code, l.Students)
		}
	}
}

func TestAnalyzeCountsAndNotYet(t *testing.T) {
	class := []Member{
		finished(1, "Ana B.", "INFP", quiz.StyleVisual),      // meerkat feeler I
		finished(2, "Ben C.", "ISFP", quiz.StyleVisual),      // meerkat feeler I
		finished(3, "Cleo D.", "ESTJ", quiz.StyleAuditory),   // border collie doer E
		finished(4, "Dev E.", "INTP", quiz.StyleKinesthetic), // owl thinker I
		notYet(5, "Eli F."),
		notYet(6, "Fay G."),
	}
	a := Analyze(class)
	if a.Total != 6 || a.Finished != 4 || a.NotYet != 2 {
		t.Fatalf("totals = %d/%d/%d", a.Total, a.Finished, a.NotYet)
	}
	tests := []struct {
		list  []Count
		key   string
		count int
		share float64
	}{
		{a.Animals, quiz.Meerkat, 2, 0.5},
		{a.Animals, quiz.BorderCollie, 1, 0.25},
		{a.Animals, quiz.Owl, 1, 0.25},
		{a.Animals, quiz.Panda, 0, 0},
		{a.Geniuses, quiz.GeniusFeeler, 2, 0.5},
		{a.Geniuses, quiz.GeniusDoer, 1, 0.25},
		{a.Geniuses, quiz.GeniusThinker, 1, 0.25},
		{a.Types, "INFP", 1, 0.25},
		{a.Types, "ISFP", 1, 0.25},
		{a.Types, "ENTP", 0, 0},
		{a.Energy, "E", 1, 0.25},
		{a.Energy, "I", 3, 0.75},
		{a.Styles, quiz.StyleVisual, 2, 0.5},
		{a.Styles, quiz.StyleReadingWriting, 0, 0},
	}
	for _, tt := range tests {
		c := countOf(t, tt.list, tt.key)
		if c.Count != tt.count || math.Abs(c.Share-tt.share) > 1e-9 {
			t.Errorf("%s: count %d share %v, want %d %v", tt.key, c.Count, c.Share, tt.count, tt.share)
		}
	}
	// Not-yet students are never a type: the counts add up to the finished.
	for name, list := range map[string][]Count{"animals": a.Animals, "geniuses": a.Geniuses, "types": a.Types, "energy": a.Energy, "styles": a.Styles} {
		sum := 0
		for _, c := range list {
			sum += c.Count
		}
		if sum != a.Finished {
			t.Errorf("%s add up to %d, want %d", name, sum, a.Finished)
		}
	}
	if a.Types[0].Key != "INFP" || a.Types[15].Key != "ENTJ" {
		t.Errorf("types not in animal order: %s..%s", a.Types[0].Key, a.Types[15].Key)
	}
}

func TestInsightLists(t *testing.T) {
	var class []Member
	for i, typ := range Types16 { // two of each animal
		class = append(class, finished(int64(i+1), string(rune('A'+i))+" X.", typ, quiz.StyleVisual))
	}
	class = append(class, notYet(99, "Zed Z."))
	want := map[string][]string{
		"overlooked": {quiz.Meerkat, quiz.Panda, quiz.Beaver},
		"connection": {quiz.Meerkat, quiz.Elephant, quiz.Beaver},
		"warnings":   {quiz.Beaver, quiz.Panda, quiz.BorderCollie},
		"think_time": {quiz.Owl, quiz.Panda, quiz.Meerkat, quiz.Beaver},
	}
	a := Analyze(class)
	for _, l := range a.Insights {
		animals, ok := want[l.Code]
		if !ok {
			t.Fatalf("unexpected list %q", l.Code)
		}
		if l.Title == "" || l.Why == "" {
			t.Errorf("list %s has no text", l.Code)
		}
		if len(l.Students) != 2*len(animals) || l.Count != len(l.Students) {
			t.Errorf("list %s has %d students (count %d), want %d", l.Code, len(l.Students), l.Count, 2*len(animals))
		}
		for _, s := range l.Students {
			if !slices.Contains(animals, s.Animal) {
				t.Errorf("list %s holds a %s", l.Code, s.Animal)
			}
			if s.ID == 99 {
				t.Errorf("list %s holds a not-yet student", l.Code)
			}
		}
		if !slices.IsSortedFunc(l.Students, byName) {
			t.Errorf("list %s not sorted by name", l.Code)
		}
		delete(want, l.Code)
	}
	if len(want) != 0 {
		t.Errorf("missing lists %v", want)
	}
}
