package quiz

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestDefaultBankShape(t *testing.T) {
	b := DefaultBank()
	if b.Version() == "" {
		t.Fatal("bank has no version")
	}
	qs := b.Questions()
	perKind := map[string]int{}
	reversed := map[string]int{}
	ids := map[string]bool{}
	for _, q := range qs {
		if ids[q.ID] {
			t.Errorf("duplicate id %q", q.ID)
		}
		ids[q.ID] = true
		perKind[q.Kind]++
		if q.Reversed() {
			reversed[q.Kind]++
		}
		if strings.TrimSpace(q.Text) == "" {
			t.Errorf("%s: empty text", q.ID)
		}
		for _, o := range q.Options {
			if strings.TrimSpace(o.Text) == "" {
				t.Errorf("%s/%s: empty option text", q.ID, o.ID)
			}
		}
		// The id prefix names the kind, e.g. "sn3" is an S/N item.
		wantPrefix := strings.ToLower(q.Kind)
		if q.Kind == KindStyle {
			wantPrefix = "ls"
		}
		if !strings.HasPrefix(q.ID, wantPrefix) {
			t.Errorf("%s: id does not start with %q", q.ID, wantPrefix)
		}
	}
	for _, k := range []string{KindEI, KindSN, KindTF, KindJP} {
		n := perKind[k]
		if n%2 == 0 {
			t.Errorf("axis %s has %d items, want an odd number", k, n)
		}
		if n < 5 {
			t.Errorf("axis %s has only %d items", k, n)
		}
		// "About half" reverse-keyed: within one of n/2.
		if r := reversed[k]; 2*r < n-2 || 2*r > n+2 {
			t.Errorf("axis %s: %d of %d items reverse-keyed, want about half", k, r, n)
		}
	}
	if n := perKind[KindStyle]; n < 8 || n > 10 {
		t.Errorf("%d learning-style items, want 8-10", n)
	}
	if total := perKind[KindEI] + perKind[KindSN] + perKind[KindTF] + perKind[KindJP] + perKind[KindStyle]; total != len(qs) {
		t.Errorf("unknown kinds in bank: %v", perKind)
	}
}

func TestDefaultBankStyles(t *testing.T) {
	// positions[style] is the set of option positions the style appears in.
	positions := map[string]map[int]bool{}
	for _, q := range DefaultBank().Questions() {
		if q.Kind != KindStyle {
			continue
		}
		for i, o := range q.Options {
			if positions[o.Key] == nil {
				positions[o.Key] = map[int]bool{}
			}
			positions[o.Key][i] = true
		}
	}
	for _, s := range styleOrder {
		if len(positions[s]) == 0 {
			t.Errorf("style %s is not reachable", s)
		}
		if len(positions[s]) < 3 {
			t.Errorf("style %s appears in only %d option positions; vary the order", s, len(positions[s]))
		}
	}
}

func TestDefaultBankInterleaved(t *testing.T) {
	// No more than two items of the same kind in a row, and the first five
	// items cover every kind.
	qs := DefaultBank().Questions()
	run := 1
	for i := 1; i < len(qs); i++ {
		if qs[i].Kind == qs[i-1].Kind {
			run++
			if run > 2 {
				t.Errorf("%d %s items in a row ending at %s", run, qs[i].Kind, qs[i].ID)
			}
		} else {
			run = 1
		}
	}
	first := map[string]bool{}
	for _, q := range qs[:5] {
		first[q.Kind] = true
	}
	if len(first) != 5 {
		t.Errorf("first five items cover kinds %v, want all five", first)
	}
}

func TestPublicQuestionsHideKeys(t *testing.T) {
	b := DefaultBank()
	pub := b.Public()
	data, err := json.Marshal(pub)
	if err != nil {
		t.Fatal(err)
	}
	s := string(data)
	for _, leak := range []string{`"key"`, `"kind"`, `"axis"`, `"pole"`, `"style"`, "readingWriting", "kinesthetic", `"E"`, `"I"`} {
		if strings.Contains(s, leak) {
			t.Errorf("public JSON contains %s", leak)
		}
	}
	if pub.BankVersion != b.Version() || len(pub.Questions) != b.Len() {
		t.Errorf("public view has version %q and %d questions", pub.BankVersion, len(pub.Questions))
	}
	// Marshalling the full questions must not leak either.
	full, _ := json.Marshal(b.Questions())
	if strings.Contains(string(full), "kinesthetic") || strings.Contains(string(full), `"kind"`) {
		t.Error("Question JSON leaks scoring keys")
	}
	// Same order and text as the bank.
	for i, q := range b.Questions() {
		if pub.Questions[i].ID != q.ID || pub.Questions[i].Text != q.Text || len(pub.Questions[i].Options) != len(q.Options) {
			t.Errorf("public question %d differs from bank question %s", i, q.ID)
		}
	}
}

func TestBankIsImmutable(t *testing.T) {
	b := DefaultBank()
	qs := b.Questions()
	qs[0].Options[0].Key = "changed"
	qs[0].Text = "changed"
	if q, _ := b.Question(qs[0].ID); q.Text == "changed" || q.Options[0].Key == "changed" {
		t.Error("Questions() exposes the bank's own slices")
	}
}

func TestNewBankRejects(t *testing.T) {
	good := func() Question {
		return Question{ID: "ei1", Kind: KindEI, Text: "Q", Options: []Option{{ID: "a", Text: "x", Key: "E"}, {ID: "b", Text: "y", Key: "I"}}}
	}
	tests := []struct {
		name    string
		version string
		mutate  func(q *Question)
		extra   bool // add a second copy of the question
		want    string
	}{
		{"empty version", "", nil, false, "version"},
		{"long version", strings.Repeat("v", 17), nil, false, "version"},
		{"bad id", "1", func(q *Question) { q.ID = "EI 1" }, false, "id must be"},
		{"long id", "1", func(q *Question) { q.ID = strings.Repeat("x", 17) }, false, "id must be"},
		{"empty text", "1", func(q *Question) { q.Text = "  " }, false, "text is empty"},
		{"unknown kind", "1", func(q *Question) { q.Kind = "XY" }, false, "unknown kind"},
		{"three options", "1", func(q *Question) { q.Options = append(q.Options, Option{ID: "c", Text: "z", Key: "E"}) }, false, "needs 2 options"},
		{"wrong option id", "1", func(q *Question) { q.Options[1].ID = "c" }, false, `must have id "b"`},
		{"empty option", "1", func(q *Question) { q.Options[1].Text = "" }, false, "text is empty"},
		{"foreign pole", "1", func(q *Question) { q.Options[1].Key = "S" }, false, "does not belong"},
		{"same pole twice", "1", func(q *Question) { q.Options[1].Key = "E" }, false, "used by two"},
		{"duplicate id", "1", nil, true, "used twice"},
		{"style with pole", "1", func(q *Question) {
			q.Kind = KindStyle
			q.Options = []Option{{ID: "a", Text: "1", Key: StyleVisual}, {ID: "b", Text: "2", Key: StyleAuditory}, {ID: "c", Text: "3", Key: "E"}, {ID: "d", Text: "4", Key: StyleKinesthetic}}
		}, false, "does not belong"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q := good()
			if tt.mutate != nil {
				tt.mutate(&q)
			}
			qs := []Question{q}
			if tt.extra {
				qs = append(qs, good())
			}
			_, err := NewBank(tt.version, qs)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("NewBank error = %v, want one containing %q", err, tt.want)
			}
		})
	}
	if _, err := NewBank("1", nil); err == nil {
		t.Error("NewBank accepted an empty bank")
	}
	if _, err := NewBank("1", []Question{good()}); err != nil {
		t.Errorf("NewBank rejected a good question: %v", err)
	}
}

func TestParseBankRejectsUnknownFields(t *testing.T) {
	if _, err := ParseBank([]byte(`{"version":"1","questions":[],"extra":1}`)); err == nil {
		t.Error("ParseBank accepted an unknown field")
	}
}

func TestDefaultBankStemsDistinct(t *testing.T) {
	// Two screens with the same question read like a mistake to a pupil:
	// every stem is its own (compared without case and spacing).
	seen := map[string]string{}
	for _, q := range DefaultBank().Questions() {
		stem := strings.Join(strings.Fields(strings.ToLower(q.Text)), " ")
		if other, ok := seen[stem]; ok {
			t.Errorf("%s and %s share the stem %q", other, q.ID, q.Text)
		}
		seen[stem] = q.ID
	}
}
