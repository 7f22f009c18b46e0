package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"
)

// Group commit. With synchronous=FULL every commit waits for an fsync, so
// one transaction per request caps busy write paths (purchases, coin
// gifts) at the disk's fsync rate. WriteGrouped runs each request's
// function in its own SAVEPOINT inside a shared IMMEDIATE transaction and
// commits once for all of them: the writes queued while the previous
// commit was syncing share the next fsync. Each caller still returns only
// after its own changes are durable (or refused), and a function that
// fails is rolled back to its savepoint without touching the others.

const maxGroup = 64

type groupReq struct {
	ctx  context.Context
	fn   func(tx *sql.Tx) error
	err  error
	done chan error
}

type grouper struct {
	mu      sync.Mutex
	queue   chan *groupReq
	stop    chan struct{}
	stopped chan struct{}
	closed  bool

	groups atomic.Int64 // groups committed
	writes atomic.Int64 // requests in the committed groups
}

// ErrStoreClosed is returned for writes after Close.
var ErrStoreClosed = errors.New("store: closed")

// WriteGrouped is Write for short, independent transactions on hot paths.
// fn sees the effects of the requests grouped before it, exactly as if
// they had committed one after another.
func (s *Store) WriteGrouped(ctx context.Context, fn func(tx *sql.Tx) error) error {
	g := &s.group
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return ErrStoreClosed
	}
	if g.queue == nil {
		g.queue = make(chan *groupReq, 4*maxGroup)
		g.stop = make(chan struct{})
		g.stopped = make(chan struct{})
		go s.groupLoop()
	}
	q := g.queue
	g.mu.Unlock()
	r := &groupReq{ctx: ctx, fn: fn, done: make(chan error, 1)}
	select {
	case q <- r:
	case <-ctx.Done():
		return ctx.Err()
	case <-g.stop:
		return ErrStoreClosed
	}
	// Once queued the request is decided by the loop: wait for it, so a
	// cancelled caller never returns while its write may still commit.
	return <-r.done
}

func (s *Store) groupLoop() {
	g := &s.group
	defer close(g.stopped)
	for {
		var first *groupReq
		select {
		case first = <-g.queue:
		case <-g.stop:
			// Refuse what is still queued.
			for {
				select {
				case r := <-g.queue:
					r.done <- ErrStoreClosed
				default:
					return
				}
			}
		}
		batch := s.fillGroup([]*groupReq{first})
		s.runGroup(batch)
	}
}

// fillGroup takes what is queued behind first, up to maxGroup. Before
// each look it yields the processor once: the request that woke the loop
// put it first in line (the runtime runs a goroutine woken by a channel
// send next), ahead of the handlers that already hold their requests but
// have not queued them yet. On one core (GOMAXPROCS=1) the loop would
// otherwise commit each request alone while the others wait behind its
// fsync, and grouping would collapse to about one write per fsync exactly
// when many clients write. The yield lets those handlers run up to their
// own WriteGrouped call first; it costs well under a microsecond when
// nothing else is runnable, and it stops as soon as a yield brings
// nothing new.
func (s *Store) fillGroup(batch []*groupReq) []*groupReq {
	g := &s.group
	for len(batch) < maxGroup {
		runtime.Gosched()
		took := false
	drain:
		for len(batch) < maxGroup {
			select {
			case r := <-g.queue:
				batch = append(batch, r)
				took = true
			default:
				break drain
			}
		}
		if !took {
			break
		}
	}
	return batch
}

func (s *Store) runGroup(batch []*groupReq) {
	s.prepareHot(context.Background())
	err := s.Write(context.Background(), func(tx *sql.Tx) error {
		w := wtx{tx, s}
		for _, r := range batch {
			if err := r.ctx.Err(); err != nil {
				r.err = err
				continue
			}
			if _, err := w.exec(context.Background(), qSavepoint); err != nil {
				return fmt.Errorf("store: unable to start savepoint: %w", err)
			}
			r.err = callGrouped(r.fn, tx)
			if r.err != nil {
				if _, err := w.exec(context.Background(), qRollbackTo); err != nil {
					return fmt.Errorf("store: unable to roll back savepoint: %w", err)
				}
			}
			if _, err := w.exec(context.Background(), qRelease); err != nil {
				return fmt.Errorf("store: unable to release savepoint: %w", err)
			}
		}
		return nil
	})
	if err == nil {
		g := &s.group
		g.groups.Add(1)
		g.writes.Add(int64(len(batch)))
	}
	for _, r := range batch {
		if err != nil && r.err == nil {
			r.err = err // the shared commit failed: nothing of this request was kept
		}
		r.done <- r.err
	}
}

// callGrouped turns a panic in one request into its error, so the others
// in the group still commit.
func callGrouped(fn func(*sql.Tx) error, tx *sql.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("store: write panicked: %v", p)
		}
	}()
	return fn(tx)
}

// closeGroup stops the group loop after the current group.
func (s *Store) closeGroup() {
	g := &s.group
	g.mu.Lock()
	if g.closed {
		g.mu.Unlock()
		return
	}
	g.closed = true
	started := g.queue != nil
	if started {
		close(g.stop)
	}
	g.mu.Unlock()
	if started {
		<-g.stopped
	}
}
