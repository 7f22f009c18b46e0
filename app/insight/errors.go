package insight

import "errors"

// InputError is a request a teacher can fix: Field names what is wrong,
// Message says how to fix it in plain words. The web layer answers 400.
type InputError struct {
	Code    string
	Field   string
	Message string
}

func (e *InputError) Error() string { return "insight: " + e.Field + ": " + e.Message }

func inputError(code, field, message string) *InputError {
	return &InputError{Code: code, Field: field, Message: message}
}

// ErrNotFound is a class, student or saved grouping that does not exist or
// that the caller may not see; the web layer answers 404 either way.
var ErrNotFound = errors.New("insight: not found")
