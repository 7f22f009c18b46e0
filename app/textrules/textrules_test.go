package textrules

import (
	"errors"
	"strings"
	"testing"
)

func TestCleanName(t *testing.T) {
	for _, tc := range []struct {
		in, want, code string
	}{
		{"Maya", "Maya", ""},
		{"  Maya   R.  ", "Maya R.", ""},
		{"Zoë-Anne O'Neil!", "Zoë-Anne O'Neil!", ""},
		{"Team 42", "Team 42", ""},
		{"\tSam\n", "Sam", ""},
		{"", "", "empty"},
		{"   ", "", "empty"},
		{strings.Repeat("a", 20), strings.Repeat("a", 20), ""},
		{strings.Repeat("a", 21), "", "too_long"},
		{strings.Repeat("é", 20), strings.Repeat("é", 20), ""},
		{"प्रिया", "प्रिया", ""},
		{"สมศักดิ์ R.", "สมศักดิ์ R.", ""},
		{"علی\u200cرضا", "علی\u200cرضا", ""},
		{"'-.", "", "bad_character"},
		{"!!!", "", "bad_character"},
		{"<script>", "", "bad_character"},
		{"Sam_1", "", "bad_character"},
		{"Sam🐼", "", "bad_character"},
		{"a\x00b", "", "bad_character"},
		{"\xff\xfe", "", "not_utf8"},
		{"Shitake", "", "profane"},
		{"F u c k", "", "profane"},
		{"Sh1t", "", "profane"},
		{"SHIIIT", "", "profane"},
		{"ass", "", "profane"},
		{"Big Butt", "", "profane"},
		{"Class Clown", "Class Clown", ""},
		{"Hello Kitty", "Hello Kitty", ""},
		{"But Why", "But Why", ""},
		{"Bob", "Bob", ""},
		{"Niger Delta", "Niger Delta", ""},
		{"Player 08008", "Player 08008", ""},
		{"Player 00808", "Player 00808", ""},
		{"B00B", "", "profane"},
		{"booob", "", "profane"},
		{"Pop Star", "Pop Star", ""},
		{"Buttt", "", "profane"},
		{"a s s", "", "profane"},
		{"Grass Hopper", "Grass Hopper", ""},
		{"Dickens", "Dickens", ""},
		{"Cockatoo", "Cockatoo", ""},
		{"Shell", "Shell", ""},
	} {
		got, err := CleanName(tc.in, 20)
		if tc.code == "" {
			if err != nil || got != tc.want {
				t.Errorf("CleanName(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			continue
		}
		var e *Error
		if !errors.As(err, &e) || e.Code != tc.code {
			t.Errorf("CleanName(%q) = %q, %v; want code %s", tc.in, got, err, tc.code)
			continue
		}
		if e.Message == "" {
			t.Errorf("CleanName(%q): empty message", tc.in)
		}
	}
}

func TestListLoads(t *testing.T) {
	n := 0
	for line := range strings.SplitSeq(profanityList, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		n++
		if plain, whole := strings.CutPrefix(w, "="); whole {
			if !IsProfane("the " + plain) {
				t.Errorf("%q as a word is not caught", plain)
			}
			continue
		} else if !IsProfane("x" + plain + "x") {
			t.Errorf("%q inside a word is not caught", plain)
		}
	}
	if n < 40 {
		t.Fatalf("profanity list looks empty: %d words", n)
	}
}

func FuzzCleanName(f *testing.F) {
	for _, s := range []string{"Maya R.", "  x ", "Sh1t", "\xff", strings.Repeat("z", 30)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := CleanName(s, 20)
		if err != nil {
			return
		}
		again, err := CleanName(got, 20)
		if err != nil || again != got {
			t.Fatalf("a clean name is not stable: %q -> %q, %v", got, again, err)
		}
		if IsProfane(got) {
			t.Fatalf("clean name %q is profane", got)
		}
	})
}
