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
	db   *sql.DB
	stop chan struct{}
	done chan struct{}
}

func (s *Store) startCheckpointer(o Options) {
	db, err := sql.Open("sqlite", DSN(s.Path, o, false))
	if err != nil {
		return // commits still checkpoint by themselves (wal_autocheckpoint)
	}
	db.SetMaxOpenConns(1)
	db.SetMaxIdleConns(1)
	db.SetConnMaxIdleTime(0)
	s.ckpt = checkpointer{db: db, stop: make(chan struct{}), done: make(chan struct{})}
	go s.ckpt.run()
}

func (c *checkpointer) run() {
	defer close(c.done)
	t := time.NewTicker(checkpointEvery)
	defer t.Stop()
	var last int64 // frames in the log at the last run
	for {
		select {
		case <-c.stop:
			return
		case <-t.C:
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
