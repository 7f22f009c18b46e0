package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

// The quiz submission is the busiest write of the box (a whole school
// finishing the quiz at once), so it is one short transaction of plain
// inserts, run through WriteGrouped so the submissions queued while one
// group commits share the next fsync. Everything that needs no database
// (checks, scoring, random codes, the session token) was done before.

// replayed finds a submission key seen before: the student it made, or 0.
func replayed(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	var id int64
	err := tx.QueryRowContext(ctx, `SELECT student_id FROM quiz_results WHERE submission_key = ?`, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to look up a submission key: %w", err)
	}
	return id, nil
}

// CreateStudent commits a first submission (see students.Store).
func (s *Store) CreateStudent(ctx context.Context, n students.NewStudent) (students.Submitted, error) {
	var out students.Submitted
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		out = students.Submitted{}
		prev, err := replayed(ctx, tx, n.Key)
		if err != nil {
			return err
		}
		if prev > 0 {
			st, err := studentByID(ctx, tx, prev)
			if err != nil {
				return err
			}
			if strings.ToLower(st.FirstName) != n.Name.Key() || st.LastInitial != n.Name.Initial {
				return students.ErrKeyReused
			}
			sess := n.Session
			sess.SubjectID = st.ID
			if err := insertSession(ctx, tx, sess); err != nil {
				return err
			}
			out = students.Submitted{Student: st, Replayed: true}
			return nil
		}
		info, err := joinClass(ctx, tx, n.ClassCode)
		if err != nil {
			return err
		}
		switch {
		case info.Archived:
			return students.ErrClassClosed
		case info.Full:
			return students.ErrClassFull
		}
		taken, initials, err := nameTaken(ctx, tx, info.ID, n.Name)
		if err != nil {
			return err
		}
		if taken {
			return nameTakenError(n.Name, initials)
		}
		code, err := freePassport(ctx, tx, n.Passports)
		if err != nil {
			return err
		}
		now := n.Now.UnixMilli()
		args := append([]any{info.ID, n.Name.First, n.Name.Initial, n.Name.Key(), code, n.Bonus, now}, resultArgs(n.Result)...)
		var id int64
		err = tx.QueryRowContext(ctx, `INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at,
			`+resultColumns+`, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			RETURNING id`, append(args, now)...).Scan(&id)
		if isUniqueViolation(err) {
			// Only a bug could get here (the name was checked in this
			// transaction), but the index makes it a refusal, never a duplicate.
			return nameTakenError(n.Name, initials)
		}
		if err != nil {
			return fmt.Errorf("store: unable to create student: %w", err)
		}
		if err := insertResult(ctx, tx, id, n.Key, n.Answers, n.Result, now); err != nil {
			return err
		}
		if n.Bonus > 0 {
			if _, err := tx.ExecContext(ctx, `INSERT INTO coin_ledger (student_id, amount, type, reason, created_at)
				VALUES (?, ?, 'welcome_bonus', 'Welcome to Animal Genius!', ?)`, id, n.Bonus, now); err != nil {
				return fmt.Errorf("store: unable to pay the welcome bonus: %w", err)
			}
		}
		sess := n.Session
		sess.SubjectID = id
		if err := insertSession(ctx, tx, sess); err != nil {
			return err
		}
		st, err := studentByID(ctx, tx, id)
		out = students.Submitted{Student: st}
		return err
	})
	return out, err
}

func nameTakenError(n students.Name, initials map[string]bool) error {
	return &students.NameTakenError{Name: n, Suggestion: students.Suggest(n, initials)}
}

// freePassport returns the first of codes not in use.
func freePassport(ctx context.Context, tx *sql.Tx, codes []string) (string, error) {
	for _, c := range codes {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM students WHERE passport_code = ?`, c).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return c, nil
		}
		if err != nil {
			return "", fmt.Errorf("store: unable to check a passport code: %w", err)
		}
	}
	return "", errors.New("store: every offered passport code is in use")
}

func insertResult(ctx context.Context, tx *sql.Tx, studentID int64, key, answers string, r quiz.Result, now int64) error {
	args := append([]any{studentID, key, answers}, resultArgs(r)...)
	_, err := tx.ExecContext(ctx, `INSERT INTO quiz_results (student_id, submission_key, answers, `+resultColumns+`, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, append(args, now)...)
	if err != nil {
		return fmt.Errorf("store: unable to store quiz result: %w", err)
	}
	return nil
}

// AddResult commits a retake (see students.Store).
func (s *Store) AddResult(ctx context.Context, r students.NewResult) (students.Submitted, error) {
	var out students.Submitted
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		out = students.Submitted{}
		prev, err := replayed(ctx, tx, r.Key)
		if err != nil {
			return err
		}
		if prev > 0 && prev != r.StudentID {
			return students.ErrKeyReused
		}
		st, err := studentByID(ctx, tx, r.StudentID)
		if err != nil {
			return err
		}
		if prev > 0 {
			out = students.Submitted{Student: st, Replayed: true}
			return nil
		}
		var allow bool
		var archived sql.NullInt64
		if err := tx.QueryRowContext(ctx, `SELECT allow_retakes, archived_at FROM classes WHERE id = ?`, st.ClassID).Scan(&allow, &archived); err != nil {
			return fmt.Errorf("store: unable to read the class of student %d: %w", st.ID, err)
		}
		switch {
		case archived.Valid:
			return students.ErrClassClosed
		case !allow && st.Result != nil:
			return students.ErrRetakesOff
		}
		now := r.Now.UnixMilli()
		if err := insertResult(ctx, tx, st.ID, r.Key, r.Answers, r.Result, now); err != nil {
			return err
		}
		args := append(resultArgs(r.Result), now, st.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE students SET (`+resultColumns+`, completed_at) =
			(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, args...); err != nil {
			return fmt.Errorf("store: unable to update the result of student %d: %w", st.ID, err)
		}
		st, err = studentByID(ctx, tx, st.ID)
		out = students.Submitted{Student: st}
		return err
	})
	return out, err
}
