package sqlitestore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/economy"
	"animalgenius/app/game"
	"animalgenius/app/jsontime"
	"animalgenius/sqlitestore"
)

func earnedCodes(t *testing.T, s *sqlitestore.Store, id int64) []string {
	t.Helper()
	_, held, _, err := s.StudentAchievements(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, h := range held {
		out = append(out, h.Code)
	}
	slices.Sort(out)
	return out
}

// Achievements are earned in the transactions of the events: a purchase,
// a pet kept happy three days running, the end of a live game. A refused
// event earns nothing.
func TestAchievementsEarnedWithTheirEvents(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 3, 200)
	kid := ids[0]
	hat := itemByCode(t, s, "hat-party")
	if _, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, "ach-buy-closed-01"), StudentID: kid, ItemID: hat.ID}, t0); err == nil {
		t.Fatal("bought in a closed store")
	}
	if got := earnedCodes(t, s, kid); len(got) != 0 {
		t.Fatalf("a refused purchase earned %v", got)
	}
	if err := s.SetStoreOpen(ctx, class, true, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, "ach-buy-hat-00001"), StudentID: kid, ItemID: hat.ID}, t0); err != nil {
		t.Fatal(err)
	}
	if got := earnedCodes(t, s, kid); !slices.Equal(got, []string{"first_purchase"}) {
		t.Fatalf("after a purchase: %v", got)
	}

	// A pet fed on three days running (happy after each feed) earns happy_pet on day three.
	cat, err := s.Catalog(ctx, true)
	if err != nil || len(cat.Species) == 0 {
		t.Fatalf("species: %v", err)
	}
	pet := ids[1]
	if _, err := s.BuyPet(ctx, economy.BuyPetRequest{Request: req("student", pet, "ach-pet-buy-00001"), StudentID: pet, SpeciesID: cat.Species[0].ID, Name: "Bun"}, t0); err != nil {
		t.Fatal(err)
	}
	for day := 0; day < 3; day++ {
		at := t0.Add(time.Duration(day) * 24 * time.Hour)
		for i, action := range []string{"feed", "play", "pet"} {
			if _, err := s.CarePet(ctx, economy.CareRequest{Request: req("student", pet, fmt.Sprintf("ach-care-%d-%d-000", day, i)), StudentID: pet, Action: action},
				at.Add(time.Duration(i)*time.Minute)); err != nil {
				t.Fatalf("day %d %s: %v", day, action, err)
			}
		}
		has := slices.Contains(earnedCodes(t, s, pet), "happy_pet")
		if has != (day == 2) {
			t.Fatalf("day %d: happy_pet earned = %v", day+1, has)
		}
	}

	// A live game: the student on the podium earns both; the fourth only
	// first_game; a kicked player nothing; a stopped game nothing.
	host, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "ach@school.test", DisplayName: "H", Role: "teacher", CreatedAt: t0}, accounts.Audit{At: t0, Action: "test"})
	if err != nil {
		t.Fatal(err)
	}
	qs := []game.Question{{Text: "A?", Options: []string{"x", "y"}, Correct: 0, Seconds: 10}}
	play := func(pin, status string, players []game.PlayerRecord, idle ...int) {
		id, err := s.CreateGame(ctx, game.NewGame{PIN: pin, HostID: host.ID, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: t0})
		if err != nil {
			t.Fatal(err)
		}
		// One round in which each player who scored got it right with
		// its score, so the saved answers add up (check), and the others
		// but the idle ones got it wrong.
		var answers []game.AnswerRecord
		for i := range players {
			switch {
			case players[i].Score > 0:
				players[i].Correct = 1
				answers = append(answers, game.AnswerRecord{PlayerNo: players[i].No, Question: 0, Option: 0, Correct: true,
					Points: players[i].Score, ElapsedMs: 1000, AnsweredAt: jsontime.Of(t0)})
			case !slices.Contains(idle, players[i].No):
				answers = append(answers, game.AnswerRecord{PlayerNo: players[i].No, Question: 0, Option: 1,
					ElapsedMs: 1000, AnsweredAt: jsontime.Of(t0)})
			}
		}
		if len(answers) > 0 {
			if err := s.SaveRound(ctx, game.Round{GameID: id, Question: 0, ClosedAt: t0, Players: players, Answers: answers}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.FinishGame(ctx, game.Final{GameID: id, Status: status, EndedAt: t0, Players: players}); err != nil {
			t.Fatal(err)
		}
	}
	play("111111", "stopped", []game.PlayerRecord{{No: 1, Nickname: "A", StudentID: ids[2], Rank: 1, JoinedAt: t0}})
	if got := earnedCodes(t, s, ids[2]); len(got) != 0 {
		t.Fatalf("a stopped game earned %v", got)
	}
	play("222222", "ended", []game.PlayerRecord{
		{No: 1, Nickname: "A", StudentID: ids[2], Rank: 2, Score: 140, JoinedAt: t0},
		{No: 2, Nickname: "B", StudentID: ids[0], Rank: 4, JoinedAt: t0},
		{No: 3, Nickname: "C", StudentID: ids[1], Rank: 1, Score: 150, Kicked: true, JoinedAt: t0},
		{No: 4, Nickname: "guest", Rank: 3, Score: 100, JoinedAt: t0},
	})
	if got := earnedCodes(t, s, ids[2]); !slices.Equal(got, []string{"first_game", "podium"}) {
		t.Fatalf("second place: %v", got)
	}
	if got := earnedCodes(t, s, ids[0]); !slices.Equal(got, []string{"first_game", "first_purchase"}) {
		t.Fatalf("fourth place: %v", got)
	}
	if got := earnedCodes(t, s, ids[1]); slices.Contains(got, "first_game") {
		t.Fatalf("kicked player earned %v", got)
	}
	// A pupil who joined and answered nothing has not played the game.
	play("333333", "ended", []game.PlayerRecord{{No: 1, Nickname: "C", StudentID: ids[1], Rank: 1, JoinedAt: t0}}, 1)
	if got := earnedCodes(t, s, ids[1]); slices.Contains(got, "first_game") {
		t.Fatalf("a pupil who answered nothing earned %v", got)
	}
	counts, err := s.ClassAchievementCounts(ctx, class)
	if err != nil || counts[ids[0]] != 2 || counts[ids[1]] != 2 || counts[ids[2]] != 2 {
		t.Fatalf("counts %v %v", counts, err)
	}
	if n, err := s.MarkAchievementsSeen(ctx, ids[0], []string{"first_game", "podium"}); err != nil || n != 1 {
		t.Fatalf("seen: %d %v", n, err)
	}

	// A pupil removed while the game was live earns nothing, and the game
	// still ends for the others.
	gone := ids[0]
	if err := s.DeleteStudent(ctx, class, gone); err != nil {
		t.Fatal(err)
	}
	play("333333", "ended", []game.PlayerRecord{
		{No: 1, Nickname: "D", StudentID: gone, Rank: 1, JoinedAt: t0},
		{No: 2, Nickname: "A", StudentID: ids[2], Rank: 2, JoinedAt: t0},
	})
	var left int
	if err := s.Reader.QueryRow(`SELECT COUNT(*) FROM student_achievements WHERE student_id = ?`, gone).Scan(&left); err != nil || left != 0 {
		t.Fatalf("a removed pupil has %d achievements (%v)", left, err)
	}
	assertConsistent(t, s)
}
