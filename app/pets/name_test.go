package pets

import (
	"strings"
	"testing"
)

func TestCleanName(t *testing.T) {
	ok := map[string]string{
		"Rex":                   "Rex",
		"  Sir   Fluff-a-lot ":  "Sir Fluff-a-lot",
		"O'Malley!":             "O'Malley!",
		"Dr. Whiskers":          "Dr. Whiskers",
		"Zoë":                   "Zoë",
		"R2":                    "R2",
		strings.Repeat("a", 20): strings.Repeat("a", 20),
		"Émile the 3rd":         "Émile the 3rd",
	}
	for in, want := range ok {
		got, err := CleanName(in)
		if err != nil || got != want {
			t.Errorf("CleanName(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	bad := []string{"", "   ", strings.Repeat("a", 21), "Rex<script>", "a_b", "🐶 Pup", "x@y", "bad\xff", "Mr Shit", "f.u.c.k", "100%"}
	for _, in := range bad {
		if got, err := CleanName(in); err == nil {
			t.Errorf("CleanName(%q) = %q, want an error", in, got)
		}
	}
}

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Rex", " O'Malley! ", "bad\xff", strings.Repeat("z", 30), "Zoë"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		name, err := CleanName(s)
		if err != nil {
			return
		}
		if n := len([]rune(name)); n < 1 || n > MaxNameLen {
			t.Fatalf("accepted %q of %d characters", name, n)
		}
		again, err := CleanName(name)
		if err != nil || again != name {
			t.Fatalf("a clean name %q does not pass again: %q %v", name, again, err)
		}
	})
}
