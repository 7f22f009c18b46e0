package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"sync/atomic"
	"time"

	"animalgenius/app/achievements"
	"animalgenius/app/jsontime"
)

var _ achievements.Store = (*Store)(nil)

// Achievements are earned inside the transactions of the events that earn
// them (see achievements.Earned). Every writer calls grantAchievements;
// the primary key records each code once per student, and a student
// removed meanwhile simply earns nothing.

// achievementsOff is set only by the overhead benchmark (export_test.go),
// which times the quiz submission and the purchase with and without the
// achievement check in the same run.
var achievementsOff atomic.Bool

// grantAchievements records what ev earns for each of studentIDs, which
// the transaction has just read or written (so they are there).
func grantAchievements(ctx context.Context, tx wtx, studentIDs []int64, ev achievements.Event, now time.Time) error {
	return grantEach(ctx, tx, qAchievementGrant, studentIDs, ev, now)
}

// grantAchievementsIfThere is grantAchievements for students that may have
// been removed since the event began (a live game's players): those earn
// nothing.
func grantAchievementsIfThere(ctx context.Context, tx wtx, studentIDs []int64, ev achievements.Event, now time.Time) error {
	return grantEach(ctx, tx, qAchievementGrantIfThere, studentIDs, ev, now)
}

func grantEach(ctx context.Context, tx wtx, query string, studentIDs []int64, ev achievements.Event, now time.Time) error {
	if achievementsOff.Load() {
		return nil
	}
	codes := achievements.Earned(ev)
	for _, id := range studentIDs {
		for _, code := range codes {
			if _, err := tx.exec(ctx, query, code, now.UnixMilli(), id); err != nil {
				return fmt.Errorf("store: unable to record achievement %s: %w", code, err)
			}
		}
	}
	return nil
}

// joinedEvent is the achievement event of a quiz submission by a student
// of class classID. It carries the lessons the class has completed: a
// pupil who joins after them holds the class's lesson achievements like
// everyone in it (else "Week of Connection" showed 5 of 5, unearned).
func joinedEvent(ctx context.Context, tx wtx, classID int64) (achievements.Event, error) {
	ev := achievements.Event{Kind: achievements.QuizSubmitted}
	if err := tx.row(ctx, qClassLessonsDone, classID).Scan(&ev.ClassLessonsCompleted); err != nil {
		return ev, fmt.Errorf("store: unable to count completed lessons: %w", err)
	}
	return ev, nil
}

// petHappyStreak moves a student's happy-pet streak after a care action
// and returns the days running (today included).
func petHappyStreak(ctx context.Context, tx wtx, studentID int64, happy bool, now time.Time) (int, error) {
	var last string
	var days int
	err := tx.row(ctx, qPetStreakGet, studentID).Scan(&last, &days)
	if err != nil && err != sql.ErrNoRows {
		return 0, fmt.Errorf("store: unable to read the pet streak: %w", err)
	}
	today := achievements.Day(now)
	nextDay, next := achievements.NextStreak(last, days, today, happy)
	if nextDay == last && next == days {
		return achievements.CurrentStreak(last, days, today), nil
	}
	if _, err := tx.exec(ctx, qPetStreakPut, studentID, nextDay, next); err != nil {
		return 0, fmt.Errorf("store: unable to save the pet streak: %w", err)
	}
	return next, nil
}

// StudentAchievements lists what a student earned and the measures behind
// progress (its pet's happy days, its class's completed lessons).
func (s *Store) StudentAchievements(ctx context.Context, studentID int64) (int64, []achievements.Earning, achievements.Facts, error) {
	var f achievements.Facts
	var classID int64
	err := s.read.QueryRowContext(ctx, `SELECT class_id FROM students WHERE id = ?`, studentID).Scan(&classID)
	if err == sql.ErrNoRows {
		return 0, nil, f, achievements.ErrNotFound
	}
	if err != nil {
		return 0, nil, f, fmt.Errorf("store: unable to load student: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT code, earned_at, seen_at IS NOT NULL FROM student_achievements WHERE student_id = ? ORDER BY earned_at, code`, studentID)
	if err != nil {
		return 0, nil, f, fmt.Errorf("store: unable to list achievements: %w", err)
	}
	defer rows.Close()
	out := []achievements.Earning{}
	for rows.Next() {
		var e achievements.Earning
		var at int64
		if err := rows.Scan(&e.Code, &at, &e.Seen); err != nil {
			return 0, nil, f, err
		}
		e.EarnedAt = jsontime.UnixMilli(at)
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return 0, nil, f, err
	}
	var last string
	var days int
	err = s.read.QueryRowContext(ctx, `SELECT last_day, days FROM pet_happy_streaks WHERE student_id = ?`, studentID).Scan(&last, &days)
	if err != nil && err != sql.ErrNoRows {
		return 0, nil, f, fmt.Errorf("store: unable to read the pet streak: %w", err)
	}
	f.PetHappyDays = achievements.CurrentStreak(last, days, achievements.Day(time.Now()))
	err = s.read.QueryRowContext(ctx, qClassLessonsDone, classID).Scan(&f.ClassLessonsCompleted)
	if err != nil {
		return 0, nil, f, fmt.Errorf("store: unable to count completed lessons: %w", err)
	}
	return classID, out, f, nil
}

// MarkAchievementsSeen records that the student's home celebrated codes
// (only codes the student holds and had not seen change).
func (s *Store) MarkAchievementsSeen(ctx context.Context, studentID int64, codes []string) (int, error) {
	list, _ := json.Marshal(codes)
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE student_achievements SET seen_at = ?
			WHERE student_id = ? AND seen_at IS NULL AND code IN (SELECT value FROM json_each(?))`, time.Now().UnixMilli(), studentID, string(list))
		if err != nil {
			return err
		}
		n, err = res.RowsAffected()
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to mark achievements seen: %w", err)
	}
	return int(n), nil
}

// ClassAchievementCounts is how many achievements each student of the
// class holds (every student, 0 included).
func (s *Store) ClassAchievementCounts(ctx context.Context, classID int64) (map[int64]int, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT s.id, COUNT(a.code) FROM students s
		LEFT JOIN student_achievements a ON a.student_id = s.id WHERE s.class_id = ? GROUP BY s.id`, classID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to count achievements: %w", err)
	}
	defer rows.Close()
	out := map[int64]int{}
	for rows.Next() {
		var id int64
		var n int
		if err := rows.Scan(&id, &n); err != nil {
			return nil, err
		}
		out[id] = n
	}
	return out, rows.Err()
}
