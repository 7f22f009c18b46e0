package game_test

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"animalgenius/app/game"
)

// failFirstRound is the real store, except that the first question's save
// fails (a full disk for a moment).
type failFirstRound struct {
	game.Store
	rounds atomic.Int32
}

func (s *failFirstRound) SaveRound(ctx context.Context, r game.Round) error {
	if s.rounds.Add(1) == 1 {
		return errors.New("disk full")
	}
	return s.Store.SaveRound(ctx, r)
}

// Closed questions are written off the game's goroutine; a failed write
// does not stop the game, and the final results still hold every player
// with the right score once the game has ended.
func TestRoundSaveFailureKeepsGameAndFinalResults(t *testing.T) {
	f := newFixture(t, game.Options{})
	store := &failFirstRound{Store: f.store}
	mgr := game.NewManager(game.Options{Store: store, Outbox: f.out, Clock: f.clock, FlushEvery: 1})
	t.Cleanup(func() { mgr.Shutdown(bg) })
	g, err := mgr.Create(bg, host, testSet(3), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	ann, bo := mustJoin(t, g, "Ann"), mustJoin(t, g, "Bo")
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	for q := 0; q < 3; q++ {
		if q > 0 {
			if err := g.Next(bg, host); err != nil {
				t.Fatal(err)
			}
		}
		if err := g.Answer(bg, ann.player, q, 1); err != nil { // right
			t.Fatal(err)
		}
		if err := g.Answer(bg, bo.player, q, 0); err != nil { // wrong; closes the question
			t.Fatal(err)
		}
	}
	if err := g.End(bg, host); err != nil {
		t.Fatal(err)
	}
	<-g.Done()
	if n := store.rounds.Load(); n != 3 {
		t.Fatalf("%d question saves, want 3 (one per question, in the game's order)", n)
	}
	res, err := f.store.GameResults(bg, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	scores := map[string]int{}
	for _, p := range res.Players {
		scores[p.Nickname] = p.Score
	}
	if len(res.Players) != 2 || scores["Ann"] != 3*150 || scores["Bo"] != 0 {
		t.Fatalf("final players %+v", res.Players)
	}
}
