package students

import (
	"animalgenius/app/textrules"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits of a student's name. Only a first name and one or two letters of
// the last name are kept (SPEC: privacy).
const (
	MaxFirstName = 20
	MaxInitial   = 2
	// maxNameInput bounds what is looked at, whatever is sent.
	maxNameInput = 200
)

// Name is a student's first name and last initial in canonical form:
// spaces squeezed, the first letter of the first name and of the initial
// upper case, the rest of the initial lower case ("Maya", "R" or "Ro").
type Name struct {
	First   string `json:"firstName"`
	Initial string `json:"lastInitial"`
}

// Display is the name as the class sees it: "Maya R.".
func (n Name) Display() string { return n.First + " " + n.Initial + "." }

// Key is the first name folded to lower case: two names are the same
// student when their keys and initials are equal.
func (n Name) Key() string { return strings.ToLower(n.First) }

// ParseName checks and canonicalises what a student typed. First names
// are letters (any script), with single spaces, hyphens or apostrophes
// between them ("Mary-Jane", "O'Neil", "Ana Sofia"); no digits, no
// markup. The last initial is one or two letters, a dot after it is fine.
func ParseName(first, initial string) (Name, error) {
	errs := FieldErrors{}
	var n Name
	n.First = parseFirst(first, errs)
	n.Initial = parseInitial(initial, errs)
	if len(errs) > 0 {
		return Name{}, errs
	}
	return n, nil
}

func parseFirst(raw string, errs FieldErrors) string {
	const field = "firstName"
	if len(raw) > maxNameInput || utf8.RuneCountInString(raw) > MaxFirstName+20 {
		errs[field] = "That first name is too long. Type just your first name (at most 20 letters)."
		return ""
	}
	if !utf8.ValidString(raw) {
		errs[field] = "Your first name has characters we can't read. Please type it again."
		return ""
	}
	name, terr := textrules.Text(strings.Join(strings.Fields(raw), " "), false)
	if terr != nil {
		errs[field] = terr.Error()
		return ""
	}
	if name == "" {
		errs[field] = "Type your first name."
		return ""
	}
	var b strings.Builder
	prevSep := true // the name must start with a letter
	for _, r := range name {
		switch {
		case unicode.IsLetter(r):
			prevSep = false
		case (unicode.Is(unicode.M, r) || r == '\u200c' || r == '\u200d') && !prevSep:
			// accents typed as combining marks, vowel signs and viramas
			// (Hindi, Bengali, Thai), and the joiners between letters
			// (Persian, Sinhala) that Text allowed where they stand
		case (r == ' ' || r == '-' || r == '\'' || r == '’') && !prevSep:
			prevSep = true
			if r == '’' {
				r = '\''
			}
		case unicode.IsDigit(r):
			errs[field] = "Names can't have numbers in them. Type just your first name."
			return ""
		default:
			errs[field] = "Use only letters in your name (a space, - or ' between parts is fine)."
			return ""
		}
		b.WriteRune(r)
	}
	if prevSep {
		errs[field] = "Use only letters in your name (a space, - or ' between parts is fine)."
		return ""
	}
	name = b.String()
	if utf8.RuneCountInString(name) > MaxFirstName {
		errs[field] = "That first name is too long. Type just your first name (at most 20 letters)."
		return ""
	}
	return capitalise(name)
}

// capitalise starts every part of a name (after a space or hyphen) with a
// capital. A name in capitals ("MAYA") becomes "Maya"; other mixed case is
// kept as typed ("McKenzie", "DeShawn"). Applying it twice changes nothing.
func capitalise(name string) string {
	out := startCaps(name)
	if strings.ToUpper(out) == out {
		out = startCaps(strings.ToLower(out))
	}
	return out
}

func startCaps(name string) string {
	runes := []rune(name)
	for i, r := range runes {
		if i == 0 || runes[i-1] == ' ' || runes[i-1] == '-' {
			runes[i] = unicode.ToUpper(r)
		}
	}
	return string(runes)
}

func parseInitial(raw string, errs FieldErrors) string {
	const field = "lastInitial"
	if len(raw) > maxNameInput || !utf8.ValidString(raw) {
		errs[field] = "Type just the first letter of your last name."
		return ""
	}
	s := strings.TrimSpace(raw)
	s = strings.TrimSpace(strings.TrimSuffix(s, "."))
	if s == "" {
		errs[field] = "Type the first letter of your last name."
		return ""
	}
	runes := []rune(s)
	if len(runes) > MaxInitial {
		errs[field] = "Type just the first letter of your last name (or two letters if your teacher asks)."
		return ""
	}
	for _, r := range runes {
		if !unicode.IsLetter(r) {
			errs[field] = "Your last initial must be a letter."
			return ""
		}
	}
	out := string(unicode.ToUpper(runes[0]))
	if len(runes) == 2 {
		out += string(unicode.ToLower(runes[1]))
	}
	return out
}

// Suggest offers a free name when n is taken in a class whose
// students with the same first name use the initials in taken: the
// initial with a second letter of the last name ("Maya Ra."), the first
// free one in a, e, i, o, u, then the rest of the alphabet.
func Suggest(n Name, taken map[string]bool) Name {
	base := []rune(n.Initial)[:1]
	for _, c := range "aeioubcdfghjklmnpqrstvwxyz" {
		cand := string(base) + string(c)
		if !taken[cand] {
			return Name{First: n.First, Initial: cand}
		}
	}
	return Name{}
}
