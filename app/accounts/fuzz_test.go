package accounts

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzNormalizeEmail: an accepted email is short, valid, lower case and
// normalising it again changes nothing.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"ana@hill.school", " A@B.ORG ", "a@b", "\xff@x.org", "a\x00@b.org", "\"a b\"@x.org", "a@[127.0.0.1]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		e, problem := NormalizeEmail(raw)
		if problem != "" {
			if e != "" {
				t.Fatalf("%q refused but returned %q", raw, e)
			}
			return
		}
		if !utf8.ValidString(e) || len(e) > MaxEmail || e != strings.ToLower(e) || hasControl(e) || !strings.Contains(e, "@") {
			t.Fatalf("%q accepted as %q", raw, e)
		}
		if again, p := NormalizeEmail(e); again != e || p != "" {
			t.Fatalf("not idempotent: %q -> %q -> %q (%s)", raw, e, again, p)
		}
	})
}

// FuzzHashToken: only 43-character base64url tokens are accepted, and a
// token made by NewToken always is.
func FuzzHashToken(f *testing.F) {
	tok, _ := NewToken()
	for _, s := range []string{tok, "", "x", strings.Repeat("A", 43), strings.Repeat("=", 43), strings.Repeat("é", 22)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if _, ok := HashToken(s); ok && len(s) != TokenLen {
			t.Fatalf("%q accepted", s)
		}
		fresh, want := NewToken()
		if got, ok := HashToken(fresh); !ok || got != want {
			t.Fatal("a fresh token is refused")
		}
	})
}

// FuzzCheckPassword: never panics; accepted passwords meet the length rules.
func FuzzCheckPassword(f *testing.F) {
	for _, s := range []string{"purple hedgehog reads maps", "password123", "\xff\xfe", strings.Repeat("ab", 60)} {
		f.Add(s, "ana@hill.school")
	}
	f.Fuzz(func(t *testing.T, pw, email string) {
		if CheckPassword(pw, email) == "" {
			n := utf8.RuneCountInString(pw)
			if n < MinPassword || n > MaxPassword || !utf8.ValidString(pw) || IsCommonPassword(pw) {
				t.Fatalf("%q accepted", pw)
			}
		}
	})
}
