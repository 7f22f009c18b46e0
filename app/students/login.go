package students

import (
	"context"
	"errors"

	"animalgenius/app/devices"
	"animalgenius/app/passport"
)

// Login finds the student behind a typed passport code and starts a
// session for it, returning the token for the cookie. classCode may be
// empty: it is needed only when the budgets of PassportGuard say so
// (ErrClassCodeNeeded), and must then be the student's class's code. A
// known device (c.Device) counts its failures against itself only; other
// failures count against the address, the prefix and the box, and are
// held back a little past half a budget. Correct codes are never slowed.
func (s *Service) Login(ctx context.Context, code, classCode string, c Client) (Student, string, error) {
	g := s.o.PassportGuard
	canon, perr := passport.Parse(code)
	prefix := passport.Prefix(canon)
	// A pupil's own device (its signed cookie names the pupil) gets in with
	// that pupil's code whatever the budgets say: it tells a guesser
	// nothing it did not know, and nobody's guessing can lock it out.
	if perr == nil && c.Device.Known() && c.Device.Kind == devices.KindStudent {
		st, err := s.store.StudentByPassport(ctx, canon)
		if err == nil && st.ID == c.Device.Owner {
			return s.signIn(ctx, st, c)
		}
		if err != nil && !errors.Is(err, ErrNotFound) {
			return Student{}, "", err
		}
	}
	byDevice := g.DeviceUsable(c.Device)
	classID := int64(0)
	if !byDevice {
		if classCode == "" && g.NeedsClassCode(c.IP, prefix) {
			return Student{}, "", ErrClassCodeNeeded
		}
		if classCode != "" {
			info, err := s.Join(ctx, classCode, c) // wrong class codes count like wrong join codes
			if err != nil {
				return Student{}, "", err
			}
			if err := g.CheckClass(info.ID); err != nil {
				return Student{}, "", err
			}
			classID = info.ID
		}
	}
	failed := func(err error) (Student, string, error) {
		switch {
		case byDevice:
			g.FailDevice(c.Device)
		default:
			s.o.Sleep(ctx, g.FailUnknown(c.IP, prefix))
			if classID != 0 {
				g.FailClass(classID)
			}
		}
		return Student{}, "", err
	}
	if perr != nil {
		prefix = ""
		return failed(ErrBadPassport)
	}
	st, err := s.store.StudentByPassport(ctx, canon)
	if errors.Is(err, ErrNotFound) || err == nil && classID != 0 && st.ClassID != classID {
		return failed(ErrUnknownPassport)
	}
	if err != nil {
		return Student{}, "", err
	}
	return s.signIn(ctx, st, c)
}

// signIn starts a session for st, returning the token for the cookie.
func (s *Service) signIn(ctx context.Context, st Student, c Client) (Student, string, error) {
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
	s.removed(ctx, []int64{studentID})
	return s.sessions.RevokeStudentSessions(ctx, studentID)
}

func (s *Service) removed(ctx context.Context, ids []int64) {
	if s.OnRemoved != nil {
		s.OnRemoved(ctx, ids)
	}
}

// EndSessions ends the sessions of students removed in bulk (a deleted
// class), closing their open sockets too, and takes them out of live
// games.
func (s *Service) EndSessions(ctx context.Context, ids []int64) error {
	s.removed(ctx, ids)
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
