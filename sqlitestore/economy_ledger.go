package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/economy"
)

var _ economy.Store = (*Store)(nil)

// All SQL that writes coin_ledger is in this file: appendLedger is the only
// way coins move, and it changes the balance in the same transaction.

// appendLedger adds one ledger row and moves the student's balance by
// amount. The schema's CHECK (coins >= 0) refuses a balance below zero
// even if a caller forgot to check.
func appendLedger(ctx context.Context, tx wtx, studentID int64, amount int, kind, reason string, actor economy.Actor, now time.Time) (int, error) {
	var balance int
	err := tx.row(ctx, qBalanceAdd, amount, studentID).Scan(&balance)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, economy.ErrNotFound
	}
	if err != nil {
		if strings.Contains(err.Error(), "CHECK constraint failed") {
			return 0, &economy.NotEnoughCoinsError{Need: -amount}
		}
		return 0, fmt.Errorf("store: unable to change balance: %w", err)
	}
	var actorID any
	if actor.Kind != "system" && actor.ID != 0 {
		actorID = actor.ID
	}
	_, err = tx.exec(ctx, qLedgerInsert, studentID, amount, kind, reason, actor.Kind, actorID, balance, now.UnixMilli())
	if err != nil {
		return 0, fmt.Errorf("store: unable to append to the ledger: %w", err)
	}
	return balance, nil
}

// appendLedgerOnce is appendLedger for a payment that must happen at most
// once: key goes into the ledger's UNIQUE idempotency_key column, so a
// second payment with the same key is impossible even if a caller asked
// twice. It reports whether it paid.
func appendLedgerOnce(ctx context.Context, tx wtx, studentID int64, amount int, kind, reason, key string, now time.Time) (bool, error) {
	var seen int
	if err := tx.row(ctx, `SELECT COUNT(*) FROM coin_ledger WHERE idempotency_key = ?`, key).Scan(&seen); err != nil {
		return false, fmt.Errorf("store: unable to look up a payment: %w", err)
	}
	if seen > 0 {
		return false, nil
	}
	var balance int
	if err := tx.row(ctx, qBalanceAdd, amount, studentID).Scan(&balance); err != nil {
		return false, fmt.Errorf("store: unable to change balance: %w", err)
	}
	_, err := tx.exec(ctx, `INSERT INTO coin_ledger (student_id, amount, type, reason, actor_kind, balance_after, idempotency_key, created_at)
		VALUES (?, ?, ?, ?, 'system', ?, ?, ?)`, studentID, amount, kind, reason, balance, key, now.UnixMilli())
	if err != nil {
		return false, fmt.Errorf("store: unable to append to the ledger: %w", err)
	}
	return true, nil
}

const studentColumns = `id, class_id, first_name, last_initial, COALESCE(animal, ''), coins`

func scanStudent(row interface{ Scan(...any) error }) (economy.StudentRef, error) {
	var s economy.StudentRef
	err := row.Scan(&s.ID, &s.ClassID, &s.FirstName, &s.LastInitial, &s.Animal, &s.Coins)
	return s, err
}

// Student returns one student's name, class, animal and coins.
func (s *Store) Student(ctx context.Context, id int64) (economy.StudentRef, error) {
	st, err := scanStudent(s.read.QueryRowContext(ctx, `SELECT `+studentColumns+` FROM students WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return st, economy.ErrNotFound
	}
	if err != nil {
		return st, fmt.Errorf("store: unable to load student: %w", err)
	}
	return st, nil
}

// Grant gives or takes coins for several students of one class, all or
// nothing: a take that would leave anyone below zero names them and
// changes nothing.
func (s *Store) Grant(ctx context.Context, r economy.GrantRequest, now time.Time) (economy.GrantResult, error) {
	var out economy.GrantResult
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		var err error
		w := wtx{tx, s}
		out, err = idempotent(ctx, w, r.Request, now, func() (economy.GrantResult, error) {
			return grant(ctx, w, r, now)
		})
		return err
	})
	return out, err
}

func grant(ctx context.Context, tx wtx, r economy.GrantRequest, now time.Time) (economy.GrantResult, error) {
	var res economy.GrantResult
	if err := classWritable(ctx, tx.Tx, r.ClassID); err != nil {
		return res, err
	}
	var rows *sql.Rows
	var err error
	want := 0
	if r.All {
		rows, err = tx.QueryContext(ctx, `SELECT `+studentColumns+` FROM students WHERE class_id = ? ORDER BY id`, r.ClassID)
	} else {
		ids, _ := json.Marshal(r.StudentIDs)
		want = len(r.StudentIDs)
		rows, err = tx.QueryContext(ctx, `SELECT `+studentColumns+` FROM students
			WHERE class_id = ? AND id IN (SELECT value FROM json_each(?)) ORDER BY id`, r.ClassID, string(ids))
	}
	if err != nil {
		return res, fmt.Errorf("store: unable to load students: %w", err)
	}
	var students []economy.StudentRef
	for rows.Next() {
		st, err := scanStudent(rows)
		if err != nil {
			rows.Close()
			return res, err
		}
		students = append(students, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return res, err
	}
	if len(students) == 0 {
		if want > 0 {
			return res, economy.ErrStudentNotFound
		}
		return res, economy.ErrNoStudents
	}
	if !r.All && len(students) != want {
		return res, economy.ErrStudentNotFound
	}
	amount := r.Amount
	if r.Take {
		var short []economy.StudentRef
		for _, st := range students {
			if st.Coins < r.Amount {
				short = append(short, st)
			}
		}
		if len(short) > 0 {
			return res, &economy.ShortfallError{Students: short}
		}
		amount = -r.Amount
	}
	for _, st := range students {
		bal, err := appendLedger(ctx, tx, st.ID, amount, r.Type, r.Reason, r.Actor, now)
		if err != nil {
			return res, err
		}
		res.Balances = append(res.Balances, economy.Balance{StudentID: st.ID, Coins: bal})
	}
	return res, nil
}

// Ledger lists a student's coin movements, newest first, before beforeID (0: from the newest).
func (s *Store) Ledger(ctx context.Context, studentID, beforeID int64, limit int) ([]economy.LedgerEntry, error) {
	if beforeID <= 0 {
		beforeID = 1<<63 - 1
	}
	rows, err := s.read.QueryContext(ctx, `SELECT id, student_id, amount, type, reason, balance_after, created_at
		FROM coin_ledger WHERE student_id = ? AND id < ? ORDER BY id DESC LIMIT ?`, studentID, beforeID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list ledger: %w", err)
	}
	defer rows.Close()
	out := []economy.LedgerEntry{}
	for rows.Next() {
		var e economy.LedgerEntry
		var after sql.NullInt64
		var at int64
		if err := rows.Scan(&e.ID, &e.StudentID, &e.Amount, &e.Type, &e.Reason, &after, &at); err != nil {
			return nil, err
		}
		if after.Valid {
			v := int(after.Int64)
			e.BalanceAfter = &v
		}
		e.At = time.UnixMilli(at).UTC()
		out = append(out, e)
	}
	return out, rows.Err()
}

// checkLedger reports every student whose balance is not the sum of its
// ledger rows, and rows whose running balance is impossible.
func (s *Store) checkLedger(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT s.id, s.coins, COALESCE(SUM(l.amount), 0) FROM students s
		LEFT JOIN coin_ledger l ON l.student_id = s.id GROUP BY s.id HAVING s.coins <> COALESCE(SUM(l.amount), 0)`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to sum the ledger: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var id int64
		var coins, sum int
		if err := rows.Scan(&id, &coins, &sum); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("ledger: student %d has %d coins but the ledger adds up to %d", id, coins, sum))
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	chain, err := s.checkLedgerChain(ctx)
	return append(problems, chain...), err
}

// maxChainProblems bounds how many broken rows check names one by one; the
// rest are counted.
const maxChainProblems = 50

// checkLedgerChain checks every student's balance chain: in id order, each
// ledger row's balance_after is the sum of the student's rows up to it.
func (s *Store) checkLedgerChain(ctx context.Context) ([]string, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, student_id, balance_after, running FROM (
		SELECT id, student_id, balance_after, SUM(amount) OVER (PARTITION BY student_id ORDER BY id) AS running
		FROM coin_ledger) WHERE balance_after IS NULL OR balance_after <> running ORDER BY student_id, id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to walk the ledger's balances: %w", err)
	}
	defer rows.Close()
	var problems []string
	broken := 0
	for rows.Next() {
		var id, student, running int64
		var after sql.NullInt64
		if err := rows.Scan(&id, &student, &after, &running); err != nil {
			return nil, err
		}
		broken++
		if broken > maxChainProblems {
			continue
		}
		if !after.Valid {
			problems = append(problems, fmt.Sprintf("ledger: row %d of student %d has no balance after it (the rows up to it add up to %d)", id, student, running))
		} else {
			problems = append(problems, fmt.Sprintf("ledger: row %d of student %d says the balance after it is %d but the rows up to it add up to %d", id, student, after.Int64, running))
		}
	}
	if broken > maxChainProblems {
		problems = append(problems, fmt.Sprintf("ledger: %d more rows break their student's balance chain", broken-maxChainProblems))
	}
	return problems, rows.Err()
}
