package textrules

import (
	"errors"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

func TestText(t *testing.T) {
	cases := []struct {
		name, in  string
		multiline bool
		want      string
		code      string
	}{
		{"plain", "Room 7 – Science", false, "Room 7 – Science", ""},
		{"emoji", "Class 🦉", false, "Class 🦉", ""},
		{"emoji with its variation selector", "Stars \u2b50\ufe0f", false, "Stars \u2b50\ufe0f", ""},
		{"NFC", "Cafe\u0301", false, "Café", ""},
		{"newline in a line", "Room\n7", false, "", "control_character"},
		{"newline in lines", "Line one\nLine two", true, "Line one\nLine two", ""},
		{"CRLF in lines", "a\r\nb", true, "a\nb", ""},
		{"lone CR", "a\rb", true, "", "control_character"},
		{"tab", "a\tb", false, "", "control_character"},
		{"NUL", "What is\x00 this?", true, "", "control_character"},
		{"BEL", "ding\a", true, "", "control_character"},
		{"ESC", "\x1b[31mred", true, "", "control_character"},
		{"DEL", "a\x7fb", false, "", "control_character"},
		{"C1", "a\u0085b", true, "", "control_character"},
		{"bidi override", "Room \u202eevil", false, "", "hidden_character"},
		{"bidi isolate", "\u2066x\u2069", false, "", "hidden_character"},
		{"LRM", "a\u200eb", false, "", "hidden_character"},
		{"ALM", "a\u061cb", false, "", "hidden_character"},
		{"zero-width space", "Ma\u200bya", false, "", "hidden_character"},
		{"zero-width joiner", "a\u200db", false, "", "hidden_character"},
		{"word joiner", "a\u2060b", false, "", "hidden_character"},
		{"BOM", "\ufeffRoom 7", false, "", "hidden_character"},
		{"soft hyphen", "Sci\u00adence", false, "", "hidden_character"},
		{"line separator", "a\u2028b", true, "", "hidden_character"},
		{"tag character", "a\U000E0041", false, "", "hidden_character"},
		{"Hangul filler", "\u3164", false, "", "hidden_character"},
		{"Hangul filler in a name", "Ma\u3164ya", false, "", "hidden_character"},
		{"halfwidth Hangul filler", "a\uffa0b", false, "", "hidden_character"},
		{"Hangul choseong filler", "a\u115fb", false, "", "hidden_character"},
		{"combining grapheme joiner", "a\u034fb", false, "", "hidden_character"},
		{"Khmer inherent vowel", "a\u17b4b", false, "", "hidden_character"},
		{"blank Braille", "a\u2800b", false, "", "hidden_character"},
		{"invalid UTF-8", "a\xffb", false, "", "not_utf8"},
		// Invisible characters that belong to what people write stay where
		// they belong, and only there.
		{"emoji sequence with joiner", "Great \U0001f9d1\u200d\U0001f3eb", false, "Great \U0001f9d1\u200d\U0001f3eb", ""},
		{"rainbow flag", "\U0001f3f3\ufe0f\u200d\U0001f308", false, "\U0001f3f3\ufe0f\u200d\U0001f308", ""},
		{"skin tone then joiner", "\U0001f469\U0001f3fd\u200d\U0001f4bb", false, "\U0001f469\U0001f3fd\u200d\U0001f4bb", ""},
		{"Persian with non-joiner", "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", false, "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645", ""},
		{"keycap", "Room 1\ufe0f\u20e3", false, "Room 1\ufe0f\u20e3", ""},
		{"joiner between letters", "Ma\u200dya", false, "", "hidden_character"},
		{"joiner at the end of an emoji", "\U0001f9d1\u200d", false, "", "hidden_character"},
		{"non-joiner between Latin and space", "Maya\u200c ", false, "", "hidden_character"},
		{"non-joiner at the start", "\u200cMaya", false, "", "hidden_character"},
		{"variation selector after a letter", "Ma\ufe0fya", false, "", "hidden_character"},
		{"text variation selector after a letter", "Admin\ufe0e", false, "", "hidden_character"},
		{"ideographic variation selector after a letter", "a\U000e0100", false, "", "hidden_character"},
		{"ideographic variation selector after Han", "\u845b\U000e0100", false, "\u845b\U000e0100", ""},
		{"head shaking sideways", "\U0001f642\u200d\u2194\ufe0f", false, "\U0001f642\u200d\u2194\ufe0f", ""},
		{"an emoji newer than Go's tables", "Tired \U0001fae9", false, "Tired \U0001fae9", ""},
		{"England's flag", "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", false, "\U0001f3f4\U000e0067\U000e0062\U000e0065\U000e006e\U000e0067\U000e007f", ""},
		{"tags without a flag", "a\U000e0067\U000e007f", false, "", "hidden_character"},
		{"Sinhala conjunct", "\u0dc1\u0dca\u200d\u0dbb\u0dd3", false, "\u0dc1\u0dca\u200d\u0dbb\u0dd3", ""},
		{"Hindi half form", "\u0915\u094d\u200c\u0937", false, "\u0915\u094d\u200c\u0937", ""},
		{"private use", "a\ue000b", false, "", "hidden_character"},
		{"noncharacter", "a\uffffb", false, "", "hidden_character"},
		{"plane noncharacter", "a\U0001fffeb", false, "", "hidden_character"},
		{"unassigned", "a\U0003fffdb", false, "", "hidden_character"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Text(tc.in, tc.multiline)
			var te *Error
			if tc.code == "" {
				if err != nil || got != tc.want {
					t.Fatalf("Text(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
				}
				return
			}
			if !errors.As(err, &te) || te.Code != tc.code || te.Message == "" {
				t.Fatalf("Text(%q) = %q, %v; want error %s", tc.in, got, err, tc.code)
			}
		})
	}
}

// FuzzText: whatever comes in, what Text accepts is valid NFC UTF-8 with
// no hidden character, and accepting it again changes nothing.
func FuzzText(f *testing.F) {
	for _, s := range []string{"Room 7", "Cafe\u0301", "a\u202eb", "\ufeff", "x\r\ny", "\x00", "\xff", "é\u0301\u0327"} {
		f.Add(s, false)
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, s string, multiline bool) {
		got, err := Text(s, multiline)
		if err != nil {
			var te *Error
			if !errors.As(err, &te) || te.Message == "" {
				t.Fatalf("error without a message: %v", err)
			}
			return
		}
		if !utf8.ValidString(got) || !norm.NFC.IsNormalString(got) {
			t.Fatalf("accepted %q as %q: not NFC UTF-8", s, got)
		}
		if r, bad := firstHidden(got, multiline); bad {
			t.Fatalf("accepted %q with hidden %U", s, r)
		}
		if !multiline && strings.ContainsAny(got, "\n\r") {
			t.Fatalf("line field kept a line break: %q", got)
		}
		again, err := Text(got, multiline)
		if err != nil || again != got {
			t.Fatalf("not stable: %q -> %q -> %q, %v", s, got, again, err)
		}
	})
}
