package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/achievements"
	"animalgenius/app/game"
)

var _ game.Store = (*Store)(nil)

// CreateGame saves a new game and a copy of its questions.
func (s *Store) CreateGame(ctx context.Context, g game.NewGame) (int64, error) {
	var id int64
	var setID any
	if g.SetID > 0 {
		setID = g.SetID
	}
	err := s.Write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO games (id, pin, host_id, set_id, title, mode, question_count, created_at)
			VALUES (`+nextGameID+`, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			g.PIN, g.HostID, setID, g.Title, string(g.Mode), len(g.Questions), g.CreatedAt.UnixMilli()).Scan(&id)
		if err != nil {
			return err
		}
		stmt, err := tx.PrepareContext(ctx, `INSERT INTO game_questions (game_id, position, text, options, correct, seconds, image_id)
			VALUES (?, ?, ?, ?, ?, ?, ?)`)
		if err != nil {
			return err
		}
		defer stmt.Close()
		for i, q := range g.Questions {
			opts, err := json.Marshal(q.Options)
			if err != nil {
				return err
			}
			var image any
			if q.Image > 0 && q.ImageFile != "" {
				image = q.Image
			}
			if _, err := stmt.ExecContext(ctx, id, i, q.Text, string(opts), q.Correct, q.Seconds, image); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to create game: %w", err)
	}
	return id, nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// SaveRound saves the players who changed and the answers of one question.
func (s *Store) SaveRound(ctx context.Context, r game.Round) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := savePlayers(ctx, tx, r.GameID, r.Players); err != nil {
			return err
		}
		if err := saveAnswers(ctx, tx, r.GameID, r.Answers); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE games SET status = 'playing', questions_closed = max(questions_closed, ?)
			WHERE id = ? AND status IN ('lobby', 'playing')`, r.Question+1, r.GameID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errors.New("the game is not live")
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to save question %d of game %d: %w", r.Question, r.GameID, err)
	}
	return nil
}

// FinishGame saves every player's final score and rank and ends the game.
func (s *Store) FinishGame(ctx context.Context, f game.Final) error {
	if f.Status != "ended" && f.Status != "stopped" {
		return fmt.Errorf("store: unable to finish game %d: bad status %q", f.GameID, f.Status)
	}
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := savePlayers(ctx, tx, f.GameID, f.Players); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE games SET status = ?, ended_at = ? WHERE id = ? AND status IN ('lobby', 'playing')`,
			f.Status, f.EndedAt.UnixMilli(), f.GameID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errors.New("the game is not live")
		}
		if f.Status != "ended" {
			return nil
		}
		answered, err := answersPerPlayer(ctx, tx, f.GameID)
		if err != nil {
			return err
		}
		for _, p := range f.Players {
			if p.StudentID > 0 && !p.Kicked {
				ev := achievements.Event{Kind: achievements.GamePlayed, Place: p.Rank, Score: p.Score, Answered: answered[p.No]}
				if err := grantAchievementsIfThere(ctx, wtx{tx, s}, []int64{p.StudentID}, ev, f.EndedAt); err != nil {
					return err
				}
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to finish game %d: %w", f.GameID, err)
	}
	return nil
}

// StopLiveGames marks games left live by a crash as stopped (at start-up,
// before any game runs). It returns how many there were.
func (s *Store) StopLiveGames(ctx context.Context, now time.Time) (int, error) {
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE games SET status = 'stopped', ended_at = ? WHERE status IN ('lobby', 'playing')`, now.UnixMilli())
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to stop live games: %w", err)
	}
	return int(n), nil
}

// answersPerPlayer counts the answers each player of the game gave.
func answersPerPlayer(ctx context.Context, tx *sql.Tx, gameID int64) (map[int]int, error) {
	rows, err := tx.QueryContext(ctx, `SELECT player_no, COUNT(*) FROM game_answers WHERE game_id = ? GROUP BY player_no`, gameID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count the answers of game %d: %w", gameID, err)
	}
	defer rows.Close()
	out := map[int]int{}
	for rows.Next() {
		var no, n int
		if err := rows.Scan(&no, &n); err != nil {
			return nil, err
		}
		out[no] = n
	}
	return out, rows.Err()
}
