package game

import (
	"context"
	"log/slog"
	"sync/atomic"
)

// roundSaver writes closed questions to the store on its own goroutine,
// one at a time and in order, so the game's goroutine does not wait for
// SQLite (5,000 answers and an fsync) while the next question is asked.
// Measured under the load tool, that wait was a sixth of the server's CPU
// time spent on the game's goroutine, holding up the next question.
type roundSaver struct {
	rounds chan Round
	done   chan struct{}
	failed atomic.Bool // a save failed: the next round writes every player
}

// saverQueue is how many closed questions may wait to be written before
// closing another one waits for the database.
const saverQueue = 4

func (g *Game) startSaver() *roundSaver {
	s := &roundSaver{rounds: make(chan Round, saverQueue), done: make(chan struct{})}
	go func() {
		defer close(s.done)
		for r := range s.rounds {
			ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
			err := g.store.SaveRound(ctx, r)
			cancel()
			if err != nil {
				// The game goes on from memory; the next save or the end
				// writes the players again.
				s.failed.Store(true)
				g.log.Error("game: unable to save a question's results", slog.Int64("game", r.GameID), slog.Int("question", r.Question), slog.Any("error", err))
			}
		}
	}()
	return s
}

// drainSaver waits until every closed question is written; the game's
// goroutine calls it before the final results.
func (g *Game) drainSaver() {
	if g.saver != nil {
		close(g.saver.rounds)
		<-g.saver.done
		g.saver = nil
	}
}
