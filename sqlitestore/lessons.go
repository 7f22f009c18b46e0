package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/achievements"
	"animalgenius/app/economy"
	"animalgenius/app/jsontime"
	"animalgenius/app/lessons"
)

var _ lessons.Store = (*Store)(nil)

const progressColumns = `class_id, lesson_id, status, current_activity, done, completions, started_at, completed_at, updated_at`

func scanProgress(row interface{ Scan(...any) error }) (lessons.Progress, error) {
	var p lessons.Progress
	var started, completed sql.NullInt64
	var updated int64
	err := row.Scan(&p.ClassID, &p.LessonID, &p.Status, &p.Current, &p.Done, &p.Completions, &started, &completed, &updated)
	if started.Valid {
		p.StartedAt = jsontime.UnixMilli(started.Int64)
	}
	if completed.Valid {
		p.CompletedAt = jsontime.UnixMilli(completed.Int64)
	}
	p.UpdatedAt = jsontime.UnixMilli(updated)
	return p, err
}

func millisOrNull(t jsontime.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UnixMilli()
}

// ClassLessons returns the progress rows of the classes (lessons never
// started have none).
func (s *Store) ClassLessons(ctx context.Context, classIDs []int64) (map[int64][]lessons.Progress, error) {
	ids, _ := json.Marshal(classIDs)
	rows, err := s.read.QueryContext(ctx, `SELECT `+progressColumns+` FROM lesson_progress
		WHERE class_id IN (SELECT value FROM json_each(?)) ORDER BY class_id, lesson_id`, string(ids))
	if err != nil {
		return nil, fmt.Errorf("store: unable to list lesson progress: %w", err)
	}
	defer rows.Close()
	out := map[int64][]lessons.Progress{}
	for rows.Next() {
		p, err := scanProgress(rows)
		if err != nil {
			return nil, err
		}
		out[p.ClassID] = append(out[p.ClassID], p)
	}
	return out, rows.Err()
}

// ChangeLesson applies a teacher's action (lessons.Apply) in one
// transaction. When it completes the lesson, every current student of
// the class not yet paid for this lesson gets its coins through the
// ledger, and the class's students earn their achievements, in the same
// transaction.
func (s *Store) ChangeLesson(ctx context.Context, c lessons.Change, now time.Time) (lessons.Result, error) {
	var res lessons.Result
	err := s.Write(ctx, func(sqltx *sql.Tx) error {
		res = lessons.Result{}
		tx := wtx{sqltx, s}
		if err := classWritable(ctx, sqltx, c.ClassID); err != nil {
			return err
		}
		before, err := scanProgress(tx.QueryRowContext(ctx, `SELECT `+progressColumns+` FROM lesson_progress WHERE class_id = ? AND lesson_id = ?`, c.ClassID, c.LessonID))
		if errors.Is(err, sql.ErrNoRows) {
			before, err = lessons.Fresh(c.ClassID, c.LessonID), nil
		}
		if err != nil {
			return fmt.Errorf("store: unable to load lesson progress: %w", err)
		}
		after, err := lessons.Apply(before, c, now)
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO lesson_progress (`+progressColumns+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (class_id, lesson_id) DO UPDATE SET status = excluded.status, current_activity = excluded.current_activity,
				done = excluded.done, completions = excluded.completions, started_at = excluded.started_at,
				completed_at = excluded.completed_at, updated_at = excluded.updated_at`,
			c.ClassID, c.LessonID, after.Status, after.Current, after.Done, after.Completions,
			millisOrNull(after.StartedAt), millisOrNull(after.CompletedAt), after.UpdatedAt.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: unable to save lesson progress: %w", err)
		}
		res.Progress = after
		if !lessons.Pays(before, after) {
			return nil
		}
		res.Coins = lessons.CoinsPerCompletion
		res.Paid, err = payLesson(ctx, tx, c, now)
		return err
	})
	if errors.Is(err, economy.ErrNotFound) {
		return res, lessons.ErrNotFound
	}
	if errors.Is(err, economy.ErrClassArchived) {
		return res, lessons.ErrClassArchived
	}
	return res, err
}

func payLesson(ctx context.Context, tx wtx, c lessons.Change, now time.Time) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id FROM students WHERE class_id = ? ORDER BY id`, c.ClassID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the class's students: %w", err)
	}
	var everyone []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, err
		}
		everyone = append(everyone, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	l, _ := lessons.ByID(c.LessonID)
	reason := "Lesson " + fmt.Sprint(l.ID) + ": " + l.Title
	var paid []int64
	for _, id := range everyone {
		ok, err := appendLedgerOnce(ctx, tx, id, lessons.CoinsPerCompletion, economy.TypeLessonReward, reason, lessons.PaymentKey(c.ClassID, c.LessonID, id), now)
		if err != nil {
			return nil, err
		}
		if ok {
			paid = append(paid, id)
		}
	}
	var done int
	if err := tx.QueryRowContext(ctx, qClassLessonsDone, c.ClassID).Scan(&done); err != nil {
		return nil, fmt.Errorf("store: unable to count completed lessons: %w", err)
	}
	ev := achievements.Event{Kind: achievements.LessonCompleted, ClassLessonsCompleted: done}
	return paid, grantAchievements(ctx, tx, everyone, ev, now)
}

// SaveFeedback records (or replaces) a teacher's feedback on a lesson.
func (s *Store) SaveFeedback(ctx context.Context, f lessons.Feedback, now time.Time) (lessons.Feedback, error) {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO lesson_feedback (account_id, lesson_id, stars, comment, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, lesson_id) DO UPDATE SET stars = excluded.stars,
			comment = excluded.comment, updated_at = excluded.updated_at`, f.AccountID, f.LessonID, f.Stars, f.Comment, now.UnixMilli(), now.UnixMilli())
		return err
	})
	if err != nil {
		return f, fmt.Errorf("store: unable to save lesson feedback: %w", err)
	}
	f.UpdatedAt = jsontime.Of(now)
	return f, nil
}

func (s *Store) listFeedback(ctx context.Context, where string, args ...any) ([]lessons.Feedback, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT f.account_id, a.display_name, f.lesson_id, f.stars, f.comment, f.updated_at
		FROM lesson_feedback f JOIN accounts a ON a.id = f.account_id `+where+` ORDER BY f.lesson_id, f.updated_at DESC, f.account_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list lesson feedback: %w", err)
	}
	defer rows.Close()
	out := []lessons.Feedback{}
	for rows.Next() {
		var f lessons.Feedback
		var at int64
		if err := rows.Scan(&f.AccountID, &f.Teacher, &f.LessonID, &f.Stars, &f.Comment, &at); err != nil {
			return nil, err
		}
		f.UpdatedAt = jsontime.UnixMilli(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// AccountFeedback is one teacher's feedback on every lesson they rated.
func (s *Store) AccountFeedback(ctx context.Context, accountID int64) ([]lessons.Feedback, error) {
	return s.listFeedback(ctx, `WHERE f.account_id = ?`, accountID)
}

// AllFeedback is every teacher's feedback, with names (for admins).
func (s *Store) AllFeedback(ctx context.Context) ([]lessons.Feedback, error) {
	return s.listFeedback(ctx, ``)
}
