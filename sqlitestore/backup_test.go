package sqlitestore_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/klauspost/compress/gzip"

	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// fill adds rows of known content so a restore can be compared.
func fill(t *testing.T, s *sqlitestore.Store, n int) {
	t.Helper()
	err := s.Write(context.Background(), func(tx *sql.Tx) error {
		for i := 0; i < n; i++ {
			if _, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, ?)`, fmt.Sprintf("k%06d", i), fmt.Sprintf("value %d", i*7)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func tableDigest(t *testing.T, db *sql.DB) (int, string) {
	t.Helper()
	rows, err := db.Query(`SELECT key, value FROM meta ORDER BY key`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	h := sha256.New()
	n := 0
	for rows.Next() {
		var k, v string
		rows.Scan(&k, &v)
		fmt.Fprintf(h, "%s=%s\n", k, v)
		n++
	}
	return n, fmt.Sprintf("%x", h.Sum(nil))
}

func TestBackupRestoreRoundTrip(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	s := storetest.NewIn(t, src)
	fill(t, s, 500)
	os.MkdirAll(filepath.Join(src, "uploads", "ab"), 0o750)
	upload := bytes.Repeat([]byte("png-bytes"), 1000)
	os.WriteFile(filepath.Join(src, "uploads", "ab", "abcdef.png"), upload, 0o640)
	os.WriteFile(filepath.Join(src, "secrets.json"), []byte(`{"k":"v"}`), 0o600)
	wantRows, wantDigest := tableDigest(t, s.Reader)

	out := filepath.Join(t.TempDir(), "b.tar.gz")
	var lastDone, lastTotal int64
	m, err := sqlitestore.Backup(ctx, sqlitestore.BackupOptions{DataDir: src, Out: out, AppVersion: "test",
		Progress: func(d, tot int64) { lastDone, lastTotal = d, tot }})
	if err != nil {
		t.Fatal(err)
	}
	if m.SchemaVersion == 0 || len(m.Files) != 3 {
		t.Fatalf("manifest: %+v", m)
	}
	if lastDone != lastTotal || lastTotal == 0 {
		t.Fatalf("progress ended at %d/%d", lastDone, lastTotal)
	}

	dst := t.TempDir()
	res, err := sqlitestore.Restore(ctx, sqlitestore.RestoreOptions{DataDir: dst, Archive: out})
	if err != nil {
		t.Fatal(err)
	}
	if res.AsideDir != "" {
		t.Fatalf("nothing to move aside in a fresh dir, got %s", res.AsideDir)
	}
	r := storetest.NewIn(t, dst)
	gotRows, gotDigest := tableDigest(t, r.Reader)
	if gotRows != wantRows || gotDigest != wantDigest {
		t.Fatalf("restored %d rows (%s), want %d (%s)", gotRows, gotDigest, wantRows, wantDigest)
	}
	if got, _ := os.ReadFile(filepath.Join(dst, "uploads", "ab", "abcdef.png")); !bytes.Equal(got, upload) {
		t.Fatal("upload not restored byte for byte")
	}
	if problems, err := r.IntegrityCheck(ctx); err != nil || len(problems) > 0 {
		t.Fatalf("integrity after restore: %v %v", problems, err)
	}
}

func TestRestoreMovesCurrentDataAside(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	s := storetest.NewIn(t, src)
	fill(t, s, 10)
	out := filepath.Join(t.TempDir(), "b.tar.gz")
	if _, err := sqlitestore.Backup(ctx, sqlitestore.BackupOptions{DataDir: src, Out: out}); err != nil {
		t.Fatal(err)
	}
	dst := t.TempDir()
	d := storetest.NewIn(t, dst)
	fill(t, d, 3)
	d.Close()
	res, err := sqlitestore.Restore(ctx, sqlitestore.RestoreOptions{DataDir: dst, Archive: out})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(res.AsideDir, sqlitestore.DBFile)); err != nil {
		t.Fatalf("old database not kept aside: %v", err)
	}
	r := storetest.NewIn(t, dst)
	if n, _ := tableDigest(t, r.Reader); n != 10 {
		t.Fatalf("restored %d rows, want 10", n)
	}
}

func TestRestoreRefusesBadArchivesAndKeepsData(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	s := storetest.NewIn(t, src)
	fill(t, s, 200)
	good := filepath.Join(t.TempDir(), "good.tar.gz")
	if _, err := sqlitestore.Backup(ctx, sqlitestore.BackupOptions{DataDir: src, Out: good}); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(good)
	// Corrupt the content, not the compressed stream: a flipped byte of a
	// deflate stream can decode to the very same bytes (an unused code, a
	// bit the decoder ignores), which no checksum can see, so the test
	// would pass or fail by chance with the archive's exact layout.
	zr, err := gzip.NewReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	plain, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	plain[512+len(plain)/4] ^= 0xFF // inside the database file, the first entry
	corrupt := gzipOf(t, plain)
	cases := map[string][]byte{
		"truncated":    raw[:len(raw)*2/3],
		"corrupt":      corrupt,
		"foreign text": []byte("hello, this is not a backup"),
		"empty":        {},
		"foreign gzip": gzipOf(t, []byte("just some gzip")),
	}
	for name, body := range cases {
		t.Run(name, func(t *testing.T) {
			dst := t.TempDir()
			d := storetest.NewIn(t, dst)
			fill(t, d, 7)
			d.Close()
			before, _ := os.ReadFile(filepath.Join(dst, sqlitestore.DBFile))
			archive := filepath.Join(t.TempDir(), "bad.tar.gz")
			os.WriteFile(archive, body, 0o600)
			_, err := sqlitestore.Restore(ctx, sqlitestore.RestoreOptions{DataDir: dst, Archive: archive})
			if err == nil {
				t.Fatal("bad archive restored")
			}
			if !sqlitestore.IsBadArchive(err) {
				t.Fatalf("error should say the archive is bad: %v", err)
			}
			after, _ := os.ReadFile(filepath.Join(dst, sqlitestore.DBFile))
			if !bytes.Equal(before, after) {
				t.Fatal("current database changed by a refused restore")
			}
			if entries, _ := filepath.Glob(filepath.Join(dst, ".restore-staging-*")); len(entries) > 0 {
				t.Fatalf("staging left behind: %v", entries)
			}
			if _, err := os.Stat(filepath.Join(dst, "aside")); err == nil {
				t.Fatal("data moved aside for a refused restore")
			}
		})
	}
}

// TestBackupWhileWriting takes a backup while a writer commits without
// pause, then checks the snapshot is consistent and the writer never stalled
// for long.
func TestBackupWhileWriting(t *testing.T) {
	ctx := context.Background()
	src := t.TempDir()
	s := storetest.NewIn(t, src)
	fill(t, s, 20000)
	var stop atomic.Bool
	var wg sync.WaitGroup
	var maxStall atomic.Int64
	var commits atomic.Int64
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; !stop.Load() && i < 1_000_000; i++ {
			start := time.Now()
			err := s.Write(ctx, func(tx *sql.Tx) error {
				_, err := tx.Exec(`INSERT INTO meta (key, value) VALUES (?, 'during backup')`, fmt.Sprintf("w%07d", i))
				return err
			})
			if err != nil {
				t.Error(err)
				return
			}
			commits.Add(1)
			if d := int64(time.Since(start)); d > maxStall.Load() {
				maxStall.Store(d)
			}
		}
	}()
	time.Sleep(20 * time.Millisecond)
	out := filepath.Join(t.TempDir(), "live.tar.gz")
	_, err := sqlitestore.Backup(ctx, sqlitestore.BackupOptions{DataDir: src, Out: out})
	time.Sleep(20 * time.Millisecond)
	stop.Store(true)
	wg.Wait()
	if err != nil {
		t.Fatal(err)
	}
	m, err := sqlitestore.VerifyArchive(ctx, out)
	if err != nil {
		t.Fatalf("live backup does not verify: %v", err)
	}
	if commits.Load() == 0 {
		t.Fatal("writer made no progress during the backup")
	}
	t.Logf("schema %d, %d commits during backup, longest write %v", m.SchemaVersion, commits.Load(), time.Duration(maxStall.Load()))
}

func TestMigrationsUpDownUp(t *testing.T) {
	s, err := sqlitestore.Open(t.TempDir(), sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, _ := s.Status()
	if st.Current != 0 || st.Pending == 0 {
		t.Fatalf("fresh status %+v", st)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	up, _ := s.Status()
	if !up.UpToDate() || up.Pending != 0 {
		t.Fatalf("after up: %+v", up)
	}
	schemaUp := schema(t, s)
	if err := s.MigrateSteps(-int(countMigrations(t))); err != nil {
		t.Fatal(err)
	}
	down, _ := s.Status()
	if down.Current != 0 {
		t.Fatalf("after all down: %+v", down)
	}
	if left := schema(t, s); left != "" {
		t.Fatalf("down migrations left objects behind: %s", left)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	if again := schema(t, s); again != schemaUp {
		t.Fatalf("schema differs after up-down-up")
	}
	if err := s.MigrateForce(int(up.Latest)); err != nil {
		t.Fatal(err)
	}
}

func countMigrations(t *testing.T) uint {
	entries, _ := filepath.Glob("../migrations/*.up.sql")
	if len(entries) == 0 {
		t.Fatal("no migrations found")
	}
	return uint(len(entries))
}

func schema(t *testing.T, s *sqlitestore.Store) string {
	rows, err := s.Reader.Query(`SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE tbl_name != 'schema_migrations' AND name NOT LIKE 'sqlite_%' ORDER BY type, name`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var b bytes.Buffer
	for rows.Next() {
		var typ, name, sql string
		rows.Scan(&typ, &name, &sql)
		fmt.Fprintf(&b, "%s %s %s\n", typ, name, sql)
	}
	return b.String()
}
