// Package sqlitestore is the database: it opens the SQLite file with its two
// pools, migrates it, backs it up and restores it, and implements the stores
// that the app packages declare. One file per table or area.
package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// DBFile is the database's file name inside the data directory.
const DBFile = "animalgenius.db"

// Options are the settings the store needs from the configuration.
type Options struct {
	Synchronous string        // FULL, NORMAL or EXTRA
	BusyTimeout time.Duration // wait for a lock this long
	Readers     int           // connections in the read pool
}

// DefaultOptions are safe settings for tools and tests.
func DefaultOptions() Options {
	return Options{Synchronous: "FULL", BusyTimeout: 5 * time.Second, Readers: 4}
}

// Store holds the two pools on one SQLite file: a writer with exactly one
// connection (so writers queue in Go, not in SQLite's busy loop) and a pool of
// query-only readers. WAL lets readers run while the writer commits.
type Store struct {
	Path   string
	Writer *sql.DB
	Reader *sql.DB
	// stmts are statements of hot write paths, prepared once on the writer.
	stmts stmtCache
	// ckpt copies the WAL into the database off the commit path.
	ckpt checkpointer

	writeWaitNanos atomic.Int64 // total time spent waiting for the writer
	writeCount     atomic.Int64
	commits        atomic.Int64 // transactions committed on the writer (one fsync each with FULL)
	// OnWriteWait, when set, observes how long each write waited for the writer.
	OnWriteWait func(time.Duration)
	// Estate is how deleting an account treats the classes it owns (set by
	// appliance.go once the classes area exists).
	Estate AccountEstate

	group grouper        // see WriteGrouped
	hot   hotStatements  // see hot_statements.go
	bound boundStmts     // the open write transaction's bound statements (prepared.go)
	read  readStatements // see read_statements.go
}

// DSN builds the connection string for path with every pragma set explicitly,
// busy_timeout first so the others can wait for locks.
func DSN(path string, o Options, readOnly bool) string {
	q := url.Values{}
	pragmas := []string{
		fmt.Sprintf("busy_timeout(%d)", o.BusyTimeout.Milliseconds()),
		"journal_mode(WAL)",
		"foreign_keys(1)",
		// Deleted rows are overwritten with zeros, so a removed student's
		// name and passport code do not stay readable in free pages.
		"secure_delete(1)",
		fmt.Sprintf("synchronous(%s)", strings.ToUpper(o.Synchronous)),
		"journal_size_limit(67108864)",
		"temp_store(MEMORY)",
		"cache_size(-16000)",
	}
	if readOnly {
		pragmas = append(pragmas, "query_only(1)")
	} else {
		q.Set("_txlock", "immediate")
		// The background checkpointer (checkpoint.go) keeps the WAL short;
		// a commit checkpoints by itself only if the WAL grows past ~40 MB.
		pragmas = append(pragmas, "wal_autocheckpoint(10000)")
	}
	for _, p := range pragmas {
		q.Add("_pragma", p)
	}
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if needed) the database in dataDir. It does not migrate.
func Open(dataDir string, o Options) (*Store, error) {
	if o.Readers < 1 {
		o.Readers = 1
	}
	if err := os.MkdirAll(dataDir, 0o750); err != nil {
		return nil, fmt.Errorf("store: unable to create data directory %s: %w", dataDir, err)
	}
	path := filepath.Join(dataDir, DBFile)
	w, err := sql.Open("sqlite", DSN(path, o, false))
	if err != nil {
		return nil, fmt.Errorf("store: unable to open writer: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	// The writer creates the file and switches it to WAL before any reader opens it.
	if err := w.Ping(); err != nil {
		w.Close()
		return nil, fmt.Errorf("store: unable to open %s: %w", path, err)
	}
	r, err := sql.Open("sqlite", DSN(path, o, true))
	if err != nil {
		w.Close()
		return nil, fmt.Errorf("store: unable to open readers: %w", err)
	}
	r.SetMaxOpenConns(o.Readers)
	r.SetMaxIdleConns(o.Readers)
	r.SetConnMaxIdleTime(0)
	s := &Store{Path: path, Writer: w, Reader: r}
	s.read.db = r
	s.startCheckpointer(o)
	return s, nil
}

// Close checkpoints the WAL into the main file and closes both pools.
func (s *Store) Close() error {
	s.stopCheckpointer()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	s.closeGroup()
	s.closeHot()
	s.read.close()
	// Readers close first so the checkpoint does not wait on their snapshots.
	rerr := s.Reader.Close()
	_, cerr := s.Writer.ExecContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)")
	if IsDiskFull(cerr) {
		// The checkpoint needed room to grow the database file. Nothing is
		// lost: every commit is in the WAL, which the next open reads.
		cerr = nil
	}
	return errors.Join(rerr, cerr, s.Writer.Close())
}

// Write runs fn in one IMMEDIATE transaction on the writer and commits it.
// Read-then-write rules (purchases, joins, coin takes) belong inside fn.
func (s *Store) Write(ctx context.Context, fn func(tx *sql.Tx) error) error {
	start := time.Now()
	tx, err := s.Writer.BeginTx(ctx, nil)
	wait := time.Since(start)
	s.writeWaitNanos.Add(int64(wait))
	s.writeCount.Add(1)
	if s.OnWriteWait != nil {
		s.OnWriteWait(wait)
	}
	if err != nil {
		return fmt.Errorf("store: unable to begin write: %w", err)
	}
	s.bound.begin(tx)
	if err := fn(tx); err != nil {
		s.bound.end(tx)
		_ = tx.Rollback()
		return err
	}
	s.bound.end(tx)
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store: unable to commit: %w", err)
	}
	s.commits.Add(1)
	return nil
}

// Ping checks that a reader answers.
func (s *Store) Ping(ctx context.Context) error {
	var one int
	return s.Reader.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// IntegrityCheck runs PRAGMA integrity_check and foreign_key_check and
// returns the problems found (none means healthy).
func (s *Store) IntegrityCheck(ctx context.Context) ([]string, error) {
	return integrityCheck(ctx, s.Reader)
}

func integrityCheck(ctx context.Context, db *sql.DB) ([]string, error) {
	var problems []string
	rows, err := db.QueryContext(ctx, "PRAGMA integrity_check")
	if err != nil {
		return nil, fmt.Errorf("store: unable to run integrity_check: %w", err)
	}
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			rows.Close()
			return nil, err
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: integrity_check: %w", err)
	}
	fk, err := db.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return nil, fmt.Errorf("store: unable to run foreign_key_check: %w", err)
	}
	defer fk.Close()
	for fk.Next() {
		var table, parent string
		var rowid sql.NullInt64
		var fkid int
		if err := fk.Scan(&table, &rowid, &parent, &fkid); err != nil {
			return nil, err
		}
		problems = append(problems, fmt.Sprintf("foreign key: %s row %d points at a missing %s", table, rowid.Int64, parent))
	}
	return problems, fk.Err()
}

// SQLiteVersion reports the linked SQLite library version.
func SQLiteVersion() string {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		return "unknown"
	}
	defer db.Close()
	var v string
	if err := db.QueryRow("SELECT sqlite_version()").Scan(&v); err != nil {
		return "unknown"
	}
	return v
}

// WriteWait reports the number of writes and the total time they waited.
func (s *Store) WriteWait() (count int64, total time.Duration) {
	return s.writeCount.Load(), time.Duration(s.writeWaitNanos.Load())
}

// CommitStats counts the writer's commits and the grouped writes they
// carried: GroupedWrites/Groups is how many requests shared one fsync.
type CommitStats struct {
	Commits       int64 // every committed transaction (Write and groups)
	Groups        int64 // committed groups of WriteGrouped
	GroupedWrites int64 // requests those groups carried (kept or refused alone)
}

// CommitStats reports the counters since Open.
func (s *Store) CommitStats() CommitStats {
	return CommitStats{Commits: s.commits.Load(), Groups: s.group.groups.Load(), GroupedWrites: s.group.writes.Load()}
}
