package quiz

import (
	"errors"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// answersFor answers every item of b: axis items with the option whose pole
// is in poles (e.g. "ESTJ"), style items with the option for style. It
// works for any bank, so the SPEC vectors do not depend on our wording.
func answersFor(t testing.TB, b *Bank, poles, style string) []Answer {
	t.Helper()
	var out []Answer
	for _, q := range b.Questions() {
		want := style
		if q.Kind != KindStyle {
			p := axisPoles[q.Kind]
			want = p[0]
			if strings.Contains(poles, p[1]) {
				want = p[1]
			}
		}
		opt := optionFor(t, q, want)
		out = append(out, Answer{Question: q.ID, Option: opt})
	}
	return out
}

func optionFor(t testing.TB, q Question, key string) string {
	t.Helper()
	for _, o := range q.Options {
		if o.Key == key {
			return o.ID
		}
	}
	t.Fatalf("question %s has no option for %q", q.ID, key)
	return ""
}

func TestScoreSpecVectors(t *testing.T) {
	b := DefaultBank()
	tests := []struct {
		poles, typ, animal, genius string
	}{
		{"ESTJ", "ESTJ", BorderCollie, GeniusDoer},
		{"INFP", "INFP", Meerkat, GeniusFeeler},
		{"ESTP", "ESTP", Otter, GeniusDoer},
		{"INFJ", "INFJ", Panda, GeniusFeeler},
	}
	for _, tt := range tests {
		t.Run(tt.poles, func(t *testing.T) {
			r, err := b.Score(answersFor(t, b, tt.poles, StyleVisual))
			if err != nil {
				t.Fatal(err)
			}
			if r.Type != tt.typ || r.Animal != tt.animal || r.Genius != tt.genius {
				t.Errorf("got %s/%s/%s, want %s/%s/%s", r.Type, r.Animal, r.Genius, tt.typ, tt.animal, tt.genius)
			}
			if r.BankVersion != b.Version() {
				t.Errorf("bank version %q", r.BankVersion)
			}
			// Every axis item went to the chosen pole.
			c := poleCountMap(r.Poles)
			for _, p := range tt.poles {
				if c[string(p)] == 0 {
					t.Errorf("pole %c has no points", p)
				}
			}
			if sum := r.Poles.E + r.Poles.I + r.Poles.S + r.Poles.N + r.Poles.T + r.Poles.F + r.Poles.J + r.Poles.P; sum != axisItems(b) {
				t.Errorf("pole counts sum to %d, want %d", sum, axisItems(b))
			}
		})
	}
}

func poleCountMap(c PoleCounts) map[string]int {
	return map[string]int{"E": c.E, "I": c.I, "S": c.S, "N": c.N, "T": c.T, "F": c.F, "J": c.J, "P": c.P}
}

func axisItems(b *Bank) int {
	n := 0
	for _, q := range b.Questions() {
		if q.Kind != KindStyle {
			n++
		}
	}
	return n
}

// TestScorePartialBank is the SPEC vector "a partial bank with E=I and J=P
// and S>N and T>F gives ESTP", on a real (small) bank.
func TestScorePartialBank(t *testing.T) {
	pair := func(id, kind string, a, b string) Question {
		return Question{ID: id, Kind: kind, Text: "q " + id, Options: []Option{{ID: "a", Text: "x", Key: a}, {ID: "b", Text: "y", Key: b}}}
	}
	bank, err := NewBank("partial", []Question{
		pair("ei1", KindEI, "E", "I"), pair("ei2", KindEI, "I", "E"),
		pair("sn1", KindSN, "S", "N"), pair("sn2", KindSN, "N", "S"), pair("sn3", KindSN, "S", "N"),
		pair("tf1", KindTF, "F", "T"),
		pair("jp1", KindJP, "J", "P"), pair("jp2", KindJP, "J", "P"),
	})
	if err != nil {
		t.Fatal(err)
	}
	r, err := bank.Score([]Answer{
		{"ei1", "a"}, {"ei2", "a"}, // E=1, I=1
		{"sn1", "a"}, {"sn2", "b"}, {"sn3", "b"}, // S=2, N=1
		{"tf1", "b"},               // T=1
		{"jp1", "a"}, {"jp2", "b"}, // J=1, P=1
	})
	if err != nil {
		t.Fatal(err)
	}
	want := PoleCounts{E: 1, I: 1, S: 2, N: 1, T: 1, F: 0, J: 1, P: 1}
	if r.Poles != want || r.Type != "ESTP" || r.Animal != Otter || r.Genius != GeniusDoer {
		t.Errorf("got %+v %s %s %s, want %+v ESTP otter doer", r.Poles, r.Type, r.Animal, r.Genius, want)
	}
	if r.LearningStyle != "" || r.Styles != nil {
		t.Errorf("bank without style items gave style %q %v", r.LearningStyle, r.Styles)
	}
}

func TestScorePoles(t *testing.T) {
	tests := []struct {
		name string
		c    PoleCounts
		want string
	}{
		{"partial E=I J=P S>N T>F", PoleCounts{E: 2, I: 2, S: 3, N: 1, T: 2, F: 1, J: 4, P: 4}, "ESTP"},
		{"all ties", PoleCounts{}, "ENTP"},
		{"all second", PoleCounts{I: 1, S: 1, F: 1, J: 1}, "ISFJ"},
		{"full ESTJ", PoleCounts{E: 9, S: 9, T: 9, J: 9}, "ESTJ"},
		{"full INFP", PoleCounts{I: 9, N: 9, F: 9, P: 9}, "INFP"},
		{"close", PoleCounts{E: 4, I: 5, S: 5, N: 4, T: 5, F: 4, J: 4, P: 5}, "ISTP"},
	}
	for _, tt := range tests {
		if got := ScorePoles(tt.c); got != tt.want {
			t.Errorf("%s: ScorePoles = %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestAllSixteenTypes covers every type through the table and through
// scoring a full submission.
func TestAllSixteenTypes(t *testing.T) {
	tests := []struct {
		typ, animal, genius string
	}{
		{"INFP", Meerkat, GeniusFeeler}, {"ISFP", Meerkat, GeniusFeeler},
		{"INFJ", Panda, GeniusFeeler}, {"INTJ", Panda, GeniusFeeler},
		{"ISTP", Owl, GeniusThinker}, {"INTP", Owl, GeniusThinker},
		{"ISFJ", Beaver, GeniusDoer}, {"ISTJ", Beaver, GeniusDoer},
		{"ESFJ", Elephant, GeniusFeeler}, {"ENFJ", Elephant, GeniusFeeler},
		{"ESFP", Otter, GeniusDoer}, {"ESTP", Otter, GeniusDoer},
		{"ENFP", Parrot, GeniusThinker}, {"ENTP", Parrot, GeniusThinker},
		{"ESTJ", BorderCollie, GeniusDoer}, {"ENTJ", BorderCollie, GeniusDoer},
	}
	seen := map[string]bool{}
	b := DefaultBank()
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			seen[tt.typ] = true
			a, ok := AnimalForType(tt.typ)
			if !ok || a.Code != tt.animal || a.Genius != tt.genius {
				t.Errorf("AnimalForType = %s/%s (%v), want %s/%s", a.Code, a.Genius, ok, tt.animal, tt.genius)
			}
			r, err := b.Score(answersFor(t, b, tt.typ, StyleAuditory))
			if err != nil {
				t.Fatal(err)
			}
			if r.Type != tt.typ || r.Animal != tt.animal || r.Genius != tt.genius {
				t.Errorf("Score = %s/%s/%s", r.Type, r.Animal, r.Genius)
			}
		})
	}
	if len(seen) != 16 {
		t.Errorf("table covers %d types, want 16", len(seen))
	}
	if _, ok := AnimalForType("XXXX"); ok {
		t.Error("AnimalForType accepted XXXX")
	}
}

func TestScoreStyles(t *testing.T) {
	tests := []struct {
		name   string
		c      StyleCounts
		top    string
		styles []string
	}{
		{"clear winner", StyleCounts{0, 0, 1, 8}, StyleKinesthetic, []string{StyleKinesthetic}},
		{"tie goes to earlier", StyleCounts{3, 3, 2, 1}, StyleVisual, []string{StyleVisual, StyleAuditory, StyleReadingWriting}},
		{"tie auditory readingWriting", StyleCounts{0, 4, 4, 1}, StyleAuditory, []string{StyleAuditory, StyleReadingWriting}},
		{"later wins by one", StyleCounts{2, 2, 2, 3}, StyleKinesthetic, []string{StyleVisual, StyleAuditory, StyleReadingWriting, StyleKinesthetic}},
		{"two behind is out", StyleCounts{5, 3, 1, 0}, StyleVisual, []string{StyleVisual}},
		{"all equal", StyleCounts{2, 2, 2, 2}, StyleVisual, []string{StyleVisual, StyleAuditory, StyleReadingWriting, StyleKinesthetic}},
		{"none", StyleCounts{}, "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			top, styles := ScoreStyles(tt.c)
			if top != tt.top || !slices.Equal(styles, tt.styles) {
				t.Errorf("got %q %v, want %q %v", top, styles, tt.top, tt.styles)
			}
			r := ResultFromCounts("v", PoleCounts{}, tt.c)
			if r.Multimodal != (len(tt.styles) > 1) {
				t.Errorf("Multimodal = %v for %v", r.Multimodal, tt.styles)
			}
		})
	}
}

func TestScoreLearningStyleFromAnswers(t *testing.T) {
	b := DefaultBank()
	// Every style alone wins when chosen for every style item.
	for _, s := range styleOrder {
		r, err := b.Score(answersFor(t, b, "ESTJ", s))
		if err != nil {
			t.Fatal(err)
		}
		if r.LearningStyle != s || !slices.Equal(r.Styles, []string{s}) || r.Multimodal {
			t.Errorf("all %s: got %s %v", s, r.LearningStyle, r.Styles)
		}
	}
	// Split the style items between kinesthetic and auditory so they tie or
	// differ by one: both are listed, the earlier (auditory) wins a tie.
	answers := answersFor(t, b, "ESTJ", StyleKinesthetic)
	k := 0
	for i, a := range answers {
		q, _ := b.Question(a.Question)
		if q.Kind != KindStyle {
			continue
		}
		if k%2 == 0 {
			answers[i].Option = optionFor(t, q, StyleAuditory)
		}
		k++
	}
	r, err := b.Score(answers)
	if err != nil {
		t.Fatal(err)
	}
	wantTop := StyleAuditory
	if r.StyleCounts.Kinesthetic > r.StyleCounts.Auditory {
		wantTop = StyleKinesthetic
	}
	if r.LearningStyle != wantTop || !slices.Equal(r.Styles, []string{StyleAuditory, StyleKinesthetic}) || !r.Multimodal {
		t.Errorf("split: got %s %v (counts %+v)", r.LearningStyle, r.Styles, r.StyleCounts)
	}
}

// TestScoreOrderIndependent is the property test: any permutation of the
// same answers gives the same result.
func TestScoreOrderIndependent(t *testing.T) {
	b := DefaultBank()
	qs := b.Questions()
	rng := rand.New(rand.NewPCG(2026, 1))
	for iter := range 500 {
		answers := make([]Answer, len(qs))
		for i, q := range qs {
			answers[i] = Answer{q.ID, q.Options[rng.IntN(len(q.Options))].ID}
		}
		want, err := b.Score(answers)
		if err != nil {
			t.Fatal(err)
		}
		for range 4 {
			shuffled := slices.Clone(answers)
			rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			got, err := b.Score(shuffled)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("iteration %d: shuffled answers gave %+v, want %+v", iter, got, want)
			}
		}
	}
}

func TestScoreRejects(t *testing.T) {
	b := DefaultBank()
	full := func() []Answer { return answersFor(t, b, "INFP", StyleVisual) }
	first, second := full()[0].Question, full()[1].Question
	tests := []struct {
		name    string
		answers func() []Answer
		want    AnswerError
		msg     []string
	}{
		{"empty", func() []Answer { return nil }, AnswerError{Missing: bankIDs(b)}, []string{"missing answers for", "and 35 more"}},
		{"missing one", func() []Answer { return full()[1:] }, AnswerError{Missing: []string{first}}, []string{"missing answers for " + first}},
		{"duplicate", func() []Answer { return append(full(), full()[1]) }, AnswerError{Duplicate: []string{second}}, []string{"more than once: " + second}},
		{"triple counts once", func() []Answer { return append(full(), full()[1], full()[1]) }, AnswerError{Duplicate: []string{second}}, nil},
		{"unknown", func() []Answer { return append(full(), Answer{"zz9", "a"}) }, AnswerError{Unknown: []string{"zz9"}}, []string{`no such question: "zz9"`}},
		{"bad option", func() []Answer { a := full(); a[0].Option = "z"; return a }, AnswerError{BadOption: []string{first}}, []string{"no such option for " + first}},
		{"option c on two-option item", func() []Answer { a := full(); a[0].Option = "c"; return a }, AnswerError{BadOption: []string{first}}, nil},
		{"empty option", func() []Answer { a := full(); a[1].Option = ""; return a }, AnswerError{BadOption: []string{second}}, nil},
		{"replaced by unknown", func() []Answer { a := full(); a[0].Question = "EI1"; return a }, AnswerError{Missing: []string{first}, Unknown: []string{"EI1"}}, []string{"missing answers for " + first, `"EI1"`}},
		{"duplicate instead of one", func() []Answer { a := full(); a[0] = a[1]; return a }, AnswerError{Missing: []string{first}, Duplicate: []string{second}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := b.Score(tt.answers())
			var ae *AnswerError
			if !errors.As(err, &ae) {
				t.Fatalf("error = %v, want *AnswerError", err)
			}
			if !reflect.DeepEqual(*ae, tt.want) {
				t.Errorf("got %+v, want %+v", *ae, tt.want)
			}
			for _, m := range tt.msg {
				if !strings.Contains(err.Error(), m) {
					t.Errorf("message %q does not contain %q", err.Error(), m)
				}
			}
		})
	}
}

func bankIDs(b *Bank) []string {
	var out []string
	for _, q := range b.Questions() {
		out = append(out, q.ID)
	}
	return out
}

func TestScoreSubmissionVersion(t *testing.T) {
	b := DefaultBank()
	answers := answersFor(t, b, "ENFP", StyleVisual)
	if _, err := b.ScoreSubmission(Submission{BankVersion: b.Version(), Answers: answers}); err != nil {
		t.Fatal(err)
	}
	_, err := b.ScoreSubmission(Submission{BankVersion: "1999.1", Answers: answers})
	var ve *VersionError
	if !errors.As(err, &ve) || ve.Got != "1999.1" || ve.Want != b.Version() {
		t.Errorf("error = %v, want *VersionError", err)
	}
}

func BenchmarkScore(b *testing.B) {
	bank := DefaultBank()
	inOrder := answersFor(b, bank, "INFJ", StyleVisual)
	shuffled := slices.Clone(inOrder)
	rand.New(rand.NewPCG(1, 2)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
	for _, bc := range []struct {
		name    string
		answers []Answer
	}{{"bank-order", inOrder}, {"shuffled", shuffled}} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := bank.Score(bc.answers); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
