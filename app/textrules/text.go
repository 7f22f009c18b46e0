package textrules

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Text is the one rule for every free-text field people type (class
// names, display and school names, grouping names, invitation notes,
// question sets, catalog items): the text must be UTF-8; it is put in
// Unicode NFC (so "é" typed two ways is stored one way); and it may not
// hold characters that are invisible or that change how the text around
// them is shown: C0 and C1 controls and DEL (a newline is allowed where
// the field has several lines; "\r\n" becomes "\n"), format characters
// (bidi overrides and isolates, zero-width spaces and joiners, the BOM,
// the soft hyphen, word joiners, tags) and the line and paragraph
// separators. Length and trimming stay with each field.
func Text(s string, multiline bool) (string, error) {
	if !utf8.ValidString(s) {
		return "", &Error{"not_utf8", "This has characters we can't read. Please type it again."}
	}
	if multiline && strings.Contains(s, "\r") {
		s = strings.ReplaceAll(s, "\r\n", "\n")
	}
	if i := strings.IndexFunc(s, func(r rune) bool { return Hidden(r, multiline) }); i >= 0 {
		if r, _ := utf8.DecodeRuneInString(s[i:]); unicode.IsControl(r) {
			return "", &Error{"control_character", "This has a control character that can't be shown. Please type it again without it."}
		}
		return "", &Error{"hidden_character", "This has an invisible character (often copied along with text). Please type it again."}
	}
	if !norm.NFC.IsNormalString(s) {
		s = norm.NFC.String(s)
	}
	return s, nil
}

// Hidden tells whether Text refuses r: a control (a newline only where
// multiline is false), a format character, a line or paragraph separator,
// or a letter or mark that shows nothing (blankLooking).
func Hidden(r rune, multiline bool) bool {
	switch {
	case r == '\n':
		return !multiline
	case unicode.IsControl(r): // C0, DEL, C1
		return true
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Zl, r), unicode.Is(unicode.Zp, r):
		return true
	case unicode.Is(blankLooking, r):
		return true
	}
	return false
}

// blankLooking are characters that are not format characters but print as
// nothing, used to make names that look empty or identical: the combining
// grapheme joiner, the Hangul fillers, the Khmer inherent vowels and the
// blank Braille pattern. Variation selectors (U+FE0F after an emoji) are
// not among them: they belong to the emoji a teacher may put in a name.
var blankLooking = &unicode.RangeTable{R16: []unicode.Range16{
	{Lo: 0x034f, Hi: 0x034f, Stride: 1},
	{Lo: 0x115f, Hi: 0x1160, Stride: 1},
	{Lo: 0x17b4, Hi: 0x17b5, Stride: 1},
	{Lo: 0x2800, Hi: 0x2800, Stride: 1},
	{Lo: 0x3164, Hi: 0x3164, Stride: 1},
	{Lo: 0xffa0, Hi: 0xffa0, Stride: 1},
}}
