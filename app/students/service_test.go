package students_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

type fixture struct {
	store    *sqlitestore.Store
	accounts *accounts.Service
	svc      *students.Service
	class    classes.Class
	teacher  classes.Viewer
	classes  *classes.Service
	sleeps   atomic.Int64
	events   atomic.Int64
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	f := &fixture{store: storetest.New(t)}
	ctx := context.Background()
	f.accounts = accounts.New(f.store, accounts.Options{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	a, err := f.store.CreateAccount(ctx, accounts.NewAccount{Email: "ana@hill.school", DisplayName: "Ana", Role: "teacher", CreatedAt: time.Now()}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	f.teacher = classes.Viewer{AccountID: a.ID}
	f.classes = classes.New(f.store)
	if f.class, err = f.classes.Create(ctx, f.teacher, classes.Input{Name: "Room 7"}); err != nil {
		t.Fatal(err)
	}
	f.svc = students.New(f.store, f.accounts, students.Options{
		Sleep:       func(_ context.Context, d time.Duration) { f.sleeps.Add(int64(d)) },
		OnSubmitted: func(students.Student, bool) { f.events.Add(1) },
	})
	return f
}

func key() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// answers picks, for every question, the option keyed to a pole in poles
// or to style.
func answers(poles, style string) quiz.Submission {
	b := quiz.DefaultBank()
	sub := quiz.Submission{BankVersion: b.Version()}
	for _, q := range b.Questions() {
		pick := q.Options[0].ID
		for _, o := range q.Options {
			if len(o.Key) == 1 && contains(poles, o.Key) || o.Key == style {
				pick = o.ID
			}
		}
		sub.Answers = append(sub.Answers, quiz.Answer{Question: q.ID, Option: pick})
	}
	return sub
}

func contains(s, sub string) bool {
	for i := range s {
		if s[i:i+1] == sub {
			return true
		}
	}
	return false
}

func (f *fixture) submit(t *testing.T, first, initial string, sub quiz.Submission) (students.Submitted, string) {
	t.Helper()
	res, tok, err := f.svc.Submit(context.Background(), students.SubmitInput{ClassCode: f.class.Code, FirstName: first, LastInitial: initial,
		Key: key(), Answer: sub, Client: students.Client{IP: netip.MustParseAddr("10.0.0.1")}})
	if err != nil {
		t.Fatal(err)
	}
	return res, tok
}

func TestSubmitLoginRotateRemove(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	res, tok := f.submit(t, "maya", "r", answers("INFJ", "auditory"))
	st := res.Student
	if st.Result.Animal != "panda" || st.Result.Genius != "feeler" || st.Result.LearningStyle != "auditory" || st.Coins != students.WelcomeBonus {
		t.Fatalf("student %+v %+v", st, st.Result)
	}
	if f.events.Load() != 1 {
		t.Fatalf("%d submission events", f.events.Load())
	}
	// The session made in the submission's transaction works.
	sess, err := f.accounts.Authenticate(ctx, tok, accounts.KindStudent)
	if err != nil || sess.SubjectID != st.ID {
		t.Fatalf("session: %+v %v", sess, err)
	}
	// Passport login, then a wrong code (held back only past half the budget).
	got, tok2, err := f.svc.Login(ctx, st.PassportCode[:3]+st.PassportCode[4:], "", students.Client{IP: netip.MustParseAddr("10.0.0.2")})
	if err != nil || got.ID != st.ID || tok2 == "" {
		t.Fatalf("login: %+v %v", got, err)
	}
	if _, _, err := f.svc.Login(ctx, "PAN-22222", "", students.Client{IP: netip.MustParseAddr("10.0.0.2")}); !errors.Is(err, students.ErrUnknownPassport) {
		t.Fatalf("wrong code: %v", err)
	}
	if _, _, err := f.svc.Login(ctx, "dog", "", students.Client{IP: netip.MustParseAddr("10.0.0.2")}); !errors.Is(err, students.ErrBadPassport) {
		t.Fatalf("not a code: %v", err)
	}
	if f.sleeps.Load() != 0 {
		t.Fatalf("failures within half the budget were held back %v", time.Duration(f.sleeps.Load()))
	}
	name, animal, err := f.svc.StudentProfile(ctx, st.ID)
	if err != nil || name != "Maya R." || animal != "panda" {
		t.Fatalf("profile: %q %q %v", name, animal, err)
	}

	// Rotation ends both sessions at once (no waiting for the cache).
	rot, err := f.svc.RotatePassport(ctx, f.class.ID, st.ID)
	if err != nil || rot.PassportCode == st.PassportCode {
		t.Fatalf("rotate: %+v %v", rot, err)
	}
	for _, tk := range []string{tok, tok2} {
		if _, err := f.accounts.Authenticate(ctx, tk, accounts.KindStudent); !errors.Is(err, accounts.ErrNoSession) {
			t.Fatalf("session after rotation: %v", err)
		}
	}
	if _, _, err := f.svc.Login(ctx, st.PassportCode, "", students.Client{IP: netip.MustParseAddr("10.0.0.3")}); !errors.Is(err, students.ErrUnknownPassport) {
		t.Fatalf("old code: %v", err)
	}
	_, tok3, err := f.svc.Login(ctx, rot.PassportCode, "", students.Client{IP: netip.MustParseAddr("10.0.0.3")})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Remove(ctx, f.class.ID, st.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := f.accounts.Authenticate(ctx, tok3, accounts.KindStudent); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatalf("session after removal: %v", err)
	}
	if _, err := f.svc.Home(ctx, st.ID); !errors.Is(err, students.ErrNotFound) {
		t.Fatalf("home after removal: %v", err)
	}
}

func TestSubmitRefusals(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	good := answers("ESTP", "visual")
	in := students.SubmitInput{ClassCode: f.class.Code, FirstName: "Leo", LastInitial: "K", Key: key(), Answer: good}
	for _, tt := range []struct {
		name string
		mod  func(*students.SubmitInput)
		want func(error) bool
	}{
		{"no key", func(i *students.SubmitInput) { i.Key = "" }, func(e error) bool { return errors.Is(e, students.ErrBadKey) }},
		{"key with spaces", func(i *students.SubmitInput) { i.Key = "0123456789 abcdef" }, func(e error) bool { return errors.Is(e, students.ErrBadKey) }},
		{"not a code", func(i *students.SubmitInput) { i.ClassCode = "???" }, func(e error) bool { return errors.Is(e, students.ErrClassNotFound) }},
		{"bad name", func(i *students.SubmitInput) { i.FirstName = "L3o" }, func(e error) bool { var fe students.FieldErrors; return errors.As(e, &fe) }},
		{"old bank", func(i *students.SubmitInput) { i.Answer.BankVersion = "1.0" }, func(e error) bool { var ve *quiz.VersionError; return errors.As(e, &ve) }},
		{"missing answers", func(i *students.SubmitInput) { i.Answer.Answers = i.Answer.Answers[1:] }, func(e error) bool { var ae *quiz.AnswerError; return errors.As(e, &ae) }},
	} {
		i := in
		tt.mod(&i)
		if _, _, err := f.svc.Submit(ctx, i); !tt.want(err) {
			t.Errorf("%s: %v", tt.name, err)
		}
	}
	if f.events.Load() != 0 {
		t.Fatal("a refused submission was announced")
	}
	// Closed and full classes are refused before the quiz (CheckName) and at submission.
	if _, err := f.classes.SetArchived(ctx, f.teacher, f.class.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.CheckName(ctx, f.class.Code, "Leo", "K", false, students.Client{}); !errors.Is(err, students.ErrClassClosed) {
		t.Fatalf("check in an archived class: %v", err)
	}
	if _, _, err := f.svc.Submit(ctx, in); !errors.Is(err, students.ErrClassClosed) {
		t.Fatalf("submit to an archived class: %v", err)
	}
	if _, _, err := f.svc.CheckName(ctx, "ZZZZZZ", "Leo", "K", false, students.Client{}); !errors.Is(err, students.ErrClassNotFound) {
		t.Fatalf("check with an unknown code: %v", err)
	}
}
