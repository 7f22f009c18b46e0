package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/economy"
)

// AwardGame pays a live game's podium and marks the game as awarded in
// the same transaction, so the coins are paid once per game.
func (s *Store) AwardGame(ctx context.Context, r economy.AwardGameRequest, now time.Time) ([]economy.Balance, error) {
	var paid []economy.Balance
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		paid = nil
		res, err := tx.ExecContext(ctx, `UPDATE games SET awarded_at = ? WHERE id = ? AND host_id = ? AND awarded_at IS NULL`,
			now.UnixMilli(), r.GameID, r.HostID)
		if err != nil {
			return fmt.Errorf("store: unable to mark the game awarded: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			var awarded sql.NullInt64
			err := tx.QueryRowContext(ctx, `SELECT awarded_at FROM games WHERE id = ? AND host_id = ?`, r.GameID, r.HostID).Scan(&awarded)
			if errors.Is(err, sql.ErrNoRows) {
				return economy.ErrNotFound
			}
			if err != nil {
				return err
			}
			return economy.ErrAlreadyAwarded
		}
		actor := economy.Actor{Kind: "account", ID: r.HostID}
		for _, a := range r.Awards {
			if err := studentWritable(ctx, wtx{tx, s}, a.StudentID); errors.Is(err, economy.ErrNotFound) || errors.Is(err, economy.ErrClassArchived) {
				continue // left the school or the class is archived since the game
			} else if err != nil {
				return err
			}
			bal, err := appendLedger(ctx, wtx{tx, s}, a.StudentID, a.Coins, economy.TypeGameReward, a.Reason, actor, now)
			if err != nil {
				return err
			}
			// The results show what each player was given.
			if _, err := tx.ExecContext(ctx, `UPDATE game_players SET coins = ? WHERE game_id = ? AND student_id = ?`,
				a.Coins, r.GameID, a.StudentID); err != nil {
				return fmt.Errorf("store: unable to note a game award: %w", err)
			}
			paid = append(paid, economy.Balance{StudentID: a.StudentID, Coins: bal})
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return paid, nil
}
