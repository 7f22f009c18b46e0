package textrules

import (
	_ "embed"
	"strings"
	"unicode"
)

// profanity.txt: one word a line; "#" starts a comment. A plain word is
// refused anywhere in a name, even hidden inside other letters or spread
// over spaces ("f u ..."); a word written "=word" is refused only as a
// whole word, because it hides inside harmless ones ("class", "Scunthorpe").
//
//go:embed profanity.txt
var profanityList string

var anywhere, wholeWord = loadProfanity(profanityList)

func loadProfanity(list string) (anywhere []string, whole map[string]bool) {
	whole = make(map[string]bool)
	for line := range strings.SplitSeq(list, "\n") {
		w := strings.TrimSpace(line)
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(w, "="); ok {
			whole[rest] = true
			continue
		}
		anywhere = append(anywhere, w)
	}
	return anywhere, whole
}

// leet maps look-alike characters to the letter they stand for.
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'i', '+': 't'}

// IsProfane reports whether s contains a word of the list, after lower
// casing, undoing look-alike digits and symbols, and squeezing repeated
// letters ("shiiit"). A whole-word entry also matches when stretched
// ("buttt"), but not when shorter ("but").
func IsProfane(s string) bool {
	var words []string
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
		if !unicode.IsLetter(r) {
			if r == ' ' || r == '-' || r == '.' || r == '\'' || r == '_' {
				flush()
			}
			continue
		}
		cur.WriteRune(r)
		all.WriteRune(r)
	}
	flush()
	squeezed := squeeze(all.String())
	for _, w := range anywhere {
		if strings.Contains(squeezed, squeeze(w)) {
			return true
		}
	}
	for _, w := range append(words, all.String()) {
		if wholeWord[w] {
			return true
		}
		sw := squeeze(w)
		for entry := range wholeWord {
			if len(w) >= len(entry) && sw == squeeze(entry) {
				return true
			}
		}
	}
	return false
}

// squeeze drops repeated letters, the same way IsProfane reads names.
func squeeze(w string) string {
	var b strings.Builder
	var last rune
	for _, r := range w {
		if r != last {
			b.WriteRune(r)
		}
		last = r
	}
	return b.String()
}
