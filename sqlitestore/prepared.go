package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// Statements of the busiest write paths are prepared once on the writer's
// one connection and reused in every transaction: parsing SQL was a third
// of the CPU of a quiz submission before (modernc's parser is plain Go).

type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// prepare makes sure each query is prepared on the writer. Call it outside
// a transaction: the writer has one connection, which a transaction holds.
func (s *Store) prepare(ctx context.Context, queries ...string) error {
	c := &s.stmts
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil {
		c.m = map[string]*sql.Stmt{}
	}
	for _, q := range queries {
		if c.m[q] != nil {
			continue
		}
		st, err := s.Writer.PrepareContext(ctx, q)
		if err != nil {
			return fmt.Errorf("store: unable to prepare a statement: %w", err)
		}
		c.m[q] = st
	}
	return nil
}

// txStmt is query's prepared statement bound to tx; database/sql reuses
// the statement already prepared on the connection. A query that was not
// prepared is prepared within tx (correct, only slower).
func (s *Store) txStmt(ctx context.Context, tx *sql.Tx, query string) (*sql.Stmt, error) {
	s.stmts.mu.Lock()
	st := s.stmts.m[query]
	s.stmts.mu.Unlock()
	if st == nil {
		return tx.PrepareContext(ctx, query)
	}
	return s.bind(ctx, tx, st), nil
}

// boundStmts keeps, while the writer's transaction is open, each prepared
// statement bound to it. Tx.StmtContext makes a new bound statement on
// every call, which the transaction then keeps until it ends: a group of
// 64 quiz submissions asked for about 800 of them, a tenth of the bytes a
// submission allocated. The writer has one connection, so at most one
// write transaction is open at a time; Write registers it.
type boundStmts struct {
	mu sync.Mutex
	tx *sql.Tx
	m  map[*sql.Stmt]*sql.Stmt
}

// bind is st bound to tx: the one made before in this transaction if tx
// is the writer's open one, else a new one (still correct).
func (s *Store) bind(ctx context.Context, tx *sql.Tx, st *sql.Stmt) *sql.Stmt {
	b := &s.bound
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.tx != tx {
		return tx.StmtContext(ctx, st)
	}
	if ts := b.m[st]; ts != nil {
		return ts
	}
	ts := tx.StmtContext(ctx, st)
	if b.m == nil {
		b.m = map[*sql.Stmt]*sql.Stmt{}
	}
	b.m[st] = ts
	return ts
}

// begin registers tx as the writer's open transaction.
func (b *boundStmts) begin(tx *sql.Tx) {
	b.mu.Lock()
	b.tx = tx
	clear(b.m)
	b.mu.Unlock()
}

// end forgets tx's bound statements; the transaction closes them.
func (b *boundStmts) end(tx *sql.Tx) {
	b.mu.Lock()
	if b.tx == tx {
		b.tx = nil
		clear(b.m)
	}
	b.mu.Unlock()
}
