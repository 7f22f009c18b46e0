package textrules

import (
	_ "embed"
	"regexp"
	"strings"
	"unicode"
)

// profanity.txt: one word a line; "#" starts a comment. A plain word is
// refused anywhere in a name, even hidden inside other letters, stretched
// ("shiiit") or spread over spaces ("f u ..."); a word written "=word" is
// refused only as a whole word, because it hides inside harmless ones
// ("class", "Dickens").
//
//go:embed profanity.txt
var profanityList string

var anywhere, wholeWord = loadProfanity(profanityList)

// pattern matches a word with each letter stretched: "boob" is b+o{2,}b+,
// so "booob" matches and "bob" does not.
func pattern(w string) string {
	var b strings.Builder
	runes := []rune(w)
	for i := 0; i < len(runes); {
		j := i
		for j < len(runes) && runes[j] == runes[i] {
			j++
		}
		letter := regexp.QuoteMeta(string(runes[i]))
		if n := j - i; n == 1 {
			b.WriteString(letter + "+")
		} else {
			b.WriteString(letter + "{" + itoa(n) + ",}")
		}
		i = j
	}
	return b.String()
}

func loadProfanity(list string) (anywhere, whole *regexp.Regexp) {
	var any, wholes []string
	for line := range strings.SplitSeq(list, "\n") {
		w := strings.ToLower(strings.TrimSpace(line))
		if w == "" || strings.HasPrefix(w, "#") {
			continue
		}
		if rest, ok := strings.CutPrefix(w, "="); ok {
			wholes = append(wholes, pattern(rest))
			continue
		}
		any = append(any, pattern(w))
	}
	return regexp.MustCompile(strings.Join(any, "|")), regexp.MustCompile("^(?:" + strings.Join(wholes, "|") + ")$")
}

// leet maps look-alike characters to the letter they stand for.
var leet = map[rune]rune{'0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', '8': 'b', '@': 'a', '$': 's', '!': 'i', '|': 'i', '+': 't'}

// IsProfane reports whether s contains a word of the list, after lower
// casing and undoing look-alike digits and symbols inside words (a number
// on its own, like "Player 08008", stays a number).
func IsProfane(s string) bool {
	var words []string
	for _, token := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '-' || r == '.' || r == '\'' || r == '_' || r == ','
	}) {
		hasLetter := strings.IndexFunc(token, unicode.IsLetter) >= 0
		var w strings.Builder
		for _, r := range token {
			if m, ok := leet[r]; ok && hasLetter {
				r = m
			}
			if unicode.IsLetter(r) {
				w.WriteRune(r)
			}
		}
		if w.Len() > 0 {
			words = append(words, w.String())
		}
	}
	all := strings.Join(words, "")
	if anywhere.MatchString(all) || wholeWord.MatchString(all) {
		return true
	}
	for _, w := range words {
		if wholeWord.MatchString(w) {
			return true
		}
	}
	return false
}
