package sqlitestore_test

import (
	"context"
	"crypto/rand"
	"database/sql"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// BenchmarkBackup200MB backs up a database of about 200 MB while a writer
// commits without pause, and reports the longest commit seen meanwhile.
//
//	go test ./sqlitestore -run '^$' -bench Backup200MB -benchtime 3x
func BenchmarkBackup200MB(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	s := storetest.NewIn(b, dir)
	if _, err := s.Writer.Exec(`CREATE TABLE bench_blob (id INTEGER PRIMARY KEY, data BLOB)`); err != nil {
		b.Fatal(err)
	}
	chunk := make([]byte, 64<<10)
	for batch := 0; batch < 32; batch++ { // 32 * 100 * 64 KiB = 200 MiB
		err := s.Write(ctx, func(tx *sql.Tx) error {
			for i := 0; i < 100; i++ {
				rand.Read(chunk)
				if _, err := tx.Exec(`INSERT INTO bench_blob (data) VALUES (?)`, chunk); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			b.Fatal(err)
		}
	}
	s.Writer.Exec(`PRAGMA wal_checkpoint(TRUNCATE)`)
	fi, _ := os.Stat(filepath.Join(dir, sqlitestore.DBFile))
	b.Logf("database size: %d MB", fi.Size()>>20)

	var stop atomic.Bool
	var maxStall atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load() && i < 10_000_000; i++ {
			start := time.Now()
			s.Write(ctx, func(tx *sql.Tx) error {
				_, err := tx.Exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('tick', ?)`, i)
				return err
			})
			if d := int64(time.Since(start)); d > maxStall.Load() {
				maxStall.Store(d)
			}
		}
	}()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		out := filepath.Join(b.TempDir(), "bench.tar.gz")
		if _, err := sqlitestore.Backup(ctx, sqlitestore.BackupOptions{DataDir: dir, Out: out}); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	stop.Store(true)
	wg.Wait()
	b.ReportMetric(float64(maxStall.Load())/1e6, "max-write-stall-ms")
	b.ReportMetric(float64(b.Elapsed().Seconds())/float64(b.N), "s/backup")
}

// BenchmarkWriteCommit is the bare single-writer commit loop used as the
// reference for write paths (synchronous=FULL).
//
//	go test ./sqlitestore -run '^$' -bench WriteCommit
func BenchmarkWriteCommit(b *testing.B) {
	s := storetest.New(b)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		err := s.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`INSERT OR REPLACE INTO meta (key, value) VALUES ('tick', ?)`, i)
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
	}
}
