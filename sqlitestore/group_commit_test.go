package sqlitestore_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"testing"

	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

func metaValue(t *testing.T, s *sqlitestore.Store, key string) (string, bool) {
	t.Helper()
	var v string
	err := s.Reader.QueryRow(`SELECT value FROM meta WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false
	}
	if err != nil {
		t.Fatal(err)
	}
	return v, true
}

// Grouped writes commit together, but each one fails alone.
func TestWriteGroupedIsolatesFailures(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	boom := errors.New("refused")
	var wg sync.WaitGroup
	errs := make([]error, 60)
	for i := range errs {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			errs[i] = s.WriteGrouped(ctx, func(tx *sql.Tx) error {
				if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, 'x')`, fmt.Sprint("k", i)); err != nil {
					return err
				}
				switch i % 3 {
				case 1:
					return boom // after writing: the write must be undone
				case 2:
					panic("a bug in one request")
				}
				return nil
			})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		_, kept := metaValue(t, s, fmt.Sprint("k", i))
		switch i % 3 {
		case 0:
			if err != nil || !kept {
				t.Fatalf("request %d: err %v kept %v", i, err, kept)
			}
		case 1:
			if !errors.Is(err, boom) || kept {
				t.Fatalf("request %d: err %v kept %v", i, err, kept)
			}
		case 2:
			if err == nil || kept {
				t.Fatalf("request %d (panic): err %v kept %v", i, err, kept)
			}
		}
	}
}

// Later requests in a group see what earlier ones wrote.
func TestWriteGroupedIsSerial(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES ('n', '0')`)
		return err
	})
	var wg sync.WaitGroup
	for i := 0; i < 200; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
				_, err := tx.Exec(`UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'n'`)
				return err
			}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if v, _ := metaValue(t, s, "n"); v != "200" {
		t.Fatalf("counter = %s, want 200", v)
	}
}

func TestWriteGroupedCancelledAndClosed(t *testing.T) {
	dir := t.TempDir()
	s := storetest.NewIn(t, dir)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ran := false
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error { ran = true; return nil })
	if !errors.Is(err, context.Canceled) || ran {
		t.Fatalf("cancelled: %v ran %v", err, ran)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if err := s.WriteGrouped(context.Background(), func(tx *sql.Tx) error { return nil }); !errors.Is(err, sqlitestore.ErrStoreClosed) {
		t.Fatalf("after close: %v", err)
	}
}

// On one core (GOMAXPROCS=1, as on a 1-vCPU box or a container limited
// to one CPU) 64 writers must still share fsyncs: the loop used to commit
// the request that woke it alone while the others waited to queue theirs.
// Counts commits against writes; no clock is involved.
func TestWriteGroupedGroupsOnOneCore(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	const writers, each = 64, 20
	before := s.CommitStats()
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				if err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
					_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, 'x')`, fmt.Sprint("w", w, "-", i))
					return err
				}); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	after := s.CommitStats()
	writes, groups, commits := after.GroupedWrites-before.GroupedWrites, after.Groups-before.Groups, after.Commits-before.Commits
	if writes != writers*each || groups > commits {
		t.Fatalf("grouped writes %d (want %d), groups %d, commits %d", writes, writers*each, groups, commits)
	}
	if per := float64(writes) / float64(commits); per < 10 {
		t.Fatalf("%d writes in %d commits: %.1f writes per fsync on one core, want at least 10", writes, commits, per)
	}
	t.Logf("%d writes in %d commits (%d groups)", writes, commits, groups)
}
