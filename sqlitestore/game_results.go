package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"animalgenius/app/game"
	"animalgenius/app/jsontime"
)

const gameSummaryColumns = `g.id, g.host_id, g.pin, g.title, g.mode, g.status, g.question_count, g.questions_closed,
	(SELECT count(*) FROM game_players p WHERE p.game_id = g.id AND p.kicked = 0), g.created_at, g.ended_at, g.awarded_at`

func scanGameSummary(row interface{ Scan(...any) error }) (game.Summary, error) {
	var s game.Summary
	var created int64
	var ended, awarded sql.NullInt64
	if err := row.Scan(&s.ID, &s.HostID, &s.PIN, &s.Title, &s.Mode, &s.Status, &s.QuestionCount, &s.QuestionsClosed,
		&s.Players, &created, &ended, &awarded); err != nil {
		return s, err
	}
	s.CreatedAt = jsontime.UnixMilli(created)
	if ended.Valid {
		t := jsontime.UnixMilli(ended.Int64)
		s.EndedAt = &t
	}
	if awarded.Valid {
		t := jsontime.UnixMilli(awarded.Int64)
		s.AwardedAt = &t
	}
	return s, nil
}

// HostGames lists a host's games, newest first.
func (s *Store) HostGames(ctx context.Context, hostID int64, limit int) ([]game.Summary, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+gameSummaryColumns+` FROM games g WHERE g.host_id = ?
		ORDER BY g.created_at DESC, g.id DESC LIMIT ?`, hostID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list games: %w", err)
	}
	defer rows.Close()
	out := []game.Summary{}
	for rows.Next() {
		g, err := scanGameSummary(rows)
		if err != nil {
			return nil, fmt.Errorf("store: unable to list games: %w", err)
		}
		out = append(out, g)
	}
	return out, rows.Err()
}

// GameSummary reads one game.
func (s *Store) GameSummary(ctx context.Context, gameID int64) (game.Summary, error) {
	g, err := scanGameSummary(s.read.QueryRowContext(ctx, `SELECT `+gameSummaryColumns+` FROM games g WHERE g.id = ?`, gameID))
	if errors.Is(err, sql.ErrNoRows) {
		return g, game.ErrNotFound
	}
	if err != nil {
		return g, fmt.Errorf("store: unable to read game %d: %w", gameID, err)
	}
	return g, nil
}

// GameResults reads a game with its questions, players (best first,
// kicked players last) and their answers.
func (s *Store) GameResults(ctx context.Context, gameID int64) (*game.Results, error) {
	sum, err := s.GameSummary(ctx, gameID)
	if err != nil {
		return nil, err
	}
	res := &game.Results{Summary: sum, Questions: []game.Question{}, Players: []game.PlayerResult{}}
	fail := func(err error) (*game.Results, error) {
		return nil, fmt.Errorf("store: unable to read results of game %d: %w", gameID, err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT text, options, correct, seconds FROM game_questions WHERE game_id = ? ORDER BY position`, gameID)
	if err != nil {
		return fail(err)
	}
	for rows.Next() {
		var q game.Question
		var opts string
		if err := rows.Scan(&q.Text, &opts, &q.Correct, &q.Seconds); err != nil {
			rows.Close()
			return fail(err)
		}
		if err := json.Unmarshal([]byte(opts), &q.Options); err != nil {
			rows.Close()
			return fail(err)
		}
		res.Questions = append(res.Questions, q)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = s.read.QueryContext(ctx, `SELECT player_no, nickname, coalesce(student_id, 0), team, score, correct, final_rank, kicked, coins
		FROM game_players WHERE game_id = ? ORDER BY kicked, final_rank = 0, final_rank, score DESC, player_no`, gameID)
	if err != nil {
		return fail(err)
	}
	index := map[int]int{}
	for rows.Next() {
		var p game.PlayerResult
		if err := rows.Scan(&p.No, &p.Nickname, &p.StudentID, &p.Team, &p.Score, &p.Correct, &p.Rank, &p.Kicked, &p.Coins); err != nil {
			rows.Close()
			return fail(err)
		}
		p.Answers = []game.AnswerRecord{}
		index[p.No] = len(res.Players)
		res.Players = append(res.Players, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	rows, err = s.read.QueryContext(ctx, `SELECT player_no, question, choice, correct, points, elapsed_ms, answered_at
		FROM game_answers WHERE game_id = ? ORDER BY player_no, question`, gameID)
	if err != nil {
		return fail(err)
	}
	defer rows.Close()
	for rows.Next() {
		var a game.AnswerRecord
		var at int64
		if err := rows.Scan(&a.PlayerNo, &a.Question, &a.Option, &a.Correct, &a.Points, &a.ElapsedMs, &at); err != nil {
			return fail(err)
		}
		a.AnsweredAt = jsontime.UnixMilli(at)
		if i, ok := index[a.PlayerNo]; ok {
			res.Players[i].Answers = append(res.Players[i].Answers, a)
		}
	}
	if err := rows.Err(); err != nil {
		return fail(err)
	}
	return res, nil
}
