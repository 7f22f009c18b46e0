package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"animalgenius/app/jsontime"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

// The quiz submission is the busiest write of the box (a whole school
// finishing the quiz at once), so it is one short transaction of plain
// inserts, run through WriteGrouped so the submissions queued while one
// group commits share the next fsync. Everything that needs no database
// (checks, scoring, random codes, the session token) was done before.

// The statements of a first submission, prepared once (see prepared.go).
const (
	replayedSQL      = `SELECT student_id FROM quiz_results WHERE submission_key = ?`
	passportUsedSQL  = `SELECT 1 FROM students WHERE passport_code = ?`
	insertStudentSQL = `INSERT INTO students (id, class_id, first_name, last_initial, name_key, passport_code, coins, created_at,
		` + resultColumns + `, completed_at) VALUES (` + nextStudentID + `, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		RETURNING id`
	insertResultSQL = `INSERT INTO quiz_results (student_id, submission_key, answers, ` + resultColumns + `, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
	// The new student's balance is the bonus, so balance_after is too.
	insertWelcomeSQL = `INSERT INTO coin_ledger (student_id, amount, type, reason, balance_after, created_at)
		VALUES (?, ?, 'welcome_bonus', 'Welcome to Animal Genius!', ?, ?)`
)

var submitStatements = []string{replayedSQL, joinClassSQL, nameTakenSQL, passportUsedSQL, insertStudentSQL,
	insertResultSQL, insertWelcomeSQL, sessionInsertSQL, deletePendingSQL}

// replayed finds a submission key seen before: the student it made, or 0.
func (s *Store) replayed(ctx context.Context, tx *sql.Tx, key string) (int64, error) {
	st, err := s.txStmt(ctx, tx, replayedSQL)
	if err != nil {
		return 0, err
	}
	var id int64
	err = st.QueryRowContext(ctx, key).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to look up a submission key: %w", err)
	}
	return id, nil
}

// exec runs a prepared statement of the submission path.
func (s *Store) exec(ctx context.Context, tx *sql.Tx, query string, args ...any) error {
	st, err := s.txStmt(ctx, tx, query)
	if err != nil {
		return err
	}
	_, err = st.ExecContext(ctx, args...)
	return err
}

// CreateStudent commits a first submission (see students.Store).
//
// Nearly every submission is a new pupil with a new key, a free name and
// a free passport code, and the unique indexes on all three refuse
// anything else. So the first try inserts straight away, without looking
// any of them up (three statements fewer, a fifth of the transaction).
// When an index refuses it, or the class refuses a pupil (unknown code,
// archived, full: a replay must still get its first answer), that try is
// rolled back and a checked one runs in the next group: it looks up the
// key (a replay answers as before), then the class, the name (taken: the
// refusal and its suggestion) and the passport codes, as if the first try
// had never happened.
func (s *Store) CreateStudent(ctx context.Context, n students.NewStudent) (students.Submitted, error) {
	if err := s.prepare(ctx, submitStatements...); err != nil {
		return students.Submitted{}, err
	}
	var out students.Submitted
	try := func(checked bool) error {
		return s.WriteGrouped(ctx, func(tx *sql.Tx) error {
			var err error
			out, err = s.submitNew(ctx, tx, n, checked)
			return err
		})
	}
	err := try(false)
	if errors.Is(err, errNeedsChecks) {
		err = try(true)
	}
	return out, err
}

// errNeedsChecks: the unchecked try met something only the checked one
// can answer.
var errNeedsChecks = errors.New("store: a submission needs its checked try")

// submitNew is one try of CreateStudent; checked looks up the key, the
// name and the passport codes before inserting.
func (s *Store) submitNew(ctx context.Context, tx *sql.Tx, n students.NewStudent, checked bool) (students.Submitted, error) {
	if checked {
		prev, err := s.replayed(ctx, tx, n.Key)
		if err != nil {
			return students.Submitted{}, err
		}
		if prev > 0 {
			return s.replaySubmission(ctx, tx, n, prev)
		}
	}
	q, err := s.txStmt(ctx, tx, joinClassSQL)
	if err != nil {
		return students.Submitted{}, err
	}
	info, err := joinClass(ctx, q, n.ClassCode)
	if err == nil {
		err = students.Joinable(info)
	}
	if err != nil {
		if !checked {
			return students.Submitted{}, errNeedsChecks
		}
		return students.Submitted{}, err
	}
	if len(n.Passports) == 0 {
		return students.Submitted{}, errors.New("store: no passport code offered")
	}
	code := n.Passports[0]
	var initials map[string]bool
	if checked {
		q, err = s.txStmt(ctx, tx, nameTakenSQL)
		if err != nil {
			return students.Submitted{}, err
		}
		var taken bool
		taken, initials, err = nameTaken(ctx, q, info.ID, n.Name)
		if err != nil {
			return students.Submitted{}, err
		}
		if taken {
			return students.Submitted{}, nameTakenError(n.Name, initials)
		}
		if code, err = s.freePassport(ctx, tx, n.Passports); err != nil {
			return students.Submitted{}, err
		}
	}
	now := n.Now.UnixMilli()
	args := append([]any{info.ID, n.Name.First, n.Name.Initial, n.Name.Key(), code, n.Bonus, now}, resultArgs(n.Result)...)
	ins, err := s.txStmt(ctx, tx, insertStudentSQL)
	if err != nil {
		return students.Submitted{}, err
	}
	var id int64
	err = ins.QueryRowContext(ctx, append(args, now)...).Scan(&id)
	if isUniqueViolation(err) {
		if !checked {
			return students.Submitted{}, errNeedsChecks
		}
		// Only a bug could get here (the name and the code were checked in
		// this transaction), but the index makes it a refusal, never a
		// duplicate.
		return students.Submitted{}, nameTakenError(n.Name, initials)
	}
	if err != nil {
		return students.Submitted{}, fmt.Errorf("store: unable to create student: %w", err)
	}
	if err := s.insertResult(ctx, tx, id, n.Key, n.Answers, n.Result, now); err != nil {
		if !checked && isUniqueViolation(err) {
			return students.Submitted{}, errNeedsChecks // the key: a replay, or reused
		}
		return students.Submitted{}, err
	}
	// The pupil is no longer working on the quiz: it has finished.
	if err := s.exec(ctx, tx, deletePendingSQL, info.ID, n.Name.Key(), n.Name.Initial); err != nil {
		return students.Submitted{}, fmt.Errorf("store: unable to end a pending join: %w", err)
	}
	if n.Bonus > 0 {
		if err := s.exec(ctx, tx, insertWelcomeSQL, id, n.Bonus, n.Bonus, now); err != nil {
			return students.Submitted{}, fmt.Errorf("store: unable to pay the welcome bonus: %w", err)
		}
	}
	ev, err := joinedEvent(ctx, wtx{tx, s}, info.ID)
	if err != nil {
		return students.Submitted{}, err
	}
	if err := grantAchievements(ctx, wtx{tx, s}, []int64{id}, ev, n.Now); err != nil {
		return students.Submitted{}, err
	}
	sess := n.Session
	sess.SubjectID = id
	if err := s.exec(ctx, tx, sessionInsertSQL, sessionInsertArgs(sess)...); err != nil {
		return students.Submitted{}, fmt.Errorf("store: unable to create session: %w", err)
	}
	// The row is exactly what was inserted: no need to read it back.
	return students.Submitted{Student: students.Student{ID: id, ClassID: info.ID, FirstName: n.Name.First,
		LastInitial: n.Name.Initial, Name: n.Name.Display(), PassportCode: code, Coins: n.Bonus, CreatedAt: jsontime.UnixMilli(now),
		Result: &students.Result{Result: n.Result, CompletedAt: jsontime.UnixMilli(now)}}}, nil
}

// replaySubmission answers a submission whose key made student prev
// before: the same student, with a new session, if the name matches.
func (s *Store) replaySubmission(ctx context.Context, tx *sql.Tx, n students.NewStudent, prev int64) (students.Submitted, error) {
	st, err := studentByID(ctx, tx, prev)
	if err != nil {
		return students.Submitted{}, err
	}
	if strings.ToLower(st.FirstName) != n.Name.Key() || st.LastInitial != n.Name.Initial {
		return students.Submitted{}, students.ErrKeyReused
	}
	sess := n.Session
	sess.SubjectID = st.ID
	if err := s.exec(ctx, tx, sessionInsertSQL, sessionInsertArgs(sess)...); err != nil {
		return students.Submitted{}, fmt.Errorf("store: unable to create session: %w", err)
	}
	return students.Submitted{Student: st, Replayed: true}, nil
}

func nameTakenError(n students.Name, initials map[string]bool) error {
	return &students.NameTakenError{Name: n, Suggestion: students.Suggest(n, initials)}
}

// freePassport returns the first of codes not in use.
func (s *Store) freePassport(ctx context.Context, tx *sql.Tx, codes []string) (string, error) {
	q, err := s.txStmt(ctx, tx, passportUsedSQL)
	if err != nil {
		return "", err
	}
	for _, c := range codes {
		var one int
		err := q.QueryRowContext(ctx, c).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return c, nil
		}
		if err != nil {
			return "", fmt.Errorf("store: unable to check a passport code: %w", err)
		}
	}
	return "", errors.New("store: every offered passport code is in use")
}

func resultInsertArgs(studentID int64, key, answers string, r quiz.Result, now int64) []any {
	return append(append([]any{studentID, key, answers}, resultArgs(r)...), now)
}

func (s *Store) insertResult(ctx context.Context, tx *sql.Tx, studentID int64, key, answers string, r quiz.Result, now int64) error {
	if err := s.exec(ctx, tx, insertResultSQL, resultInsertArgs(studentID, key, answers, r, now)...); err != nil {
		return fmt.Errorf("store: unable to store quiz result: %w", err)
	}
	return nil
}

// AddResult commits a retake (see students.Store).
func (s *Store) AddResult(ctx context.Context, r students.NewResult) (students.Submitted, error) {
	var out students.Submitted
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		out = students.Submitted{}
		prev, err := s.replayed(ctx, tx, r.Key)
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
		if err := s.insertResult(ctx, tx, st.ID, r.Key, r.Answers, r.Result, now); err != nil {
			return err
		}
		args := append(resultArgs(r.Result), now, st.ID)
		if _, err := tx.ExecContext(ctx, `UPDATE students SET (`+resultColumns+`, completed_at) =
			(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) WHERE id = ?`, args...); err != nil {
			return fmt.Errorf("store: unable to update the result of student %d: %w", st.ID, err)
		}
		ev, err := joinedEvent(ctx, wtx{tx, s}, st.ClassID)
		if err != nil {
			return err
		}
		if err := grantAchievements(ctx, wtx{tx, s}, []int64{st.ID}, ev, r.Now); err != nil {
			return err
		}
		st, err = studentByID(ctx, tx, st.ID)
		out = students.Submitted{Student: st}
		return err
	})
	return out, err
}
