package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"animalgenius/app/classes"
	"animalgenius/app/jsontime"
	"animalgenius/app/quiz"
	"animalgenius/app/students"
)

var _ students.Store = (*Store)(nil)

// studentCols is a student row with its current result (NULLs: not yet).
const studentCols = `st.id, st.class_id, st.first_name, st.last_initial, st.passport_code, st.coins, st.created_at,
	st.type, st.animal, st.genius, st.learning_style, st.styles, st.e, st.i, st.s, st.n, st.t, st.f, st.j, st.p,
	st.visual, st.auditory, st.reading_writing, st.kinesthetic, st.bank_version, st.completed_at`

func scanStudentRow(row interface{ Scan(...any) error }) (students.Student, error) {
	var st students.Student
	var created int64
	var typ, animal, genius, style, styles, bank sql.NullString
	var counts [12]sql.NullInt64
	var completed sql.NullInt64
	err := row.Scan(&st.ID, &st.ClassID, &st.FirstName, &st.LastInitial, &st.PassportCode, &st.Coins, &created,
		&typ, &animal, &genius, &style, &styles, &counts[0], &counts[1], &counts[2], &counts[3], &counts[4], &counts[5],
		&counts[6], &counts[7], &counts[8], &counts[9], &counts[10], &counts[11], &bank, &completed)
	if errors.Is(err, sql.ErrNoRows) {
		return st, students.ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("store: unable to read student: %w", err)
	}
	st.Name = students.Name{First: st.FirstName, Initial: st.LastInitial}.Display()
	st.CreatedAt = jsontime.UnixMilli(created)
	if completed.Valid {
		var c [12]int
		for i, v := range counts {
			c[i] = int(v.Int64)
		}
		r := resultFromColumns(bank.String, c)
		st.Result = &students.Result{Result: r, CompletedAt: jsontime.UnixMilli(completed.Int64)}
		// The stored letters win over a recomputation (they are what was shown).
		st.Result.Type, st.Result.Animal, st.Result.Genius, st.Result.LearningStyle = typ.String, animal.String, genius.String, style.String
		st.Result.Styles = splitStyles(styles.String)
		st.Result.Multimodal = len(st.Result.Styles) > 1
	}
	return st, nil
}

// resultFromColumns rebuilds a result from the eight pole and four style counts.
func resultFromColumns(bank string, c [12]int) quiz.Result {
	return quiz.ResultFromCounts(bank,
		quiz.PoleCounts{E: c[0], I: c[1], S: c[2], N: c[3], T: c[4], F: c[5], J: c[6], P: c[7]},
		quiz.StyleCounts{Visual: c[8], Auditory: c[9], ReadingWriting: c[10], Kinesthetic: c[11]})
}

func splitStyles(s string) []string {
	if s == "" {
		return []string{}
	}
	return strings.Split(s, ",")
}

// resultArgs are a result's columns in the order of resultColumns.
const resultColumns = `type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p,
	visual, auditory, reading_writing, kinesthetic, bank_version`

func resultArgs(r quiz.Result) []any {
	p, c := r.Poles, r.StyleCounts
	return []any{r.Type, r.Animal, r.Genius, r.LearningStyle, strings.Join(r.Styles, ","),
		p.E, p.I, p.S, p.N, p.T, p.F, p.J, p.P, c.Visual, c.Auditory, c.ReadingWriting, c.Kinesthetic, r.BankVersion}
}

// joinClassSQL reads the class and its size, kept by migration 0011's
// triggers (counting a class of 1,000 was a fifth of a submission's CPU).
const joinClassSQL = `SELECT c.id, c.code, c.name, c.grade, c.icon, c.colour, c.allow_retakes, c.archived_at, c.seat_limit,
		c.student_count FROM classes c WHERE c.code = ?`

// rowQuerier is a *sql.DB, *sql.Tx or prepared *sql.Stmt that runs one query.
type rowQuerier interface {
	QueryRowContext(ctx context.Context, args ...any) *sql.Row
}

// boundQuery adapts a db or tx with a fixed query to rowQuerier.
type boundQuery struct {
	q     querier
	query string
}

func (b boundQuery) QueryRowContext(ctx context.Context, args ...any) *sql.Row {
	return b.q.QueryRowContext(ctx, b.query, args...)
}

// joinClass reads the class behind a code with what a joining student needs.
func joinClass(ctx context.Context, q rowQuerier, code string) (students.ClassInfo, error) {
	var info students.ClassInfo
	var archived sql.NullInt64
	var limit, count int
	err := q.QueryRowContext(ctx, code).
		Scan(&info.ID, &info.Code, &info.Name, &info.Grade, &info.Icon, &info.Colour, &info.AllowRetakes, &archived, &limit, &count)
	if errors.Is(err, sql.ErrNoRows) {
		return info, students.ErrClassNotFound
	}
	if err != nil {
		return info, fmt.Errorf("store: unable to read class by code: %w", err)
	}
	info.Archived = archived.Valid
	info.Full = classes.Class{SeatLimit: limit, Students: count}.Full()
	return info, nil
}

// JoinClass reads the class behind a join code.
func (s *Store) JoinClass(ctx context.Context, code string) (students.ClassInfo, error) {
	return joinClass(ctx, boundQuery{&s.read, joinClassSQL}, code)
}

const nameTakenSQL = `SELECT last_initial FROM students WHERE class_id = ? AND name_key = ?`

// rowsQuerier is a prepared *sql.Stmt, or a db with nameTakenSQL.
type rowsQuerier interface {
	QueryContext(ctx context.Context, args ...any) (*sql.Rows, error)
}

type boundRows struct{ db *sql.DB }

func (b boundRows) QueryContext(ctx context.Context, args ...any) (*sql.Rows, error) {
	return b.db.QueryContext(ctx, nameTakenSQL, args...)
}

// nameTaken tells whether the name is used in the class, and the initials
// used by students of the class with that first name (nameTakenSQL).
func nameTaken(ctx context.Context, q rowsQuerier, classID int64, n students.Name) (bool, map[string]bool, error) {
	rows, err := q.QueryContext(ctx, classID, n.Key())
	if err != nil {
		return false, nil, fmt.Errorf("store: unable to check a name: %w", err)
	}
	defer rows.Close()
	initials := map[string]bool{}
	for rows.Next() {
		var ini string
		if err := rows.Scan(&ini); err != nil {
			return false, nil, err
		}
		initials[ini] = true
	}
	if err := rows.Err(); err != nil {
		return false, nil, fmt.Errorf("store: unable to check a name: %w", err)
	}
	return initials[n.Initial], initials, nil
}

// NameTaken tells whether a name is used in a class.
func (s *Store) NameTaken(ctx context.Context, classID int64, n students.Name) (bool, map[string]bool, error) {
	return nameTaken(ctx, boundRows{s.Reader}, classID, n)
}

func studentByID(ctx context.Context, q querier, id int64) (students.Student, error) {
	return scanStudentRow(q.QueryRowContext(ctx, `SELECT `+studentCols+` FROM students st WHERE st.id = ?`, id))
}

// StudentByID reads one student.
func (s *Store) StudentByID(ctx context.Context, id int64) (students.Student, error) {
	return studentByID(ctx, &s.read, id)
}

// StudentByPassport finds the student with a canonical passport code.
func (s *Store) StudentByPassport(ctx context.Context, code string) (students.Student, error) {
	return scanStudentRow(s.read.QueryRowContext(ctx, `SELECT `+studentCols+` FROM students st WHERE st.passport_code = ?`, code))
}

// StudentHome reads a student with its class and every result, newest first.
func (s *Store) StudentHome(ctx context.Context, id int64) (students.Home, error) {
	var h students.Home
	st, err := studentByID(ctx, &s.read, id)
	if err != nil {
		return h, err
	}
	h.Student = st
	var archived sql.NullInt64
	err = s.read.QueryRowContext(ctx, `SELECT id, code, name, grade, icon, colour, allow_retakes, archived_at FROM classes WHERE id = ?`, st.ClassID).
		Scan(&h.Class.ID, &h.Class.Code, &h.Class.Name, &h.Class.Grade, &h.Class.Icon, &h.Class.Colour, &h.Class.AllowRetakes, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return h, students.ErrNotFound
	}
	if err != nil {
		return h, fmt.Errorf("store: unable to read the class of student %d: %w", id, err)
	}
	h.Class.Archived = archived.Valid
	rows, err := s.read.QueryContext(ctx, `SELECT bank_version, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic, created_at
		FROM quiz_results WHERE student_id = ? ORDER BY id DESC LIMIT 50`, id)
	if err != nil {
		return h, fmt.Errorf("store: unable to read results of student %d: %w", id, err)
	}
	defer rows.Close()
	h.History = []students.Result{}
	for rows.Next() {
		var bank string
		var c [12]int
		var at int64
		if err := rows.Scan(&bank, &c[0], &c[1], &c[2], &c[3], &c[4], &c[5], &c[6], &c[7], &c[8], &c[9], &c[10], &c[11], &at); err != nil {
			return h, err
		}
		h.History = append(h.History, students.Result{Result: resultFromColumns(bank, c), CompletedAt: jsontime.UnixMilli(at)})
	}
	return h, rows.Err()
}

// SetPassport gives a student of the class a new passport code with the
// prefix of its current animal (or its old prefix when it has no result).
func (s *Store) SetPassport(ctx context.Context, classID, studentID int64, newCode func(prefix string) string) (students.Student, error) {
	var st students.Student
	err := s.Write(ctx, func(tx *sql.Tx) error {
		cur, err := studentByID(ctx, tx, studentID)
		if err != nil || cur.ClassID != classID {
			return students.ErrNotFound
		}
		prefix := cur.PassportCode[:3]
		if cur.Result != nil {
			if a, ok := quiz.AnimalByCode(cur.Result.Animal); ok {
				prefix = a.Prefix
			}
		}
		for range 8 {
			code := newCode(prefix)
			_, err := tx.ExecContext(ctx, `UPDATE students SET passport_code = ? WHERE id = ?`, code, studentID)
			if isUniqueViolation(err) {
				continue
			}
			if err != nil {
				return fmt.Errorf("store: unable to change passport code of student %d: %w", studentID, err)
			}
			st, err = studentByID(ctx, tx, studentID)
			return err
		}
		return errors.New("store: no free passport code found")
	})
	return st, err
}

// DeleteStudent removes a student of the class; its results, ledger rows
// and sessions go with it.
func (s *Store) DeleteStudent(ctx context.Context, classID, studentID int64) error {
	return s.writeForget(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM students WHERE id = ? AND class_id = ?`, studentID, classID)
		if err != nil {
			return fmt.Errorf("store: unable to delete student %d: %w", studentID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return students.ErrNotFound
		}
		return nil
	})
}
