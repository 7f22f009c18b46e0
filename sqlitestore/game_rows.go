package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"runtime"
	"strings"

	"animalgenius/app/game"
)

// rowsPerInsert is how many game rows one INSERT carries: a 5,000-player
// question is 79 statements instead of 5,000 for its answers (and as many
// again for its players). 64 rows of 10 columns stay far below SQLite's
// limit on bound parameters.
const rowsPerInsert = 64

// multiInsert builds "head VALUES (?, ...), (?, ...) tail" for rows rows
// of cols columns.
func multiInsert(head string, cols, rows int, tail string) string {
	one := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	var b strings.Builder
	b.Grow(len(head) + len(tail) + rows*(len(one)+2) + 8)
	b.WriteString(head)
	b.WriteString(" VALUES ")
	for i := 0; i < rows; i++ {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(one)
	}
	b.WriteString(tail)
	return b.String()
}

// insertRows inserts n rows, rowsPerInsert at a time; args appends the
// values of row i. The full-size statement is prepared once per call.
func insertRows(ctx context.Context, tx *sql.Tx, head string, cols int, tail string, n int, args func(dst []any, i int) []any) error {
	if n == 0 {
		return nil
	}
	var full *sql.Stmt
	if n >= rowsPerInsert {
		var err error
		if full, err = tx.PrepareContext(ctx, multiInsert(head, cols, rowsPerInsert, tail)); err != nil {
			return err
		}
		defer full.Close()
	}
	vals := make([]any, 0, cols*rowsPerInsert)
	for start := 0; start < n; start += rowsPerInsert {
		end := min(start+rowsPerInsert, n)
		vals = vals[:0]
		for i := start; i < end; i++ {
			vals = args(vals, i)
		}
		var err error
		if end-start == rowsPerInsert {
			_, err = full.ExecContext(ctx, vals...)
		} else {
			_, err = tx.ExecContext(ctx, multiInsert(head, cols, end-start, tail), vals...)
		}
		if err != nil {
			return fmt.Errorf("rows %d to %d: %w", start+1, end, err)
		}
		// A closed question is saved while the next one goes out to the
		// players: let the socket writers waiting to run go first, between
		// batches (the transaction stays open a little longer; measured:
		// the game's fan-out p99 117-127 ms against 112-154 ms without).
		runtime.Gosched()
	}
	return nil
}

const (
	playerInsertHead = `INSERT INTO game_players (game_id, player_no, nickname, student_id, team, score, correct, final_rank, kicked, joined_at)`
	playerInsertTail = `
	ON CONFLICT (game_id, player_no) DO UPDATE SET score = excluded.score, correct = excluded.correct,
		final_rank = excluded.final_rank, kicked = excluded.kicked`
	answerInsertHead = `INSERT INTO game_answers (game_id, player_no, question, choice, correct, points, elapsed_ms, answered_at)`
)

// savePlayers inserts new players and updates the changed ones.
func savePlayers(ctx context.Context, tx *sql.Tx, gameID int64, players []game.PlayerRecord) error {
	err := insertRows(ctx, tx, playerInsertHead, 10, playerInsertTail, len(players), func(dst []any, i int) []any {
		p := &players[i]
		var student any
		if p.StudentID > 0 {
			student = p.StudentID
		}
		return append(dst, gameID, p.No, p.Nickname, student, p.Team, p.Score, p.Correct, p.Rank,
			boolInt(p.Kicked), p.JoinedAt.UnixMilli())
	})
	if err != nil {
		return fmt.Errorf("players: %w", err)
	}
	return nil
}

// saveAnswers inserts the answers of one question.
func saveAnswers(ctx context.Context, tx *sql.Tx, gameID int64, answers []game.AnswerRecord) error {
	err := insertRows(ctx, tx, answerInsertHead, 8, "", len(answers), func(dst []any, i int) []any {
		a := &answers[i]
		return append(dst, gameID, a.PlayerNo, a.Question, a.Option, boolInt(a.Correct), a.Points,
			a.ElapsedMs, a.AnsweredAt.UnixMilli())
	})
	if err != nil {
		return fmt.Errorf("answers: %w", err)
	}
	return nil
}
