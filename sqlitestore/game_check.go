package sqlitestore

import (
	"context"
	"fmt"
)

// checkGames: a player's score and right answers are the sum of the saved
// answers, and a finished game's ranks follow the scores.
func (s *Store) checkGames(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT p.game_id, p.player_no, p.score, p.correct,
			coalesce(sum(a.points), 0), coalesce(sum(a.correct), 0)
		FROM game_players p LEFT JOIN game_answers a ON a.game_id = p.game_id AND a.player_no = p.player_no
		GROUP BY p.game_id, p.player_no
		HAVING p.score != coalesce(sum(a.points), 0) OR p.correct != coalesce(sum(a.correct), 0)
		LIMIT 100`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check games: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var game, player, score, correct, sum, sumCorrect int64
		if err := rows.Scan(&game, &player, &score, &correct, &sum, &sumCorrect); err != nil {
			return nil, fmt.Errorf("store: unable to check games: %w", err)
		}
		problems = append(problems, fmt.Sprintf("game %d player %d: score %d and %d right, but the saved answers add up to %d and %d right",
			game, player, score, correct, sum, sumCorrect))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var misranked int
	err = s.read.QueryRowContext(ctx, `SELECT count(*) FROM game_players a JOIN game_players b
		ON a.game_id = b.game_id AND a.kicked = 0 AND b.kicked = 0 AND a.score > b.score AND a.final_rank >= b.final_rank
		JOIN games g ON g.id = a.game_id AND g.status = 'ended'`).Scan(&misranked)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check game ranks: %w", err)
	}
	if misranked > 0 {
		problems = append(problems, fmt.Sprintf("%d pairs of game players are ranked against their scores", misranked))
	}
	return problems, nil
}
