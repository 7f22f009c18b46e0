package pets

import (
	"unicode"
	"unicode/utf8"

	"animalgenius/app/textrules"
)

// Name rules: 1-20 characters after tidying spaces; letters (any
// alphabet), digits, spaces and - ' . ! only; no blocked words.
const MaxNameLen = 20

// NameError says what is wrong with a pet name, in words for a student.
type NameError struct{ Message string }

func (e *NameError) Error() string { return "pets: " + e.Message }

// CleanName tidies and checks a pet name and returns the name to store.
func CleanName(raw string) (string, error) {
	if !utf8.ValidString(raw) {
		return "", &NameError{"That name has letters we can't read. Type it again with plain letters."}
	}
	name := textrules.CleanName(raw)
	n := utf8.RuneCountInString(name)
	switch {
	case n == 0:
		return "", &NameError{"Give your pet a name first."}
	case n > MaxNameLen:
		return "", &NameError{"That name is too long. Use 20 letters or fewer."}
	}
	for _, r := range name {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.Is(unicode.Mn, r) && r != ' ' && r != '-' && r != '\'' && r != '.' && r != '!' {
			return "", &NameError{"Use only letters, numbers, spaces and - ' . ! in the name."}
		}
	}
	if textrules.IsProfane(name) {
		return "", &NameError{"Please choose a kinder name for your pet."}
	}
	return name, nil
}
