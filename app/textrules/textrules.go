// Package textrules holds the rules for what people type: Text, the one
// rule for every free-text field (no hidden or control characters, NFC),
// and CleanName for short names (game nicknames, pet names). One place, so
// every feature refuses the same things with the same words.
package textrules

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error says what is wrong with a name, in words a 10-year-old understands.
type Error struct {
	Code    string // empty, too_long, bad_character, profane, not_utf8
	Message string
}

func (e *Error) Error() string { return e.Message }

// CleanName trims s, folds runs of spaces into one and checks it: 1 to max
// characters, only letters, digits, spaces and - ' . ! and nothing rude.
func CleanName(s string, max int) (string, error) {
	if !utf8.ValidString(s) {
		return "", &Error{"not_utf8", "That name has characters we can't read. Type it again."}
	}
	name, err := Text(strings.Join(strings.FieldsFunc(s, unicode.IsSpace), " "), false)
	if err != nil {
		return "", &Error{"bad_character", "Use only letters, numbers, spaces and - ' . ! in a name."}
	}
	n := utf8.RuneCountInString(name)
	if n == 0 {
		return "", &Error{"empty", "Type a name first."}
	}
	if n > max {
		return "", &Error{"too_long", "That name is too long. Use " + itoa(max) + " characters or fewer."}
	}
	for _, r := range name {
		if !allowed(r) {
			return "", &Error{"bad_character", "Use only letters, numbers, spaces and - ' . ! in a name."}
		}
	}
	if !strings.ContainsFunc(name, func(r rune) bool { return unicode.IsLetter(r) || unicode.Is(unicode.Nd, r) }) {
		return "", &Error{"bad_character", "A name needs at least one letter or number."}
	}
	if IsProfane(name) {
		return "", &Error{"profane", "Please choose a kinder name."}
	}
	return name, nil
}

// allowed are letters with their marks (vowel signs, viramas, accents:
// Hindi, Thai and Bengali names need them), digits, the joiners Text lets
// stand between letters, and a little punctuation.
func allowed(r rune) bool {
	switch r {
	case ' ', '-', '\'', '.', '!', '\u200c', '\u200d':
		return true
	}
	return unicode.IsLetter(r) || unicode.Is(unicode.M, r) || unicode.Is(unicode.Nd, r)
}

func itoa(n int) string {
	if n <= 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}
