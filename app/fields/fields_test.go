package fields

import (
	"errors"
	"testing"
)

func TestErrors(t *testing.T) {
	if err := (Errors{}).OrNil(); err != nil {
		t.Fatalf("no wrong field gave %v", err)
	}
	err := Errors{"name": "Too long.", "grade": "Pick a grade."}.OrNil()
	if err == nil || err.Error() != "invalid input: grade: Pick a grade.; name: Too long." {
		t.Fatalf("got %v", err)
	}
	var f Errors
	if !errors.As(err, &f) || f["name"] != "Too long." {
		t.Fatalf("errors.As lost the fields: %v", f)
	}
}
