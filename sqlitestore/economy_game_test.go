package sqlitestore_test

import (
	"context"
	"database/sql"
	"errors"
	"testing"

	"animalgenius/app/economy"
	"animalgenius/sqlitestore"
)

func endedGame(t *testing.T, s *sqlitestore.Store, hostID int64) int64 {
	t.Helper()
	ctx := context.Background()
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		return tx.QueryRowContext(ctx, `INSERT INTO games (pin, host_id, title, mode, status, question_count, created_at, ended_at)
			VALUES ('123456', ?, 'Animal facts', 'individual', 'ended', 10, ?, ?) RETURNING id`, hostID, t0.UnixMilli(), t0.UnixMilli()).Scan(&id)
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func TestAwardGame(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	_, ids := seedClass(t, s, 3, 0)
	var host int64
	s.Reader.QueryRow(`SELECT teacher_id FROM classes c JOIN students st ON st.class_id = c.id WHERE st.id = ?`, ids[0]).Scan(&host)
	game := endedGame(t, s, host)
	// The third student left the school since the game.
	s.Write(ctx, func(tx *sql.Tx) error { _, err := tx.Exec(`DELETE FROM students WHERE id = ?`, ids[2]); return err })
	awards := []economy.StudentCoins{{StudentID: ids[0], Coins: 30, Reason: "1st"}, {StudentID: ids[1], Coins: 20, Reason: "2nd"}, {StudentID: ids[2], Coins: 10, Reason: "3rd"}}

	if _, err := s.AwardGame(ctx, economy.AwardGameRequest{GameID: game, HostID: host + 1000, Awards: awards}, t0); !errors.Is(err, economy.ErrNotFound) {
		t.Fatalf("another host: %v", err)
	}
	paid, err := s.AwardGame(ctx, economy.AwardGameRequest{GameID: game, HostID: host, Awards: awards}, t0)
	if err != nil || len(paid) != 2 || paid[0].Coins != 30 || paid[1].Coins != 20 {
		t.Fatalf("award = %+v %v", paid, err)
	}
	if _, err := s.AwardGame(ctx, economy.AwardGameRequest{GameID: game, HostID: host, Awards: awards}, t0); !errors.Is(err, economy.ErrAlreadyAwarded) {
		t.Fatalf("second award: %v", err)
	}
	if coinsOf(t, s, ids[0]) != 30 {
		t.Fatal("paid twice")
	}
	hist, _ := s.Ledger(ctx, ids[1], 0, 5)
	if len(hist) != 1 || hist[0].Type != economy.TypeGameReward || hist[0].Reason != "2nd" {
		t.Fatalf("history = %+v", hist)
	}
	assertConsistent(t, s)
}
