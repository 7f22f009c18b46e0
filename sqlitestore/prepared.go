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
	return tx.StmtContext(ctx, st), nil
}
