package sqlitestore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/sqlitestore/storetest"
)

func TestGameStoreRoundsAndCheck(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	host, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "g@school.test", DisplayName: "G", Role: "admin", CreatedAt: now},
		accounts.Audit{At: now, Action: "test"})
	if err != nil {
		t.Fatal(err)
	}
	qs := []game.Question{{Text: "A?", Options: []string{"x", "y"}, Correct: 0, Seconds: 10}}
	id, err := s.CreateGame(ctx, game.NewGame{PIN: "123456", HostID: host.ID, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	// A second live game cannot take the same PIN; a bad PIN is refused.
	if _, err := s.CreateGame(ctx, game.NewGame{PIN: "123456", HostID: host.ID, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now}); err == nil {
		t.Fatal("two live games share a PIN")
	}
	if _, err := s.CreateGame(ctx, game.NewGame{PIN: "12a456", HostID: host.ID, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now}); err == nil {
		t.Fatal("a PIN with a letter was stored")
	}
	p := game.PlayerRecord{No: 1, Nickname: "Ann", Score: 140, Correct: 1, JoinedAt: now}
	a := game.AnswerRecord{PlayerNo: 1, Question: 0, Option: 0, Correct: true, Points: 140, ElapsedMs: 2000, AnsweredAt: now}
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: now, Players: []game.PlayerRecord{p}, Answers: []game.AnswerRecord{a}}); err != nil {
		t.Fatal(err)
	}
	// One answer per player per question, and points within the rules.
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: now, Answers: []game.AnswerRecord{a}}); err == nil {
		t.Fatal("a second answer to the same question was stored")
	}
	bad := game.AnswerRecord{PlayerNo: 1, Question: 0, Option: 1, Correct: false, Points: 120, AnsweredAt: now}
	p2 := game.PlayerRecord{No: 2, Nickname: "Bo", JoinedAt: now}
	bad.PlayerNo = 2
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: now, Players: []game.PlayerRecord{p2}, Answers: []game.AnswerRecord{bad}}); err == nil {
		t.Fatal("points for a wrong answer were stored")
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	p.Rank = 1
	if err := s.FinishGame(ctx, game.Final{GameID: id, Status: "ended", EndedAt: now, Players: []game.PlayerRecord{p}}); err != nil {
		t.Fatal(err)
	}
	if err := s.FinishGame(ctx, game.Final{GameID: id, Status: "ended", EndedAt: now}); err == nil {
		t.Fatal("a game ended twice")
	}
	// The PIN is free again once the game ended.
	if _, err := s.CreateGame(ctx, game.NewGame{PIN: "123456", HostID: host.ID, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now}); err != nil {
		t.Fatal(err)
	}
	// A score that does not match its answers is reported.
	if _, err := s.Writer.ExecContext(ctx, `UPDATE game_players SET score = 150 WHERE game_id = ?`, id); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 || !strings.Contains(problems[0], "add up to 140") {
		t.Fatalf("check: %v %v", problems, err)
	}
	if n, err := s.StopLiveGames(ctx, now); err != nil || n != 1 {
		t.Fatalf("stop live games: %d %v", n, err)
	}
}

func TestQuestionSetStore(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	var owners []int64
	for _, e := range []string{"a@school.test", "b@school.test"} {
		acct, err := s.CreateAccount(ctx, accounts.NewAccount{Email: e, DisplayName: "T", Role: "teacher", CreatedAt: now}, accounts.Audit{At: now, Action: "test"})
		if err != nil {
			t.Fatal(err)
		}
		owners = append(owners, acct.ID)
	}
	set := game.Bundled()
	set.OwnerID = owners[0]
	id, err := s.CreateQuestionSet(ctx, set, now)
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.QuestionSet(ctx, id)
	if err != nil || len(got.Questions) != len(set.Questions) || got.Questions[3].Options[1] != set.Questions[3].Options[1] {
		t.Fatalf("read back: %v %+v", err, got)
	}
	set.ID, set.OwnerID, set.Questions = id, owners[1], set.Questions[:2]
	if err := s.UpdateQuestionSet(ctx, set, now); err != game.ErrNotFound {
		t.Fatalf("another owner updated the set: %v", err)
	}
	if err := s.DeleteQuestionSet(ctx, id, owners[1]); err != game.ErrNotFound {
		t.Fatalf("another owner deleted the set: %v", err)
	}
	set.OwnerID = owners[0]
	if err := s.UpdateQuestionSet(ctx, set, now); err != nil {
		t.Fatal(err)
	}
	if list, _ := s.QuestionSets(ctx, owners[0]); len(list) != 1 || list[0].Questions != 2 {
		t.Fatalf("list %+v", list)
	}
	// The schema refuses what the rules refuse, even past the code.
	if _, err := s.Writer.ExecContext(ctx, `INSERT INTO set_questions (set_id, position, text, options, correct, seconds) VALUES (?, 5, 'x', '["a"]', 0, 10)`, id); err == nil {
		t.Fatal("a one-option question was stored")
	}
	if _, err := s.Writer.ExecContext(ctx, `INSERT INTO set_questions (set_id, position, text, options, correct, seconds) VALUES (?, 5, 'x', '["a","b"]', 2, 10)`, id); err == nil {
		t.Fatal("a correct option out of range was stored")
	}
	// Deleting the teacher deletes their sets.
	if _, err := s.Writer.ExecContext(ctx, `DELETE FROM accounts WHERE id = ?`, owners[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := s.QuestionSet(ctx, id); err != game.ErrNotFound {
		t.Fatalf("set outlived its owner: %v", err)
	}
}
