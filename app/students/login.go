package students

import (
	"context"
	"errors"

	"animalgenius/app/passport"
)

// Login finds the student behind a typed passport code and starts a
// session for it, returning the token for the cookie. Wrong codes count
// against the budgets of the caller's address, the code's prefix and the
// box; past half a budget their answer is held back a little, past the
// budget the caller gets *TooManyError. Correct codes are never slowed.
func (s *Service) Login(ctx context.Context, code string, c Client) (Student, string, error) {
	canon, perr := passport.Parse(code)
	prefix := passport.Prefix(canon)
	if err := s.o.PassportGuard.Check(c.IP, prefix); err != nil {
		return Student{}, "", err
	}
	if perr != nil {
		s.o.Sleep(ctx, s.o.PassportGuard.Fail(c.IP, ""))
		return Student{}, "", ErrBadPassport
	}
	st, err := s.store.StudentByPassport(ctx, canon)
	if errors.Is(err, ErrNotFound) {
		s.o.Sleep(ctx, s.o.PassportGuard.Fail(c.IP, prefix))
		return Student{}, "", ErrUnknownPassport
	}
	if err != nil {
		return Student{}, "", err
	}
	token, err := s.sessions.CreateStudentSessionFrom(ctx, st.ID, c.IP, c.UserAgent)
	if err != nil {
		return Student{}, "", err
	}
	return st, token, nil
}

// Home is a signed-in student's own page: itself, its class and its
// results. ErrNotFound means the student was removed (end the session).
func (s *Service) Home(ctx context.Context, studentID int64) (Home, error) {
	return s.store.StudentHome(ctx, studentID)
}

// Student reads one student (ErrNotFound when removed).
func (s *Service) Student(ctx context.Context, studentID int64) (Student, error) {
	return s.store.StudentByID(ctx, studentID)
}

// Roster lists a class's students with their codes and current results.
// The caller has checked that the viewer may see the class.
func (s *Service) Roster(ctx context.Context, classID int64) ([]Student, error) {
	return s.store.Roster(ctx, classID)
}

// RotatePassport gives a student of the class a new passport code (with
// its current animal's prefix) and ends its sessions, so the old code and
// any browser still signed in with it stop working at once.
func (s *Service) RotatePassport(ctx context.Context, classID, studentID int64) (Student, error) {
	st, err := s.store.SetPassport(ctx, classID, studentID, func(prefix string) string {
		return prefix + "-" + passport.Random(passport.RandomLen)
	})
	if err != nil {
		return Student{}, err
	}
	s.changed(classID)
	if err := s.sessions.RevokeStudentSessions(ctx, studentID); err != nil {
		return st, err
	}
	return st, nil
}

// Remove deletes a student of the class with its results, coins and
// sessions.
func (s *Service) Remove(ctx context.Context, classID, studentID int64) error {
	if err := s.store.DeleteStudent(ctx, classID, studentID); err != nil {
		return err
	}
	s.changed(classID)
	return s.sessions.RevokeStudentSessions(ctx, studentID)
}

// EndSessions ends the sessions of students removed in bulk (a deleted
// class), closing their open sockets too.
func (s *Service) EndSessions(ctx context.Context, ids []int64) error {
	var first error
	for _, id := range ids {
		if err := s.sessions.RevokeStudentSessions(ctx, id); err != nil && first == nil {
			first = err
		}
	}
	return first
}

// StudentProfile is a student's name ("Maya R.") and current animal
// ("" before its first result), for a live game joined from a student
// session (it makes the Service a game.Players).
func (s *Service) StudentProfile(ctx context.Context, studentID int64) (string, string, error) {
	st, err := s.store.StudentByID(ctx, studentID)
	if err != nil {
		return "", "", err
	}
	animal := ""
	if st.Result != nil {
		animal = st.Result.Animal
	}
	return st.Name, animal, nil
}
