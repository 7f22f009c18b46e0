package game_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/sqlitestore/storetest"
)

type discard struct{}

func (discard) ToAll(int64, any)                             {}
func (discard) ToHost(int64, any)                            {}
func (discard) ToPlayer(int64, int, any)                     {}
func (discard) Reveal(int64, *game.MsgReveal, []game.MsgYou) {}
func (discard) DropPlayer(int64, int, *game.Error)           {}
func (discard) Over(int64)                                   {}

// BenchmarkAnswers measures accepted answers per second in one game of
// 5,000 players, answers arriving from many goroutines at once (as from
// socket readers). Closing and saving a question is outside the timer.
func BenchmarkAnswers(b *testing.B) {
	const players = 5000
	store := storetest.New(b)
	ctx := context.Background()
	host, err := store.CreateAccount(ctx, accounts.NewAccount{Email: "bench@school.test", DisplayName: "Bench", Role: "teacher",
		CreatedAt: time.Now()}, accounts.Audit{At: time.Now(), Action: "test"})
	if err != nil {
		b.Fatal(err)
	}
	set := game.Set{Title: "Bench"}
	for i := range 100 {
		set.Questions = append(set.Questions, game.Question{Text: fmt.Sprintf("Q%d?", i), Options: []string{"a", "b", "c", "d"}, Correct: 2, Seconds: 120})
	}
	mgr := game.NewManager(game.Options{Store: store, Outbox: discard{}, MaxPlayers: players})
	defer mgr.Shutdown(ctx)
	g, err := mgr.Create(ctx, host.ID, set, game.Individual)
	if err != nil {
		b.Fatal(err)
	}
	for i := 1; i <= players; i++ {
		if err := g.Join(ctx, game.JoinRequest{Nickname: fmt.Sprintf("P%d", i)}); err != nil {
			b.Fatal(err)
		}
	}
	if err := g.Start(ctx, host.ID); err != nil {
		b.Fatal(err)
	}
	question := 0
	b.ResetTimer()
	for done := 0; done < b.N; {
		batch := min(players, b.N-done)
		work := make(chan int, batch)
		for p := 1; p <= batch; p++ {
			work <- p
		}
		close(work)
		errs := make(chan error, 64)
		for range 64 {
			go func() {
				var first error
				for p := range work {
					if err := g.Answer(ctx, p, question, p%4); err != nil && first == nil {
						first = err
					}
				}
				errs <- first
			}()
		}
		for range 64 {
			if err := <-errs; err != nil {
				b.Fatal(err)
			}
		}
		done += batch
		b.StopTimer()
		if batch < players {
			_ = g.Skip(ctx, host.ID)
		}
		if question+1 >= len(set.Questions) {
			b.StartTimer()
			break
		}
		if err := g.Next(ctx, host.ID); err != nil {
			b.Fatal(err)
		}
		question++
		b.StartTimer()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "answers/s")
}
