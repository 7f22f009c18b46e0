// Package textrules holds the small rules for names people type: tidy
// spacing and a short profanity filter. Pet names, game nicknames and
// similar use it; each caller adds its own length and character rules.
package textrules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// CleanName trims the name and turns every run of white space inside it
// into one plain space. Invalid UTF-8 and control characters are dropped,
// so what comes back is always safe to store and show.
func CleanName(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i, r := range s {
		if r == utf8.RuneError {
			if _, size := utf8.DecodeRuneInString(s[i:]); size <= 1 {
				continue
			}
		}
		switch {
		case unicode.IsSpace(r):
			space = b.Len() > 0
		case unicode.IsControl(r) || unicode.Is(unicode.Cf, r):
			// zero-width and bidi controls hide or reorder text
		default:
			if space {
				b.WriteByte(' ')
				space = false
			}
			b.WriteRune(r)
		}
	}
	return b.String()
}

// IsProfane reports whether s contains a word from the blocked list. It
// looks through simple disguises: case, accents on Latin letters are not
// handled, but digit and symbol swaps (4 for a, $ for s), repeated letters
// and separators between letters (s.h.i.t) are.
func IsProfane(s string) bool {
	words, joined := normalise(s)
	for _, w := range words {
		if blockedWords[w] || blockedWords[squeeze(w)] {
			return true
		}
	}
	for _, stem := range blockedStems {
		if strings.Contains(joined, stem) || strings.Contains(squeeze(joined), stem) {
			return true
		}
	}
	return false
}

var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'i', '+': 't'}

// normalise lower-cases, undoes common swaps, splits into words on spaces
// and returns also the letters of the whole text joined with nothing
// between them (so "s h i t" and "s.h.i.t" are caught by the stems).
func normalise(s string) (words []string, joined string) {
	var cur, all strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			words = append(words, cur.String())
			cur.Reset()
		}
	}
	for _, r := range strings.ToLower(s) {
		if m, ok := leet[r]; ok {
			r = m
		}
		switch {
		case unicode.IsLetter(r):
			cur.WriteRune(r)
			all.WriteRune(r)
		case unicode.IsSpace(r):
			flush()
		}
	}
	flush()
	return words, all.String()
}

// squeeze turns runs of the same letter into one ("shiiit" -> "shit").
func squeeze(s string) string {
	var b strings.Builder
	var prev rune
	for i, r := range s {
		if i > 0 && r == prev {
			continue
		}
		b.WriteRune(r)
		prev = r
	}
	return b.String()
}
