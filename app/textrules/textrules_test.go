package textrules

import (
	"testing"
	"unicode/utf8"
)

func TestCleanName(t *testing.T) {
	tests := map[string]string{
		"  Rex  ":           "Rex",
		"Mr   Fluffy\tPaws": "Mr Fluffy Paws",
		"Zig\u200bZag":      "ZigZag",
		"a\x00b":            "ab",
		"bad\xffutf8":       "badutf8",
		"\n\n":              "",
		"Émile":             "Émile",
		"\u202eevil\u202c":  "evil",
		"line\r\nbreak":     "line break",
	}
	for in, want := range tests {
		if got := CleanName(in); got != want {
			t.Errorf("CleanName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestIsProfane(t *testing.T) {
	blocked := []string{"shit", "SHIT", "Sh1t", "s h i t", "s.h.i.t", "shiiiit", "fluffy fuckface", "B1tch", "Mr Poop", "@ss", "f u c k"}
	allowed := []string{"Rex", "Scunthorpe", "Cassie", "Dickens", "Hello Kitty", "Shelly", "Assassin", "Classic", "Sparky!", "Pass", "Titan", "Cocoa", "Mishell", "Snigger"}
	for _, s := range blocked {
		if !IsProfane(s) {
			t.Errorf("IsProfane(%q) = false, want true", s)
		}
	}
	for _, s := range allowed {
		if IsProfane(s) {
			t.Errorf("IsProfane(%q) = true, want false", s)
		}
	}
}

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Rex", "  a  b ", "\xff", "s.h.i.t", "\u200b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := CleanName(s)
		if !utf8.ValidString(out) {
			t.Fatalf("CleanName(%q) is not valid UTF-8", s)
		}
		if CleanName(out) != out {
			t.Fatalf("CleanName is not idempotent on %q", s)
		}
		if len(out) > len(s) {
			t.Fatalf("CleanName grew %q", s)
		}
		_ = IsProfane(s)
	})
}
