package students

import (
	"errors"
	"fmt"
	"time"

	"animalgenius/app/fields"
)

// FieldErrors maps a form field to what is wrong with it, in words for people.
type FieldErrors = fields.Errors

// Errors the web layer turns into answers.
var (
	ErrClassNotFound   = errors.New("students: no class with that code")
	ErrClassClosed     = errors.New("students: the class is archived")
	ErrClassFull       = errors.New("students: the class is full")
	ErrNotFound        = errors.New("students: no such student")
	ErrUnknownPassport = errors.New("students: unknown passport code")
	ErrBadPassport     = errors.New("students: not a passport code")
	ErrClassCodeNeeded = errors.New("students: the class code is needed with the passport code")
	ErrRetakesOff      = errors.New("students: retakes are not allowed in this class")
	ErrKeyReused       = errors.New("students: submission key already used for another submission")
	ErrBadKey          = errors.New("students: missing or malformed submission key")
)

// NameTakenError is a name already used in the class, with a free one to suggest.
type NameTakenError struct {
	Name       Name
	Suggestion Name
}

func (e *NameTakenError) Error() string {
	return fmt.Sprintf("students: the name %q is taken in this class", e.Name.Display())
}

// TooManyError refuses an attempt until RetryAfter has passed.
type TooManyError struct{ RetryAfter time.Duration }

func (e *TooManyError) Error() string {
	return fmt.Sprintf("students: too many failed attempts, retry after %s", e.RetryAfter)
}
