package pets

import (
	"errors"

	"animalgenius/app/textrules"
)

// Name rules: 1-20 characters after tidying spaces; letters (any
// alphabet), digits, spaces and - ' . ! only; no rude words. The rules
// and the word list are textrules', shared with game nicknames.
const MaxNameLen = 20

// NameError says what is wrong with a pet name, in words for a student.
type NameError struct{ Message string }

func (e *NameError) Error() string { return "pets: " + e.Message }

// CleanName tidies and checks a pet name and returns the name to store.
func CleanName(raw string) (string, error) {
	name, err := textrules.CleanName(raw, MaxNameLen)
	if err != nil {
		var te *textrules.Error
		if errors.As(err, &te) {
			msg := te.Message
			switch te.Code {
			case "empty":
				msg = "Give your pet a name first."
			case "profane":
				msg = "Please choose a kinder name for your pet."
			}
			return "", &NameError{msg}
		}
		return "", &NameError{"Please choose another name."}
	}
	return name, nil
}
