package sqlitestore

import (
	"context"
	"database/sql"
	"sync"
)

// Hot statements. modernc's SQLite parses every statement it is given; on
// the busiest write path (a purchase is eight statements) parsing costs
// more CPU than the work itself, and with group commit the single writer
// is CPU-bound. The statements below are prepared once on the writer's one
// connection and reused inside transactions, bound once per transaction
// (Store.bind).

var hotQueries = []string{
	qSavepoint, qRollbackTo, qRelease,
	qBalanceAdd, qLedgerInsert,
	qIdemGet, qIdemPut,
	qBuyer, qItemByID, qOwned, qInventoryAdd,
	qStudentWritable,
	qSpeciesByID, qPetOf, qPetInsert, qPetUpdate, qStudentCoins,
	qAchievementGrant, qAchievementGrantIfThere, qPetStreakGet, qPetStreakPut, qClassLessonsDone,
	qVoterClass, qVoteSession, qVoteInsert, qVoteCount,
}

const (
	qSavepoint       = `SAVEPOINT grouped`
	qRollbackTo      = `ROLLBACK TO grouped`
	qRelease         = `RELEASE grouped`
	qBalanceAdd      = `UPDATE students SET coins = coins + ? WHERE id = ? RETURNING coins`
	qLedgerInsert    = `INSERT INTO coin_ledger (student_id, amount, type, reason, actor_kind, actor_id, balance_after, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`
	qIdemGet         = `SELECT request_hash, response FROM idempotency_keys WHERE subject = ? AND key = ?`
	qIdemPut         = `INSERT INTO idempotency_keys (subject, key, request_hash, response, created_at) VALUES (?, ?, ?, ?, ?)`
	qBuyer           = `SELECT s.coins, COALESCE(cs.open, 0), c.archived_at IS NOT NULL FROM students s JOIN classes c ON c.id = s.class_id LEFT JOIN class_stores cs ON cs.class_id = s.class_id WHERE s.id = ?`
	qItemByID        = `SELECT ` + itemColumns + ` FROM store_items WHERE id = ?`
	qOwned           = `SELECT COUNT(*) FROM inventory WHERE student_id = ? AND item_id = ?`
	qInventoryAdd    = `INSERT INTO inventory (student_id, item_id, price_paid, acquired_at) VALUES (?, ?, ?, ?)`
	qStudentWritable = `SELECT c.archived_at IS NOT NULL FROM students s JOIN classes c ON c.id = s.class_id WHERE s.id = ?`
	// Pets: adopting and feeding.
	qSpeciesByID  = `SELECT ` + speciesColumns + ` FROM pet_species WHERE id = ?`
	qPetOf        = `SELECT ` + petColumns + ` FROM pets p JOIN pet_species sp ON sp.id = p.species_id WHERE p.student_id = ?`
	qPetInsert    = `INSERT INTO pets (student_id, species_id, name, hunger, happiness, last_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`
	qPetUpdate    = `UPDATE pets SET hunger = ?, happiness = ?, last_at = ?, fed_at = ?, played_at = ?, petted_at = ? WHERE id = ?`
	qStudentCoins = `SELECT coins FROM students WHERE id = ?`
	// Achievements, earned in the transactions of the events (achievements.go).
	// qAchievementGrant is for students the event's transaction has just
	// read or written; qAchievementGrantIfThere also for students that
	// may have been removed since (a live game's players).
	qAchievementGrant = `INSERT INTO student_achievements (code, earned_at, student_id)
		VALUES (?, ?, ?) ON CONFLICT DO NOTHING`
	qAchievementGrantIfThere = `INSERT INTO student_achievements (code, earned_at, student_id)
		SELECT ?, ?, id FROM students WHERE id = ? ON CONFLICT DO NOTHING`
	qPetStreakGet = `SELECT last_day, days FROM pet_happy_streaks WHERE student_id = ?`
	// qClassLessonsDone counts the lessons of the library a class has
	// completed (the class's lesson achievements).
	qClassLessonsDone = `SELECT COUNT(*) FROM lesson_progress WHERE class_id = ? AND completions > 0`
	qPetStreakPut     = `INSERT INTO pet_happy_streaks (student_id, last_day, days) VALUES (?, ?, ?)
		ON CONFLICT (student_id) DO UPDATE SET last_day = excluded.last_day, days = excluded.days`
	// The class values vote (values.go): a whole school may vote at once.
	qVoterClass  = `SELECT s.class_id, c.archived_at IS NOT NULL FROM students s JOIN classes c ON c.id = s.class_id WHERE s.id = ?`
	qVoteSession = `SELECT ` + voteColumns + ` FROM values_sessions WHERE class_id = ? ORDER BY id DESC LIMIT 1`
	qVoteInsert  = `INSERT INTO values_votes (session_id, student_id, ballot, voted_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING`
	qVoteCount   = `SELECT COUNT(*) FROM values_votes WHERE session_id = ?`
)

type hotStatements struct {
	once  sync.Once
	mu    sync.RWMutex
	stmts map[string]*sql.Stmt
}

// prepareHot prepares the hot statements on the writer. It must run while
// this goroutine holds no transaction (the writer has one connection).
func (s *Store) prepareHot(ctx context.Context) {
	s.hot.once.Do(func() {
		m := make(map[string]*sql.Stmt, len(hotQueries))
		for _, q := range hotQueries {
			if st, err := s.Writer.PrepareContext(ctx, q); err == nil {
				m[q] = st
			} // on error the statement is simply not cached
		}
		s.hot.mu.Lock()
		s.hot.stmts = m
		s.hot.mu.Unlock()
	})
}

func (s *Store) hotStmt(q string) *sql.Stmt {
	s.hot.mu.RLock()
	defer s.hot.mu.RUnlock()
	return s.hot.stmts[q]
}

func (s *Store) closeHot() {
	s.hot.mu.Lock()
	defer s.hot.mu.Unlock()
	for _, st := range s.hot.stmts {
		st.Close()
	}
	s.hot.stmts = nil
}

// wtx is a write transaction that uses the hot statements when prepared.
type wtx struct {
	*sql.Tx
	s *Store
}

func (w wtx) row(ctx context.Context, q string, args ...any) *sql.Row {
	if st := w.s.hotStmt(q); st != nil {
		return w.s.bind(ctx, w.Tx, st).QueryRowContext(ctx, args...)
	}
	return w.Tx.QueryRowContext(ctx, q, args...)
}

// QueryRowContext is row, so helpers that take any querier (loadPet)
// use the hot statements inside a write transaction too.
func (w wtx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	return w.row(ctx, q, args...)
}

func (w wtx) exec(ctx context.Context, q string, args ...any) (sql.Result, error) {
	if st := w.s.hotStmt(q); st != nil {
		return w.s.bind(ctx, w.Tx, st).ExecContext(ctx, args...)
	}
	return w.Tx.ExecContext(ctx, q, args...)
}
