package sqlitestore_test

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/passport"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

func randomKey() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// otterResult is a scored result for tests (every item at E, S, T, P).
var otterResult = quiz.ResultFromCounts("2026.1", quiz.PoleCounts{E: 9, S: 9, T: 9, P: 9},
	quiz.StyleCounts{Visual: 5, Auditory: 4, ReadingWriting: 0, Kinesthetic: 1})

var owlResult = quiz.ResultFromCounts("2026.1", quiz.PoleCounts{I: 9, N: 9, T: 9, P: 9},
	quiz.StyleCounts{Kinesthetic: 10})

func newStudent(code, first, initial, key string, r quiz.Result) students.NewStudent {
	p1, _ := passport.New(r.Animal)
	p2, _ := passport.New(r.Animal)
	_, row := sessionRow()
	return students.NewStudent{ClassCode: code, Name: students.Name{First: first, Initial: initial}, Key: key,
		Result: r, Answers: `{"ei1":"a"}`, Passports: []string{p1, p2}, Bonus: students.WelcomeBonus, Session: row, Now: time.Now()}
}

func sessionRow() (string, accounts.SessionRow) {
	tok, h := accounts.NewToken()
	now := time.Now()
	return tok, accounts.SessionRow{TokenHash: h, Kind: accounts.KindStudent, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)}
}

// admin makes an admin account (so the check has nothing to say about accounts).
func admin(t *testing.T, s *sqlitestore.Store) int64 {
	t.Helper()
	a, err := s.CreateAccount(context.Background(), accounts.NewAccount{Email: "root@hill.school", DisplayName: "Root", Role: "admin", CreatedAt: time.Now()}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func count(t *testing.T, s *sqlitestore.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.Reader.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func TestCreateStudentStoresEverythingInOneCommit(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	c := newClass(t, s, admin(t, s), "Room 7", "ABC234")
	key := randomKey()
	sub, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", key, otterResult))
	if err != nil {
		t.Fatal(err)
	}
	st := sub.Student
	if sub.Replayed || st.ClassID != c.ID || st.Name != "Maya R." || st.Coins != 50 || !passport.Valid(st.PassportCode) ||
		passport.Prefix(st.PassportCode) != "OTT" || st.Result == nil || st.Result.Animal != "otter" || st.Result.Type != "ESTP" ||
		st.Result.LearningStyle != "visual" || !st.Result.Multimodal || st.Result.Poles.E != 9 {
		t.Fatalf("student %+v result %+v", st, st.Result)
	}
	if n := count(t, s, `SELECT count(*) FROM quiz_results WHERE student_id = ?`, st.ID); n != 1 {
		t.Errorf("%d history rows", n)
	}
	if n := count(t, s, `SELECT count(*) FROM coin_ledger WHERE student_id = ? AND type = 'welcome_bonus' AND amount = 50 AND balance_after = 50`, st.ID); n != 1 {
		t.Errorf("%d welcome rows", n)
	}
	if n := count(t, s, `SELECT count(*) FROM sessions WHERE subject_kind = 'student' AND subject_id = ?`, st.ID); n != 1 {
		t.Errorf("%d sessions", n)
	}

	// A replay changes nothing but gives the same student (and a session).
	again, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", key, otterResult))
	if err != nil || !again.Replayed || again.Student.ID != st.ID || again.Student.PassportCode != st.PassportCode {
		t.Fatalf("replay: %+v %v", again, err)
	}
	// The same key for another name is refused.
	if _, err := s.CreateStudent(ctx, newStudent("ABC234", "Leo", "K", key, otterResult)); !errors.Is(err, students.ErrKeyReused) {
		t.Fatalf("reused key: %v", err)
	}
	if n := count(t, s, `SELECT count(*) FROM students`); n != 1 {
		t.Fatalf("%d students after replays", n)
	}
	if n := count(t, s, `SELECT coins FROM students WHERE id = ?`, st.ID); n != 50 {
		t.Fatalf("coins after replay: %d", n)
	}
	// The same name in any case is taken, with a suggestion.
	_, err = s.CreateStudent(ctx, newStudent("ABC234", "MAYA", "R", randomKey(), otterResult))
	var taken *students.NameTakenError
	if !errors.As(err, &taken) || taken.Suggestion.Initial != "Ra" {
		t.Fatalf("name taken: %v", err)
	}
	// A second welcome bonus is impossible even by hand.
	if _, err := s.Writer.Exec(`INSERT INTO coin_ledger (student_id, amount, type, created_at) VALUES (?, 50, 'welcome_bonus', 0)`, st.ID); err == nil {
		t.Error("schema accepted a second welcome bonus")
	}
	if _, err := s.Writer.Exec(`UPDATE students SET coins = -1 WHERE id = ?`, st.ID); err == nil {
		t.Error("schema accepted a negative balance")
	}
	if _, err := s.Writer.Exec(`INSERT INTO coin_ledger (student_id, amount, type, created_at) VALUES (?, 0, 'teacher_gift', 0)`, st.ID); err == nil {
		t.Error("schema accepted a zero ledger row")
	}
	if _, err := s.Writer.Exec(`INSERT INTO coin_ledger (student_id, amount, type, created_at) VALUES (?, 5, 'lottery', 0)`, st.ID); err == nil {
		t.Error("schema accepted an unknown ledger type")
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

func TestCreateStudentRefusesClosedFullAndMissingClasses(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	ana := teacher(t, s, "ana@hill.school")
	c := newClass(t, s, ana, "Room 7", "ABC234")
	if _, err := s.CreateStudent(ctx, newStudent("ZZZ999", "Maya", "R", randomKey(), otterResult)); !errors.Is(err, students.ErrClassNotFound) {
		t.Fatalf("missing class: %v", err)
	}
	one := 1
	if _, err := s.UpdateClass(ctx, c.ID, ana, classes.Patch{SeatLimit: &one}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", randomKey(), otterResult)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStudent(ctx, newStudent("ABC234", "Leo", "K", randomKey(), otterResult)); !errors.Is(err, students.ErrClassFull) {
		t.Fatalf("full class: %v", err)
	}
	zero := 0
	if _, err := s.UpdateClass(ctx, c.ID, ana, classes.Patch{SeatLimit: &zero}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SetArchived(ctx, c.ID, ana, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStudent(ctx, newStudent("ABC234", "Leo", "K", randomKey(), otterResult)); !errors.Is(err, students.ErrClassClosed) {
		t.Fatalf("archived class: %v", err)
	}
	if n := count(t, s, `SELECT count(*) FROM students`); n != 1 {
		t.Fatalf("%d students", n)
	}
}

// A submission's first try looks nothing up before its inserts; what it
// cannot decide (a replay, a class that refuses, a code in use) goes to the
// checked try, which answers as the only try did before.
func TestCreateStudentFirstTryDefersToTheCheckedOne(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	admin(t, s)
	ana := teacher(t, s, "ana@hill.school")
	c := newClass(t, s, ana, "Room 7", "ABC234")
	newClass(t, s, ana, "Room 8", "DEF234")
	one := 1
	if _, err := s.UpdateClass(ctx, c.ID, ana, classes.Patch{SeatLimit: &one}, time.Now()); err != nil {
		t.Fatal(err)
	}
	key := randomKey()
	maya, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", key, otterResult))
	if err != nil {
		t.Fatal(err)
	}
	// Maya filled the class; her browser's retry still gets her answer.
	again, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", key, otterResult))
	if err != nil || !again.Replayed || again.Student.ID != maya.Student.ID {
		t.Fatalf("replay into the class she filled: %+v %v", again, err)
	}
	// And after the teacher archived it.
	if _, err := s.SetArchived(ctx, c.ID, ana, true, time.Now()); err != nil {
		t.Fatal(err)
	}
	again, err = s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", key, otterResult))
	if err != nil || !again.Replayed || again.Student.ID != maya.Student.ID {
		t.Fatalf("replay into the archived class: %+v %v", again, err)
	}
	// A passport code in use is passed over for the next one offered.
	fresh, _ := passport.New("otter")
	n := newStudent("DEF234", "Leo", "K", randomKey(), otterResult)
	n.Passports = []string{maya.Student.PassportCode, fresh}
	leo, err := s.CreateStudent(ctx, n)
	if err != nil || leo.Replayed || leo.Student.PassportCode != fresh {
		t.Fatalf("second code: %+v %v", leo, err)
	}
	// With every offered code in use, nothing is written.
	n = newStudent("DEF234", "Ivo", "K", randomKey(), otterResult)
	n.Passports = []string{maya.Student.PassportCode, fresh}
	if _, err := s.CreateStudent(ctx, n); err == nil {
		t.Fatal("a student with a passport code in use")
	}
	if got := count(t, s, `SELECT count(*) FROM students`); got != 2 {
		t.Fatalf("%d students", got)
	}
	if got := count(t, s, `SELECT count(*) FROM quiz_results`); got != 2 {
		t.Fatalf("%d results", got)
	}
	if got := count(t, s, `SELECT count(*) FROM coin_ledger WHERE type = 'welcome_bonus'`); got != 2 {
		t.Fatalf("%d welcome bonuses", got)
	}
	// Each answer, replays included, came with its own session.
	if got := count(t, s, `SELECT count(*) FROM sessions WHERE subject_kind = 'student' AND subject_id = ?`, maya.Student.ID); got != 3 {
		t.Fatalf("%d sessions for Maya", got)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// Many students submitting the same name at the same moment: exactly one wins.
func TestSameNameAtTheSameMomentHasOneWinner(t *testing.T) {
	s := storetest.New(t)
	newClass(t, s, teacher(t, s, "ana@hill.school"), "Room 7", "ABC234")
	const n = 40
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			first := "maya"
			if i%2 == 0 {
				first = "MAYA"
			}
			_, errs[i] = s.CreateStudent(context.Background(), newStudent("ABC234", first, "R", randomKey(), otterResult))
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range errs {
		var taken *students.NameTakenError
		switch {
		case err == nil:
			wins++
		case !errors.As(err, &taken):
			t.Errorf("unexpected error: %v", err)
		}
	}
	if wins != 1 || count(t, s, `SELECT count(*) FROM students`) != 1 || count(t, s, `SELECT count(*) FROM coin_ledger`) != 1 {
		t.Fatalf("%d winners", wins)
	}
}

func TestRetakesKeepHistoryAndPayNoBonus(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	ana := teacher(t, s, "ana@hill.school")
	c := newClass(t, s, ana, "Room 7", "ABC234")
	sub, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	id := sub.Student.ID
	retake := func(key string) (students.Submitted, error) {
		return s.AddResult(ctx, students.NewResult{StudentID: id, Key: key, Result: owlResult, Answers: `{}`, Now: time.Now()})
	}
	if _, err := retake(randomKey()); !errors.Is(err, students.ErrRetakesOff) {
		t.Fatalf("retake while off: %v", err)
	}
	on := true
	s.UpdateClass(ctx, c.ID, ana, classes.Patch{AllowRetakes: &on}, time.Now())
	key := randomKey()
	r, err := retake(key)
	if err != nil || r.Replayed || r.Student.Result.Animal != "owl" || r.Student.Coins != 50 {
		t.Fatalf("retake: %+v %v", r, err)
	}
	if r2, err := retake(key); err != nil || !r2.Replayed {
		t.Fatalf("replayed retake: %+v %v", r2, err)
	}
	// A retake keeps the passport code (students have written it down).
	if r.Student.PassportCode != sub.Student.PassportCode {
		t.Error("retake changed the passport code")
	}
	h, err := s.StudentHome(ctx, id)
	if err != nil || len(h.History) != 2 || h.History[0].Animal != "owl" || h.History[1].Animal != "otter" || h.Class.Name != "Room 7" {
		t.Fatalf("home: %+v %v", h, err)
	}
	if n := count(t, s, `SELECT count(*) FROM coin_ledger`); n != 1 {
		t.Fatalf("%d ledger rows after retakes", n)
	}
	// Rotating the code uses the current animal's prefix.
	st, err := s.SetPassport(ctx, c.ID, id, func(p string) string { return p + "-" + passport.Random(5) })
	if err != nil || passport.Prefix(st.PassportCode) != "OWL" || st.PassportCode == sub.Student.PassportCode {
		t.Fatalf("rotate: %+v %v", st, err)
	}
	if _, err := s.SetPassport(ctx, c.ID+1, id, func(p string) string { return p + "-22222" }); !errors.Is(err, students.ErrNotFound) {
		t.Fatalf("rotate in another class: %v", err)
	}
}

func TestDeletingStudentsAndClassesRemovesEverything(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	ana, ben := teacher(t, s, "ana@hill.school"), admin(t, s)
	c := newClass(t, s, ana, "Room 7", "ABC234")
	var ids []int64
	for i := range 3 {
		sub, err := s.CreateStudent(ctx, newStudent("ABC234", fmt.Sprintf("Kid%c", 'a'+i), "R", randomKey(), otterResult))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sub.Student.ID)
	}
	if err := s.DeleteStudent(ctx, c.ID+1, ids[0]); !errors.Is(err, students.ErrNotFound) {
		t.Fatalf("delete from another class: %v", err)
	}
	if err := s.DeleteStudent(ctx, c.ID, ids[0]); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM sessions WHERE subject_kind = 'student' AND subject_id = ?`, ids[0]); n != 0 {
		t.Fatalf("%d sessions left after delete", n)
	}
	if h, err := s.AccountHoldings(ctx, ana); err != nil || h.Classes != 0 { // no Estate set yet
		t.Fatalf("holdings without an estate: %+v %v", h, err)
	}
	s.Estate = sqlitestore.ClassEstate()
	if h, err := s.AccountHoldings(ctx, ana); err != nil || h.Classes != 1 || h.Students != 2 {
		t.Fatalf("holdings: %+v %v", h, err)
	}
	// Handing over keeps everything; deleting without an heir removes all.
	if err := s.DeleteAccount(ctx, ana, ben, accounts.Audit{ActorLabel: "test", Action: "delete"}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.ClassByID(ctx, c.ID, ben); err != nil || got.Students != 2 {
		t.Fatalf("handed over: %+v %v", got, err)
	}
	deleted, err := s.DeleteClass(ctx, c.ID, ben)
	if err != nil || len(deleted) != 2 {
		t.Fatalf("delete class: %v %v", deleted, err)
	}
	for _, table := range []string{"students", "quiz_results", "coin_ledger", "classes"} {
		if n := count(t, s, `SELECT count(*) FROM `+table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if n := count(t, s, `SELECT count(*) FROM sessions WHERE subject_kind = 'student'`); n != 0 {
		t.Errorf("%d student sessions left", n)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

func TestCheckFindsBalanceMismatch(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	newClass(t, s, admin(t, s), "Room 7", "ABC234")
	sub, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	s.Writer.Exec(`UPDATE students SET coins = 70 WHERE id = ?`, sub.Student.ID)
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// TestClassStudentCountKeptByTriggers: the size a join checks is kept by
// migration 0011's triggers through joining, removal (one pupil, then the
// whole class by cascade) and the migration itself over existing rows.
func TestClassStudentCountKeptByTriggers(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	ana := teacher(t, s, "ana@count.school")
	c := newClass(t, s, ana, "Room 9", "CNT234")
	stored := func() (kept, counted int) {
		t.Helper()
		kept = count(t, s, fmt.Sprintf(`SELECT student_count FROM classes WHERE id = %d`, c.ID))
		counted = count(t, s, fmt.Sprintf(`SELECT count(*) FROM students WHERE class_id = %d`, c.ID))
		return kept, counted
	}
	var ids []int64
	for _, name := range []string{"Maya", "Leo", "Ana"} {
		sub, err := s.CreateStudent(ctx, newStudent("CNT234", name, "R", randomKey(), otterResult))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, sub.Student.ID)
	}
	if kept, counted := stored(); kept != 3 || counted != 3 {
		t.Fatalf("after 3 joins: kept %d, counted %d", kept, counted)
	}
	if err := s.DeleteStudent(ctx, c.ID, ids[1]); err != nil {
		t.Fatal(err)
	}
	if kept, counted := stored(); kept != 2 || counted != 2 {
		t.Fatalf("after a removal: kept %d, counted %d", kept, counted)
	}
	// Down and up again: the migration counts the rows already there.
	if err := s.MigrateSteps(-1); err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	if kept, counted := stored(); kept != 2 || counted != 2 {
		t.Fatalf("after migrating down and up: kept %d, counted %d", kept, counted)
	}
	// A seat limit of 3 is reached by the kept count.
	three := 3
	if _, err := s.UpdateClass(ctx, c.ID, ana, classes.Patch{SeatLimit: &three}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStudent(ctx, newStudent("CNT234", "Zoe", "K", randomKey(), otterResult)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateStudent(ctx, newStudent("CNT234", "Ivo", "K", randomKey(), otterResult)); !errors.Is(err, students.ErrClassFull) {
		t.Fatalf("a fourth pupil in a class of 3 seats: %v", err)
	}
	if _, err := s.DeleteClass(ctx, c.ID, ana); err != nil {
		t.Fatal(err)
	}
	if n := count(t, s, `SELECT count(*) FROM classes WHERE student_count <> (SELECT count(*) FROM students st WHERE st.class_id = classes.id)`); n != 0 {
		t.Fatalf("%d classes with a wrong count", n)
	}
}
