package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/game"
	"animalgenius/app/jsontime"
)

// QuestionSets lists a teacher's own sets, most recently changed first.
func (s *Store) QuestionSets(ctx context.Context, ownerID int64) ([]game.SetSummary, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT s.id, s.title, s.description,
			(SELECT count(*) FROM set_questions q WHERE q.set_id = s.id), s.updated_at
		FROM question_sets s WHERE s.owner_id = ? ORDER BY s.updated_at DESC, s.id DESC`, ownerID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list question sets: %w", err)
	}
	defer rows.Close()
	out := []game.SetSummary{}
	for rows.Next() {
		var ss game.SetSummary
		var updated int64
		if err := rows.Scan(&ss.ID, &ss.Title, &ss.Description, &ss.Questions, &updated); err != nil {
			return nil, fmt.Errorf("store: unable to list question sets: %w", err)
		}
		ss.UpdatedAt = jsontime.UnixMilli(updated)
		out = append(out, ss)
	}
	return out, rows.Err()
}

// QuestionSet reads a set with its questions.
func (s *Store) QuestionSet(ctx context.Context, id int64) (game.Set, error) {
	var set game.Set
	var created, updated int64
	err := s.Reader.QueryRowContext(ctx, `SELECT id, owner_id, title, description, created_at, updated_at FROM question_sets WHERE id = ?`, id).
		Scan(&set.ID, &set.OwnerID, &set.Title, &set.Description, &created, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return set, game.ErrNotFound
	}
	if err != nil {
		return set, fmt.Errorf("store: unable to read question set %d: %w", id, err)
	}
	set.CreatedAt, set.UpdatedAt = jsontime.UnixMilli(created), jsontime.UnixMilli(updated)
	// A picture shows only when it is the set owner's finished upload.
	rows, err := s.Reader.QueryContext(ctx, `SELECT q.text, q.options, q.correct, q.seconds, coalesce(q.image_id, 0), coalesce(u.file, '')
		FROM set_questions q LEFT JOIN question_uploads u ON u.id = q.image_id AND u.owner_id = ? AND u.status = 'done'
		WHERE q.set_id = ? ORDER BY q.position`, set.OwnerID, id)
	if err != nil {
		return set, fmt.Errorf("store: unable to read question set %d: %w", id, err)
	}
	defer rows.Close()
	set.Questions = []game.Question{}
	for rows.Next() {
		var q game.Question
		var opts string
		if err := rows.Scan(&q.Text, &opts, &q.Correct, &q.Seconds, &q.Image, &q.ImageFile); err != nil {
			return set, fmt.Errorf("store: unable to read question set %d: %w", id, err)
		}
		if err := json.Unmarshal([]byte(opts), &q.Options); err != nil {
			return set, fmt.Errorf("store: unable to read question set %d: %w", id, err)
		}
		set.Questions = append(set.Questions, q)
	}
	return set, rows.Err()
}

func insertSetQuestions(ctx context.Context, tx *sql.Tx, setID int64, qs []game.Question) error {
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO set_questions (set_id, position, text, options, correct, seconds, image_id)
		VALUES (?, ?, ?, ?, ?, ?, ?)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for i, q := range qs {
		opts, err := json.Marshal(q.Options)
		if err != nil {
			return err
		}
		var image any
		if q.Image > 0 {
			image = q.Image
		}
		if _, err := stmt.ExecContext(ctx, setID, i, q.Text, string(opts), q.Correct, q.Seconds, image); err != nil {
			return fmt.Errorf("question %d: %w", i, err)
		}
	}
	return nil
}

// CreateQuestionSet saves a new set for set.OwnerID (already normalised).
func (s *Store) CreateQuestionSet(ctx context.Context, set game.Set, now time.Time) (int64, error) {
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO question_sets (owner_id, title, description, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?) RETURNING id`, set.OwnerID, set.Title, set.Description, now.UnixMilli(), now.UnixMilli()).Scan(&id); err != nil {
			return err
		}
		return insertSetQuestions(ctx, tx, id, set.Questions)
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to create question set: %w", err)
	}
	return id, nil
}

// UpdateQuestionSet replaces the title, description and questions of a
// set owned by set.OwnerID; another owner's set is ErrNotFound.
func (s *Store) UpdateQuestionSet(ctx context.Context, set game.Set, now time.Time) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE question_sets SET title = ?, description = ?, updated_at = ? WHERE id = ? AND owner_id = ?`,
			set.Title, set.Description, now.UnixMilli(), set.ID, set.OwnerID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return game.ErrNotFound
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM set_questions WHERE set_id = ?`, set.ID); err != nil {
			return err
		}
		return insertSetQuestions(ctx, tx, set.ID, set.Questions)
	})
	if errors.Is(err, game.ErrNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: unable to update question set %d: %w", set.ID, err)
	}
	return nil
}

// DeleteQuestionSet deletes a set of ownerID. Games played with it keep
// their own copy of the questions.
func (s *Store) DeleteQuestionSet(ctx context.Context, id, ownerID int64) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM question_sets WHERE id = ? AND owner_id = ?`, id, ownerID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return game.ErrNotFound
		}
		return nil
	})
	if errors.Is(err, game.ErrNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: unable to delete question set %d: %w", id, err)
	}
	return nil
}
