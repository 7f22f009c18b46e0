package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/questionimages"
)

var _ questionimages.Store = (*Store)(nil)

// ReserveQuestionUpload adds a queued question picture for owner, in one
// transaction with the count of the owner's uploads since since, so two
// uploads at once cannot both take the last place of the budget.
func (s *Store) ReserveQuestionUpload(ctx context.Context, ownerID int64, perDay int, since, now time.Time) (int64, error) {
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM question_uploads WHERE owner_id = ? AND created_at > ?`,
			ownerID, since.UnixMilli()).Scan(&n); err != nil {
			return err
		}
		if n >= perDay {
			return questionimages.ErrBudget
		}
		return tx.QueryRowContext(ctx, `INSERT INTO question_uploads (owner_id, created_at, updated_at) VALUES (?, ?, ?) RETURNING id`,
			ownerID, now.UnixMilli(), now.UnixMilli()).Scan(&id)
	})
	if errors.Is(err, questionimages.ErrBudget) {
		return 0, err
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to reserve a question picture: %w", err)
	}
	return id, nil
}

// SetQuestionUploadJob records the job that processes a question picture.
func (s *Store) SetQuestionUploadJob(ctx context.Context, id, jobID int64) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE question_uploads SET job_id = ? WHERE id = ?`, jobID, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to record the job of question picture %d: %w", id, err)
	}
	return nil
}

// DeleteQuestionUpload removes a question picture whose job never got queued.
func (s *Store) DeleteQuestionUpload(ctx context.Context, id int64) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM question_uploads WHERE id = ?`, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to delete question picture %d: %w", id, err)
	}
	return nil
}

// RecordQuestionUpload records a question picture's new state (and its
// files when done). A finished upload never changes again.
func (s *Store) RecordQuestionUpload(ctx context.Context, u questionimages.Upload, now time.Time) error {
	var file, thumb any
	if u.State == questionimages.StateDone {
		file, thumb = u.File, u.Thumb
	}
	err := s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE question_uploads SET status = ?, file = ?, thumb = ?, error_code = ?, updated_at = ?
			WHERE id = ? AND status NOT IN ('done', 'failed')`, u.State, file, thumb, u.ErrorCode, now.UnixMilli(), u.ID)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: unable to update question picture %d: %w", u.ID, err)
	}
	return nil
}

// QuestionUpload reads one question picture.
func (s *Store) QuestionUpload(ctx context.Context, id int64) (questionimages.Upload, error) {
	var u questionimages.Upload
	var job sql.NullInt64
	var file, thumb sql.NullString
	var created int64
	err := s.Reader.QueryRowContext(ctx, `SELECT id, owner_id, job_id, file, thumb, status, error_code, created_at
		FROM question_uploads WHERE id = ?`, id).Scan(&u.ID, &u.OwnerID, &job, &file, &thumb, &u.State, &u.ErrorCode, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return u, questionimages.ErrNotFound
	}
	if err != nil {
		return u, fmt.Errorf("store: unable to read question picture %d: %w", id, err)
	}
	u.JobID, u.File, u.Thumb, u.CreatedAt = job.Int64, file.String, thumb.String, time.UnixMilli(created)
	return u, nil
}

// UsableQuestionUploads returns which of ids are owner's finished pictures.
func (s *Store) UsableQuestionUploads(ctx context.Context, ownerID int64, ids []int64) (map[int64]bool, error) {
	out := map[int64]bool{}
	if len(ids) == 0 {
		return out, nil
	}
	args := make([]any, 0, len(ids)+1)
	args = append(args, ownerID)
	for _, id := range ids {
		args = append(args, id)
	}
	rows, err := s.Reader.QueryContext(ctx, `SELECT id FROM question_uploads WHERE owner_id = ? AND status = 'done'
		AND id IN (?`+strings.Repeat(", ?", len(ids)-1)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check question pictures: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: unable to check question pictures: %w", err)
		}
		out[id] = true
	}
	return out, rows.Err()
}

// GameHasPicture reports whether a question of the game shows the picture
// file (the players' way to that file).
func (s *Store) GameHasPicture(ctx context.Context, gameID int64, file string) (bool, error) {
	var n int
	err := s.Reader.QueryRowContext(ctx, `SELECT count(*) FROM game_questions q JOIN question_uploads u ON u.id = q.image_id
		WHERE q.game_id = ? AND u.file = ?`, gameID, file).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: unable to read the pictures of game %d: %w", gameID, err)
	}
	return n > 0, nil
}

// GamePlayerStudent is the student a saved player of a game joined as (0:
// a nickname player); false when the game saved no such player.
func (s *Store) GamePlayerStudent(ctx context.Context, gameID int64, playerNo int) (int64, bool, error) {
	var student sql.NullInt64
	err := s.Reader.QueryRowContext(ctx, `SELECT student_id FROM game_players WHERE game_id = ? AND player_no = ? AND kicked = 0`,
		gameID, playerNo).Scan(&student)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, fmt.Errorf("store: unable to read player %d of game %d: %w", playerNo, gameID, err)
	}
	return student.Int64, true, nil
}
