package students

import (
	"context"
	"errors"
	"strings"

	"animalgenius/app/classes"
	"animalgenius/app/failbudget"
	"animalgenius/app/passport"
	"animalgenius/app/quiz"
)

// passportTries is how many fresh codes a submission brings; with 28
// million codes per prefix one is practically always enough.
const passportTries = 4

// Join looks up the class behind a typed join code. Codes that are not a
// class count against the caller's guessing budget.
func (s *Service) Join(ctx context.Context, code string, c Client) (ClassInfo, error) {
	if err := s.o.JoinGuard.Check(c.IP, ""); err != nil {
		return ClassInfo{}, err
	}
	canon, ok := classes.ParseCode(code)
	if !ok {
		s.failedJoin(ctx, c)
		return ClassInfo{}, ErrClassNotFound
	}
	info, err := s.store.JoinClass(ctx, canon)
	if errors.Is(err, ErrClassNotFound) {
		s.failedJoin(ctx, c)
	}
	return info, err
}

func (s *Service) failedJoin(ctx context.Context, c Client) {
	s.o.Sleep(ctx, s.o.JoinGuard.Fail(c.IP, ""))
}

// Joinable refuses a class that does not take new students. It is checked
// before the quiz and again inside the submission's transaction.
func Joinable(info ClassInfo) error {
	switch {
	case info.Archived:
		return ErrClassClosed
	case info.Full:
		return ErrClassFull
	}
	return nil
}

// CheckName tells a student before the quiz whether it can join: the
// class exists, is open and not full, and the name is valid and free.
// The same checks run again when the quiz is submitted.
func (s *Service) CheckName(ctx context.Context, code, first, initial string, confirmed bool, c Client) (ClassInfo, Name, error) {
	info, err := s.Join(ctx, code, c)
	if err != nil {
		return info, Name{}, err
	}
	if err := Joinable(info); err != nil {
		return info, Name{}, err
	}
	name, err := ParseName(first, initial)
	if err != nil {
		return info, Name{}, err
	}
	if err := CheckFirstNameOnly(name, confirmed); err != nil {
		return info, name, err
	}
	taken, initials, err := s.store.NameTaken(ctx, info.ID, name)
	if err != nil {
		return info, Name{}, err
	}
	if taken {
		return info, Name{}, &NameTakenError{Name: name, Suggestion: Suggest(name, initials)}
	}
	now := s.o.Now()
	key := pendingKey{addr: failbudget.AddrKey(c.IP), class: info.ID}
	if spent, _ := s.pending.Spent(key, now); spent {
		return info, name, nil
	}
	s.pending.Fail(key, now)
	recorded, err := s.store.RecordPendingJoin(ctx, info.ID, name, now, now.Add(s.o.PendingFor))
	if err != nil {
		return info, Name{}, err
	}
	if recorded && s.o.OnPending != nil {
		s.o.OnPending(info.ID)
	}
	return info, name, nil
}

// SubmitInput is a first quiz submission from someone joining a class.
type SubmitInput struct {
	ClassCode   string
	FirstName   string
	LastInitial string
	// FirstNameConfirmed lets a first name of several words through.
	FirstNameConfirmed bool
	// Key is the browser's id for this submission: a replay with the same
	// key answers the same and changes nothing.
	Key    string
	Answer quiz.Submission
	Client Client
}

// Submit scores a first quiz and creates the student with its result,
// welcome bonus, passport code and session. It returns the student and
// the session token for the cookie. All the work that does not need the
// database (checks, scoring, codes, the session token) happens before the
// one short write transaction.
func (s *Service) Submit(ctx context.Context, in SubmitInput) (Submitted, string, error) {
	if !validKey(in.Key) {
		return Submitted{}, "", ErrBadKey
	}
	if err := s.o.JoinGuard.Check(in.Client.IP, ""); err != nil {
		return Submitted{}, "", err
	}
	code, ok := classes.ParseCode(in.ClassCode)
	if !ok {
		s.failedJoin(ctx, in.Client)
		return Submitted{}, "", ErrClassNotFound
	}
	name, err := ParseName(in.FirstName, in.LastInitial)
	if err != nil {
		return Submitted{}, "", err
	}
	if err := CheckFirstNameOnly(name, in.FirstNameConfirmed); err != nil {
		return Submitted{}, "", err
	}
	res, err := s.o.Bank.ScoreSubmission(in.Answer)
	if err != nil {
		return Submitted{}, "", err
	}
	n := NewStudent{ClassCode: code, Name: name, Key: in.Key, Result: res, Answers: compactAnswers(in.Answer.Answers),
		Bonus: WelcomeBonus, Now: s.o.Now()}
	for range passportTries {
		p, ok := passport.New(res.Animal)
		if !ok {
			return Submitted{}, "", errors.New("students: scored an unknown animal " + res.Animal)
		}
		n.Passports = append(n.Passports, p)
	}
	token, row := s.sessions.NewStudentSession(in.Client.IP, in.Client.UserAgent)
	n.Session = row
	sub, err := s.store.CreateStudent(ctx, n)
	if errors.Is(err, ErrClassNotFound) {
		s.failedJoin(ctx, in.Client)
	}
	if errors.Is(err, ErrClassFull) || errors.Is(err, ErrClassClosed) {
		// The pupil was told no: it is no longer working on the quiz.
		if classID, derr := s.store.DropPendingJoin(ctx, code, name); derr == nil && classID > 0 && s.o.OnPending != nil {
			s.o.OnPending(classID)
		}
	}
	if err != nil {
		return Submitted{}, "", err
	}
	if !sub.Replayed {
		if s.o.OnJoined != nil {
			s.o.OnJoined(sub.Student)
		} else {
			s.changed(sub.Student.ClassID)
		}
		if s.o.OnSubmitted != nil {
			s.o.OnSubmitted(sub.Student, false)
		}
	}
	return sub, token, nil
}

// Retake scores a new quiz for a signed-in student whose class allows
// retakes; the new result becomes the current one and the old one stays
// in the history. No bonus is paid.
func (s *Service) Retake(ctx context.Context, studentID int64, key string, answer quiz.Submission) (Submitted, error) {
	if !validKey(key) {
		return Submitted{}, ErrBadKey
	}
	res, err := s.o.Bank.ScoreSubmission(answer)
	if err != nil {
		return Submitted{}, err
	}
	sub, err := s.store.AddResult(ctx, NewResult{StudentID: studentID, Key: key, Result: res,
		Answers: compactAnswers(answer.Answers), Now: s.o.Now()})
	if err != nil {
		return Submitted{}, err
	}
	if !sub.Replayed {
		s.changed(sub.Student.ClassID)
		if s.o.OnSubmitted != nil {
			s.o.OnSubmitted(sub.Student, true)
		}
	}
	return sub, nil
}

// validKey: 16-64 characters of A-Z, a-z, 0-9, - and _ (a browser makes 32
// hex digits).
func validKey(k string) bool {
	if len(k) < 16 || len(k) > 64 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return true
}

// compactAnswers stores answers as {"ei1":"b",...} in the order sent.
// Scoring accepted them, so every id is a bank id (a-z, 0-9, _ and -) and
// needs no JSON escaping.
func compactAnswers(answers []quiz.Answer) string {
	var b strings.Builder
	b.Grow(len(answers) * 12)
	b.WriteByte('{')
	for i, a := range answers {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('"')
		b.WriteString(a.Question)
		b.WriteString(`":"`)
		b.WriteString(a.Option)
		b.WriteByte('"')
	}
	b.WriteByte('}')
	return b.String()
}
