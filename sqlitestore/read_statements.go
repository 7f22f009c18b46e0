package sqlitestore

import (
	"context"
	"database/sql"
	"sync"
)

// Read statements. modernc's SQLite parses every statement it is given,
// and on the cached read paths (a teacher's roster: the session, the
// class's visibility, ...) parsing cost more than the read itself. Reads
// go through readStatements, which prepares each query once on the reader
// pool (database/sql prepares it again on each reader connection the first
// time that connection runs it) and reuses it from then on.
type readStatements struct {
	db *sql.DB
	mu sync.RWMutex
	m  map[string]*sql.Stmt
}

// maxReadStatements bounds the statements kept: past it, a new query runs
// unprepared (correct, only slower), so a query built per call cannot
// grow the cache without end.
const maxReadStatements = 256

func (r *readStatements) stmt(ctx context.Context, query string) *sql.Stmt {
	r.mu.RLock()
	st := r.m[query]
	r.mu.RUnlock()
	if st != nil {
		return st
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if st = r.m[query]; st != nil {
		return st
	}
	if len(r.m) >= maxReadStatements {
		return nil
	}
	st, err := r.db.PrepareContext(context.WithoutCancel(ctx), query)
	if err != nil {
		return nil // the query runs unprepared and reports its own error
	}
	if r.m == nil {
		r.m = map[string]*sql.Stmt{}
	}
	r.m[query] = st
	return st
}

// QueryRowContext runs query on the reader pool, prepared.
func (r *readStatements) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return r.db.QueryRowContext(ctx, query, args...)
}

// QueryContext runs query on the reader pool, prepared.
func (r *readStatements) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := r.stmt(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return r.db.QueryContext(ctx, query, args...)
}

func (r *readStatements) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, st := range r.m {
		st.Close()
	}
	r.m = nil
}
