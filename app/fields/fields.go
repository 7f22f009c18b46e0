// Package fields is the one error type for "these form fields are wrong":
// a map from a field's name to what is wrong with it, in words for
// people. Every app package that checks input returns it, and the web
// layer turns it into a 400 that marks each field.
package fields

import (
	"sort"
	"strings"
)

// Errors maps a form field to what is wrong with it.
type Errors map[string]string

func (f Errors) Error() string {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, k+": "+f[k])
	}
	return "invalid input: " + strings.Join(parts, "; ")
}

// OrNil is f as an error, or nil when no field is wrong.
func (f Errors) OrNil() error {
	if len(f) == 0 {
		return nil
	}
	return f
}
