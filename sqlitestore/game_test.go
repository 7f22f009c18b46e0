package sqlitestore_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/app/jsontime"
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
	a := game.AnswerRecord{PlayerNo: 1, Question: 0, Option: 0, Correct: true, Points: 140, ElapsedMs: 2000, AnsweredAt: jsontime.Of(now)}
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: now, Players: []game.PlayerRecord{p}, Answers: []game.AnswerRecord{a}}); err != nil {
		t.Fatal(err)
	}
	// One answer per player per question, and points within the rules.
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: now, Answers: []game.AnswerRecord{a}}); err == nil {
		t.Fatal("a second answer to the same question was stored")
	}
	bad := game.AnswerRecord{PlayerNo: 1, Question: 0, Option: 1, Correct: false, Points: 120, AnsweredAt: jsontime.Of(now)}
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

// TestGameRowsInBatches saves rounds larger than one multi-row INSERT
// (64 rows): every row arrives, updates reach every player, and one bad
// row refuses the whole round.
func TestGameRowsInBatches(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	host, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "b@school.test", DisplayName: "B", Role: "admin", CreatedAt: now},
		accounts.Audit{At: now, Action: "test"})
	if err != nil {
		t.Fatal(err)
	}
	qs := []game.Question{{Text: "A?", Options: []string{"x", "y"}, Correct: 1, Seconds: 10}, {Text: "B?", Options: []string{"x", "y"}, Correct: 0, Seconds: 10}}
	id, err := s.CreateGame(ctx, game.NewGame{PIN: "654321", HostID: host.ID, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	const n = 150 // 64 + 64 + 22
	var players []game.PlayerRecord
	var answers []game.AnswerRecord
	for i := 1; i <= n; i++ {
		p := game.PlayerRecord{No: i, Nickname: fmt.Sprintf("P%03d", i), JoinedAt: now}
		a := game.AnswerRecord{PlayerNo: i, Question: 0, Option: i % 2, AnsweredAt: jsontime.Of(now), ElapsedMs: int64(i)}
		if i%2 == 1 {
			a.Correct, a.Points = true, 100+i%50
			p.Score, p.Correct = a.Points, 1
		}
		players, answers = append(players, p), append(answers, a)
	}
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: now, Players: players, Answers: answers}); err != nil {
		t.Fatal(err)
	}
	// Question 2: a bad row (points for a wrong answer) in the second
	// batch refuses the whole round; nothing of it is stored.
	var changed []game.PlayerRecord
	var second []game.AnswerRecord
	for i := 1; i <= n-1; i++ { // everyone but the last answers right
		p := players[i-1]
		p.Score += 110
		p.Correct++
		changed = append(changed, p)
		second = append(second, game.AnswerRecord{PlayerNo: i, Question: 1, Option: 0, Correct: true, Points: 110, AnsweredAt: jsontime.Of(now)})
	}
	bad := slices.Clone(second)
	bad[100].Option, bad[100].Correct = 1, false
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 1, ClosedAt: now, Players: changed, Answers: bad}); err == nil {
		t.Fatal("a round with a bad answer row was stored")
	}
	if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 1, ClosedAt: now, Players: changed, Answers: second}); err != nil {
		t.Fatal(err)
	}
	for i := range players {
		if i < n-1 {
			players[i].Score, players[i].Correct = changed[i].Score, changed[i].Correct
		}
	}
	for i := range players { // equal scores share a rank
		players[i].Rank = 1
		for _, o := range players {
			if o.Score > players[i].Score {
				players[i].Rank++
			}
		}
	}
	if err := s.FinishGame(ctx, game.Final{GameID: id, Status: "ended", EndedAt: now, Players: players}); err != nil {
		t.Fatal(err)
	}
	res, err := s.GameResults(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Players) != n {
		t.Fatalf("%d players stored, want %d", len(res.Players), n)
	}
	byNo := map[int]game.PlayerResult{}
	for _, p := range res.Players {
		byNo[p.No] = p
	}
	for _, want := range players {
		got := byNo[want.No]
		if got.Nickname != want.Nickname || got.Score != want.Score || got.Correct != want.Correct || got.Rank != want.Rank {
			t.Fatalf("player %d: got %+v, want %+v", want.No, got, want)
		}
		wantAnswers := 2
		if want.No == n {
			wantAnswers = 1
		}
		if len(got.Answers) != wantAnswers {
			t.Fatalf("player %d: %d answers stored, want %d", want.No, len(got.Answers), wantAnswers)
		}
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}
