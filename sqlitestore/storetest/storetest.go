// Package storetest opens a real, migrated SQLite store in a temporary
// directory for tests. There are no mocks of our own database.
package storetest

import (
	"testing"

	"animalgenius/sqlitestore"
)

// New returns a migrated store in t.TempDir(), closed when the test ends.
func New(t testing.TB) *sqlitestore.Store {
	t.Helper()
	return NewIn(t, t.TempDir())
}

// NewIn opens and migrates a store in dir.
func NewIn(t testing.TB, dir string) *sqlitestore.Store {
	t.Helper()
	s, err := sqlitestore.Open(dir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	if err := s.MigrateUp(); err != nil {
		s.Close()
		t.Fatalf("migrate: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
