package students

import (
	"context"
	"errors"
	"strings"
)

// ErrJustFirstName asks for the first name alone when the first-name box
// holds more than one word ("Zelmira Quintanilla"): a surname typed there
// would be kept. A real two-word first name ("Ana Sofia") passes once the
// person confirms it.
var ErrJustFirstName = errors.New("students: more than one word in the first name, not confirmed")

// CheckFirstNameOnly refuses a first name of several words unless the
// person confirmed that it is all first name.
func CheckFirstNameOnly(n Name, confirmed bool) error {
	if !confirmed && strings.Contains(n.First, " ") {
		return ErrJustFirstName
	}
	return nil
}

// Rename corrects the name of a student of the class, with the rules of
// joining (valid, first name only unless confirmed, free in the class).
// It returns the student before and after.
func (s *Service) Rename(ctx context.Context, classID, studentID int64, first, initial string, confirmed bool) (Student, Student, error) {
	name, err := ParseName(first, initial)
	if err != nil {
		return Student{}, Student{}, err
	}
	if err := CheckFirstNameOnly(name, confirmed); err != nil {
		return Student{}, Student{}, err
	}
	before, err := s.store.StudentByID(ctx, studentID)
	if err != nil || before.ClassID != classID {
		return Student{}, Student{}, ErrNotFound
	}
	after, err := s.store.RenameStudent(ctx, classID, studentID, name)
	if err != nil {
		return Student{}, Student{}, err
	}
	s.changed(classID)
	return before, after, nil
}
