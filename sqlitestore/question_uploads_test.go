package sqlitestore_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/app/questionimages"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

func twoTeachers(t *testing.T, s *sqlitestore.Store) (int64, int64) {
	t.Helper()
	ctx, now := context.Background(), time.Now()
	var ids []int64
	// The admin is there so that check has nothing else to say.
	for _, e := range []string{"a@school.test", "b@school.test", "admin@school.test"} {
		role := "teacher"
		if strings.HasPrefix(e, "admin") {
			role = "admin"
		}
		acct, err := s.CreateAccount(ctx, accounts.NewAccount{Email: e, DisplayName: "T", Role: role, CreatedAt: now}, accounts.Audit{At: now, Action: "test"})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, acct.ID)
	}
	return ids[0], ids[1]
}

// finishedPicture reserves and finishes a picture of owner, with its files.
func finishedPicture(t *testing.T, s *sqlitestore.Store, owner int64, base string) int64 {
	t.Helper()
	ctx, now := context.Background(), time.Now()
	id, err := s.ReserveQuestionUpload(ctx, owner, 100, now.Add(-24*time.Hour), now)
	if err != nil {
		t.Fatal(err)
	}
	u := questionimages.Upload{ID: id, State: questionimages.StateDone, File: base + ".png", Thumb: base + ".thumb.png"}
	if err := s.RecordQuestionUpload(ctx, u, now); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(filepath.Dir(s.Path), "uploads")
	os.MkdirAll(dir, 0o750)
	for _, name := range []string{u.File, u.Thumb} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o640); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func TestQuestionUploadsStore(t *testing.T) {
	s := storetest.New(t)
	ctx, now := context.Background(), time.Now()
	a, b := twoTeachers(t, s)

	// The budget counts the last 24 hours, per teacher.
	since := now.Add(-24 * time.Hour)
	for i := 0; i < 2; i++ {
		if _, err := s.ReserveQuestionUpload(ctx, a, 2, since, now); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.ReserveQuestionUpload(ctx, a, 2, since, now); !errors.Is(err, questionimages.ErrBudget) {
		t.Fatalf("third upload of two a day: %v", err)
	}
	if _, err := s.ReserveQuestionUpload(ctx, b, 2, since, now); err != nil {
		t.Fatalf("another teacher's budget: %v", err)
	}
	if _, err := s.ReserveQuestionUpload(ctx, a, 2, now.Add(time.Minute), now.Add(25*time.Hour)); err != nil {
		t.Fatalf("a new day: %v", err)
	}

	mine := finishedPicture(t, s, a, strings.Repeat("a", 64))
	theirs := finishedPicture(t, s, b, strings.Repeat("b", 64))
	pending, _ := s.ReserveQuestionUpload(ctx, a, 100, since, now)
	ok, err := s.UsableQuestionUploads(ctx, a, []int64{mine, theirs, pending, 999})
	if err != nil || !ok[mine] || ok[theirs] || ok[pending] || ok[999] {
		t.Fatalf("usable: %v %v", ok, err)
	}
	// A finished picture never changes again.
	if err := s.RecordQuestionUpload(ctx, questionimages.Upload{ID: mine, State: questionimages.StateFailed}, now); err != nil {
		t.Fatal(err)
	}
	if u, _ := s.QuestionUpload(ctx, mine); u.State != "done" || u.OwnerID != a {
		t.Fatalf("finished upload changed: %+v", u)
	}

	// A set reads its picture's file; a game keeps the picture.
	q := game.Question{Text: "Who?", Options: []string{"Fox", "Owl"}, Correct: 0, Seconds: 10, Image: mine}
	setID, err := s.CreateQuestionSet(ctx, game.Set{OwnerID: a, Title: "P", Questions: []game.Question{q}}, now)
	if err != nil {
		t.Fatal(err)
	}
	set, err := s.QuestionSet(ctx, setID)
	if err != nil || set.Questions[0].Image != mine || set.Questions[0].ImageFile != strings.Repeat("a", 64)+".png" {
		t.Fatalf("set read back: %v %+v", err, set.Questions)
	}
	gameID, err := s.CreateGame(ctx, game.NewGame{PIN: "135790", HostID: a, SetID: setID, Title: "P", Mode: game.Individual, Questions: set.Questions, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	if has, err := s.GameHasPicture(ctx, gameID, set.Questions[0].ImageFile); err != nil || !has {
		t.Fatalf("game picture: %v %v", has, err)
	}
	if has, _ := s.GameHasPicture(ctx, gameID, strings.Repeat("b", 64)+".png"); has {
		t.Fatal("the game shows another teacher's picture")
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}

	// check names a question showing another teacher's picture, and a missing file.
	if _, err := s.Writer.ExecContext(ctx, `UPDATE set_questions SET image_id = ? WHERE set_id = ?`, theirs, setID); err != nil {
		t.Fatal(err)
	}
	if set, _ := s.QuestionSet(ctx, setID); set.Questions[0].ImageFile != "" {
		t.Fatal("a set shows another teacher's picture")
	}
	os.Remove(filepath.Join(filepath.Dir(s.Path), "uploads", strings.Repeat("a", 64)+".thumb.png"))
	problems, err := s.Check(ctx)
	all := strings.Join(problems, "\n")
	if err != nil || !strings.Contains(all, "belongs to account") || !strings.Contains(all, "is missing") {
		t.Fatalf("check: %v %v", problems, err)
	}
}

// Migration 0007 down keeps the games and sets, drops the pictures
// (later migrations go down first).
func TestMigrationQuestionPicturesDown(t *testing.T) {
	s := storetest.New(t)
	ctx, now := context.Background(), time.Now()
	a, _ := twoTeachers(t, s)
	pic := finishedPicture(t, s, a, strings.Repeat("c", 64))
	q := game.Question{Text: "Who?", Options: []string{"Fox", "Owl"}, Correct: 0, Seconds: 10, Image: pic, ImageFile: strings.Repeat("c", 64) + ".png"}
	if _, err := s.CreateGame(ctx, game.NewGame{PIN: "246802", HostID: a, Title: "P", Mode: game.Individual, Questions: []game.Question{q}, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	migrateBelow(t, s, 7)
	var n int
	if err := s.Reader.QueryRow(`SELECT count(*) FROM game_questions`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("game questions after down: %d %v", n, err)
	}
	if err := s.Reader.QueryRow(`SELECT count(*) FROM pragma_table_info('game_questions') WHERE name = 'image_id'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("image_id left on game_questions: %d %v", n, err)
	}
	if err := s.Reader.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name = 'question_uploads'`).Scan(&n); err != nil || n != 0 {
		t.Fatalf("question_uploads left: %d %v", n, err)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	if st, _ := s.Status(); !st.UpToDate() {
		t.Fatalf("after up again: %+v", st)
	}
}
