package sqlitestore_test

import (
	"context"
	"database/sql"
	"os"
	"testing"
	"time"

	"animalgenius/sqlitestore"
)

// The background checkpointer copies committed pages into the database
// file while writes go on (commits only checkpoint by themselves past
// 10,000 WAL pages, which these writes never reach).
func TestBackgroundCheckpointCopiesCommittedPages(t *testing.T) {
	dir := t.TempDir()
	s, err := sqlitestore.Open(dir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	fi, err := os.Stat(s.Path)
	if err != nil {
		t.Fatal(err)
	}
	before := fi.Size()
	big := make([]byte, 3000)
	for i := range 1000 { // about 2 MB of rows, well under the in-commit checkpoint size
		if err := s.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, i, string(big))
			return err
		}); err != nil {
			t.Fatal(err)
		}
	}
	// Bounded wait for a few checkpoint ticks (not a timing assertion).
	var size int64
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		fi, err := os.Stat(s.Path)
		if err != nil {
			t.Fatal(err)
		}
		if size = fi.Size(); size-before > 2_000_000 {
			return
		}
	}
	t.Fatalf("the database file grew from %d to %d bytes: the committed rows were not checkpointed into it", before, size)
}
