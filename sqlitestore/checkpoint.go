package sqlitestore

import (
	"context"
	"database/sql"
	"time"
)

// Checkpointing off the commit path. In WAL mode SQLite copies the log
// back into the database file (a checkpoint) from inside whichever commit
// crosses the autocheckpoint size; with synchronous=FULL that commit then
// also waits for the database file's fsync. Under a steady stream of
// writes (a school submitting the quiz) those commits took hundreds of
// milliseconds and every write queued behind them. A PASSIVE checkpoint
// from its own connection does the same copying without holding the
// write lock, so commits stay short and the WAL stays small.

// checkpointEvery is how often the background checkpoint runs; each run
// copies what was committed since the last one.
const checkpointEvery = 200 * time.Millisecond

type checkpointer struct {
	db    *sql.DB
	stop  chan struct{}
	done  chan struct{}
	scrub chan struct{} // a deletion asks for the log to be emptied
}

// ScrubLog asks the checkpointer to empty the write-ahead log once
// everything in it is in the database file (a TRUNCATE checkpoint), and
// to keep trying at each tick until it could. secure_delete overwrites
// deleted rows in the database file, but the log keeps the frames that
// wrote them (a removed pupil's name and passport code) until SQLite
// happens to write over them, which a quiet box may not do for days.
// Deleting children's data calls it after the deletion commits.
func (s *Store) ScrubLog() {
	if s.ckpt.scrub == nil {
		return
	}
	select {
	case s.ckpt.scrub <- struct{}{}:
	default: // already asked
	}
}

func (s *Store) startCheckpointer(o Options) {
	// No busy timeout: a PASSIVE checkpoint never waits anyway, and a
	// TRUNCATE one must not (truncate).
	o.BusyTimeout = 0
	db, err := sql.Open("sqlite", DSN(s.Path, o, false))
	if err != nil {
		return // commits still checkpoint by themselves (wal_autocheckpoint)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	s.ckpt = checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{}), scrub: make(chan struct{}, 1)}
	go s.ckpt.run()
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	var last int64 // frames in the log at the last run
	scrub := false // a scrub was asked for and has not succeeded yet
	for {
		select {
		case <-c.stop:
			return
		case <-c.scrub:
			scrub = true
		case <-t.C:
		}
		if scrub && c.truncate() {
			scrub, last = false, 0
			continue
		}
		var busy, logFrames, done int64
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(PASSIVE)").Scan(&busy, &logFrames, &done)
		cancel()
		if err != nil || logFrames == last && done == logFrames {
			// Nothing new (or the file is busy being restored): the next tick tries again.
			last = logFrames
			continue
		}
		last = logFrames
	}
}

// truncate copies the whole log into the database file and empties it,
// or reports false when it cannot now (the next tick tries again, after
// its usual PASSIVE checkpoint). It does not wait: a TRUNCATE checkpoint
// that waits for the writer or for a reader of an older snapshot (a
// backup reads for a while) holds new writes back meanwhile, so the
// checkpointer's connection has no busy timeout: meeting either, it does
// what PASSIVE does and returns.
func (c *checkpointer) truncate() bool {
	var busy, logFrames, done int64
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	err := c.db.QueryRowContext(ctx, "PRAGMA wal_checkpoint(TRUNCATE)").Scan(&busy, &logFrames, &done)
	return err == nil && busy == 0
}

func (s *Store) stopCheckpointer() {
	c := &s.ckpt
	if c.db == nil {
		return
	}
	close(c.stop)
	<-c.done
	c.db.Close()
	c.db = nil
}

// writeForget is Write for a deletion of children's data: once it has
// committed, the log that still holds the deleted rows is emptied.
func (s *Store) writeForget(ctx context.Context, fn func(tx *sql.Tx) error) error {
	err := s.Write(ctx, fn)
	if err == nil {
		s.ScrubLog()
	}
	return err
}
