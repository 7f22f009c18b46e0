package students

import (
	"encoding/json"
	"strings"
	"testing"

	"animalgenius/app/quiz"
)

func TestParseName(t *testing.T) {
	good := []struct{ first, initial, want string }{
		{"Maya", "R", "Maya R."},
		{"  maya ", "r.", "Maya R."},
		{"MAYA", "R", "Maya R."},
		{"McKenzie", "o", "McKenzie O."},
		{"mary-jane", "W", "Mary-Jane W."},
		{"ana   sofia", "ro", "Ana Sofia Ro."},
		{"O'Neil", "B", "O'Neil B."},
		{"O’Neil", "B", "O'Neil B."},
		{"Zoë", "Ø", "Zoë Ø."},
		{"José", "é", "José É."},
		{"Ngozi", "A.", "Ngozi A."},
		{"李", "王", "李 王."},
		{"Amélie", "R", "Amélie R."}, // e + combining acute
		// Vowel signs and viramas (spacing marks), and joiners between letters.
		{"प्रिया", "R", "प्रिया R."},
		{"সুমি", "K", "সুমি K."},
		{"สมศักดิ์", "R", "สมศักดิ์ R."},
		{"علی\u200cرضا", "K", "علی\u200cرضا K."},
	}
	for _, tt := range good {
		n, err := ParseName(tt.first, tt.initial)
		if err != nil || n.Display() != tt.want {
			t.Errorf("ParseName(%q, %q) = %q, %v; want %q", tt.first, tt.initial, n.Display(), err, tt.want)
		}
	}
	bad := []struct{ first, initial, field string }{
		{"", "R", "firstName"},
		{"Maya2", "R", "firstName"},
		{"<b>Maya</b>", "R", "firstName"},
		{"Maya!", "R", "firstName"},
		{"-Maya", "R", "firstName"},
		{"Maya-", "R", "firstName"},
		{"Ma--ya", "R", "firstName"},
		{strings.Repeat("a", 21), "R", "firstName"},
		{strings.Repeat("a", 200), "R", "firstName"},
		{"Maya\x00", "R", "firstName"},
		{"Ma\xffya", "R", "firstName"},
		{"Ma\ufe0fya", "R", "firstName"}, // a variation selector after a letter
		{"Ma\u200dya", "R", "firstName"}, // a joiner between Latin letters
		{"Maya", "", "lastInitial"},
		{"Maya", "7", "lastInitial"},
		{"Maya", "Rob", "lastInitial"},
		{"Maya", "<", "lastInitial"},
		{"Maya", strings.Repeat("R", 300), "lastInitial"},
	}
	for _, tt := range bad {
		_, err := ParseName(tt.first, tt.initial)
		fe, ok := err.(FieldErrors)
		if !ok || fe[tt.field] == "" {
			t.Errorf("ParseName(%q, %q) = %v; want a %s error", tt.first, tt.initial, err, tt.field)
		}
	}
}

func TestNameKeyFoldsCase(t *testing.T) {
	a, _ := ParseName("ZOË", "R")
	b, _ := ParseName("zoë", "r")
	if a.Key() != b.Key() || a.Initial != b.Initial {
		t.Errorf("%q/%q and %q/%q should be the same student", a.Key(), a.Initial, b.Key(), b.Initial)
	}
}

func TestSuggest(t *testing.T) {
	n := Name{First: "Maya", Initial: "R"}
	if s := Suggest(n, map[string]bool{"R": true}); s.Display() != "Maya Ra." {
		t.Errorf("suggestion %q", s.Display())
	}
	if s := Suggest(n, map[string]bool{"R": true, "Ra": true, "Re": true}); s.Display() != "Maya Ri." {
		t.Errorf("suggestion %q", s.Display())
	}
	all := map[string]bool{}
	for _, c := range "aeioubcdfghjklmnpqrstvwxyz" {
		all["R"+string(c)] = true
	}
	if s := Suggest(n, all); s != (Name{}) {
		t.Errorf("suggestion when every one is taken: %q", s.Display())
	}
}

// FuzzParseName: whatever is accepted is short, valid, free of digits and
// markup, and canonical (parsing it again gives the same name).
func FuzzParseName(f *testing.F) {
	for _, s := range [][2]string{{"Maya", "R"}, {"mary-jane", "w."}, {"<b>", "x"}, {"\xff", ""}, {"Zoë", "Ø"}} {
		f.Add(s[0], s[1])
	}
	f.Fuzz(func(t *testing.T, first, initial string) {
		n, err := ParseName(first, initial)
		if err != nil {
			return
		}
		if len([]rune(n.First)) > MaxFirstName || len([]rune(n.Initial)) > MaxInitial || n.First == "" || n.Initial == "" {
			t.Fatalf("accepted %q %q", n.First, n.Initial)
		}
		if strings.ContainsAny(n.First+n.Initial, "<>&\"0123456789") {
			t.Fatalf("accepted markup or digits: %q %q", n.First, n.Initial)
		}
		again, err := ParseName(n.First, n.Initial)
		if err != nil || again != n {
			t.Fatalf("not canonical: %q %q -> %q %q, %v", n.First, n.Initial, again.First, again.Initial, err)
		}
	})
}

// The stored answers are valid JSON holding every answer.
func TestCompactAnswers(t *testing.T) {
	got := compactAnswers([]quiz.Answer{{Question: "ei1", Option: "b"}, {Question: "vk_2", Option: "d"}})
	var m map[string]string
	if err := json.Unmarshal([]byte(got), &m); err != nil || m["ei1"] != "b" || m["vk_2"] != "d" || len(m) != 2 {
		t.Fatalf("%s: %v %v", got, m, err)
	}
	if compactAnswers(nil) != "{}" {
		t.Fatal("no answers")
	}
}
