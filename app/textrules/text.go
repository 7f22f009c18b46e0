package textrules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is the one rule for every free-text field people type (class
// names, display and school names, grouping names, invitation notes,
// question sets, catalog items, feedback): the text must be UTF-8; it is
// put in Unicode NFC (so "é" typed two ways is stored one way); and it may
// hold only characters that show: no C0 and C1 controls or DEL (a newline
// is allowed where the field has several lines; "\r\n" becomes "\n"), no
// format characters (bidi overrides and isolates, zero-width spaces, the
// BOM, the soft hyphen, word joiners, tags), no line and paragraph
// separators, no private-use, unassigned or non-characters, and none that
// print as nothing (blankLooking). Three invisible characters are part of
// what people write and stay where they belong: the zero-width joiner
// inside an emoji sequence, the zero-width non-joiner between two letters
// (Persian, Indic scripts) and variation selectors after a symbol, a
// digit or punctuation (an emoji's presentation) or a Han character.
// Length and trimming stay with each field.
func Text(s string, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", &Error{"not_utf8", "This has characters we can't read. Please type it again."}
	}
	if multiline && strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if r, bad := firstHidden(s, multiline); bad {
		if unicode.IsControl(r) {
			return "", &Error{"control_character", "This has a control character that can't be shown. Please type it again without it."}
		}
		return "", &Error{"hidden_character", "This has an invisible character (often copied along with text). Please type it again."}
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s, nil
}

// ContainsHidden tells whether Text would refuse s for a character.
func ContainsHidden(s string, multiline bool) bool {
	_, bad := firstHidden(s, multiline)
	return bad
}

// firstHidden finds the first character of s that Text refuses.
func firstHidden(s string, multiline bool) (rune, bool) {
	prev := rune(-1)
	for i, r := range s {
		next := rune(-1)
		if rest := s[i+utf8.RuneLen(r):]; rest != "" {
			next, _ = utf8.DecodeRuneInString(rest)
		}
		if hiddenAt(prev, r, next, multiline) {
			return r, true
		}
		prev = r
	}
	return 0, false
}

const (
	zwnj = '\u200c'
	zwj  = '\u200d'
)

// hiddenAt tells whether Text refuses r between prev and next (-1 at the
// ends).
func hiddenAt(prev, r, next rune, multiline bool) bool {
	switch {
	case r == '\n':
		return !multiline
	case r == zwj: // an emoji sequence, or a conjunct after a virama (Sinhala, Indic)
		return !(emojiPart(prev) && (emojiLike(next) || unicode.Is(unicode.Sm, next)) ||
			unicode.Is(unicode.M, prev) && unicode.IsLetter(next))
	case r == zwnj: // between letters (Persian), or after a virama
		return !((unicode.IsLetter(prev) || unicode.Is(unicode.M, prev)) && unicode.IsLetter(next))
	case r >= 0xe0020 && r <= 0xe007f: // the tags of a subdivision flag (England, Scotland, Wales)
		return !(prev == 0x1f3f4 || prev >= 0xe0020 && prev <= 0xe007e)
	case newEmoji(r):
		return false
	case unicode.Is(unicode.Variation_Selector, r):
		return !(unicode.IsSymbol(prev) || unicode.IsPunct(prev) || unicode.IsDigit(prev) || unicode.Is(unicode.Han, prev))
	case unicode.Is(blankLooking, r), isNoncharacter(r):
		return true
	}
	// Graphic: letters, marks, numbers, punctuation, symbols and spaces;
	// not controls, format characters, separators, private use or
	// unassigned code points.
	return !unicode.IsGraphic(r)
}

// emojiPart is what may come before a joiner in an emoji sequence: an
// emoji, a skin tone, or the emoji's variation selector.
func emojiPart(r rune) bool {
	return emojiLike(r) || r >= 0x1f3fb && r <= 0x1f3ff || r == '\ufe0f'
}

// emojiLike is a symbol, or a code point of the emoji blocks that Go's
// Unicode tables do not know yet (emoji of later Unicode versions).
func emojiLike(r rune) bool { return unicode.Is(unicode.So, r) || newEmoji(r) }

// newEmoji is an unassigned code point (to Go's tables) of the emoji
// blocks, U+1F000 to U+1FAFF: each Unicode version adds emoji there.
func newEmoji(r rune) bool {
	return r >= 0x1f000 && r <= 0x1faff && !unicode.IsGraphic(r) && !isNoncharacter(r)
}

// isNoncharacter reports the 66 code points Unicode keeps out of text.
func isNoncharacter(r rune) bool {
	return r >= 0xfdd0 && r <= 0xfdef || r&0xfffe == 0xfffe
}

// blankLooking are characters that are not format characters but print as
// nothing, used to make names that look empty or identical: the combining
// grapheme joiner, the Hangul fillers, the Khmer inherent vowels and the
// blank Braille pattern.
var blankLooking = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: 0x034f, Hi: 0x034f, Stride: 1},
	{Lo: 0x115f, Hi: 0x1160, Stride: 1},
	{Lo: 0x17b4, Hi: 0x17b5, Stride: 1},
	{Lo: 0x2800, Hi: 0x2800, Stride: 1},
	{Lo: 0x3164, Hi: 0x3164, Stride: 1},
	{Lo: 0xffa0, Hi: 0xffa0, Stride: 1},
}}
