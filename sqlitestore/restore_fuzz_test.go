package sqlitestore_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// FuzzRestore feeds arbitrary archives to Restore: it must refuse or
// succeed, never panic, never write outside the data directory, and leave
// the current database alone when it refuses.
//
//	go test ./sqlitestore -run '^$' -fuzz FuzzRestore -fuzztime 60s
func FuzzRestore(f *testing.F) {
	src := f.TempDir()
	s := storetest.NewIn(f, src)
	s.Close()
	good := filepath.Join(f.TempDir(), "good.tar.gz")
	if _, err := sqlitestore.Backup(context.Background(), sqlitestore.BackupOptions{DataDir: src, Out: good}); err != nil {
		f.Fatal(err)
	}
	raw, _ := os.ReadFile(good)
	f.Add(raw)
	f.Add(raw[:len(raw)/2])
	f.Add([]byte{0x1f, 0x8b, 8, 0})
	f.Add([]byte("not an archive"))
	f.Fuzz(func(t *testing.T, data []byte) {
		root := t.TempDir()
		dataDir := filepath.Join(root, "data")
		os.MkdirAll(dataDir, 0o750)
		marker := []byte("current database")
		os.WriteFile(filepath.Join(dataDir, sqlitestore.DBFile), marker, 0o600)
		archive := filepath.Join(root, "in.tar.gz")
		os.WriteFile(archive, data, 0o600)
		_, err := sqlitestore.Restore(context.Background(), sqlitestore.RestoreOptions{DataDir: dataDir, Archive: archive, MaxBytes: 64 << 20})
		if err != nil {
			got, _ := os.ReadFile(filepath.Join(dataDir, sqlitestore.DBFile))
			if string(got) != string(marker) {
				t.Fatal("refused restore changed the current database")
			}
		}
		entries, _ := os.ReadDir(root)
		for _, e := range entries {
			if e.Name() != "data" && e.Name() != "in.tar.gz" {
				t.Fatalf("restore wrote outside the data directory: %s", e.Name())
			}
		}
	})
}
