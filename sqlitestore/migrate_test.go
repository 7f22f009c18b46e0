package sqlitestore_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"animalgenius/migrations"
	"animalgenius/sqlitestore"
)

func TestPreMigrateBackupPicksWhatAnOlderBinaryCanRestore(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{
		"pre-migrate-v6-20261101-020000.tar.gz",
		"pre-migrate-v7-20261120-020000.tar.gz",
		"pre-migrate-v7-20261128-020000.tar.gz", // the newest of v7
		"pre-migrate-v8-20261130-020000.tar.gz", // too new for a binary that knows 7
		"pre-migrate-vX-20261130-020000.tar.gz",
		"pre-migrate-v7-20261129-020000.tar", // not an archive name
		"animalgenius-20261130-023000.tar.gz",
	} {
		os.WriteFile(filepath.Join(dir, name), []byte("x"), 0o600)
	}
	os.Mkdir(filepath.Join(dir, "pre-migrate-v7-20261130-020000.tar.gz"), 0o750) // a directory
	for _, tc := range []struct {
		max  uint
		want string
	}{
		{7, "pre-migrate-v7-20261128-020000.tar.gz"},
		{9, "pre-migrate-v8-20261130-020000.tar.gz"},
		{6, "pre-migrate-v6-20261101-020000.tar.gz"},
		{5, ""},
	} {
		got := sqlitestore.PreMigrateBackup(dir, tc.max)
		if tc.want == "" && got != "" || tc.want != "" && got != filepath.Join(dir, tc.want) {
			t.Errorf("max %d: got %q, want %q", tc.max, got, tc.want)
		}
	}
	if got := sqlitestore.PreMigrateBackup(filepath.Join(dir, "missing"), 7); got != "" {
		t.Errorf("missing dir: %q", got)
	}
}

func TestMigrationStatusRefusal(t *testing.T) {
	newer := sqlitestore.MigrationStatus{Current: 9, Latest: 7}
	err := newer.Refusal(t.TempDir(), " --data /srv/ag")
	if !errors.Is(err, sqlitestore.ErrNewerSchema) || !errors.Is(err, sqlitestore.ErrUnusable) || !newer.Newer() {
		t.Fatalf("newer: %v", err)
	}
	// The way out restores into the data directory the command used.
	if !strings.Contains(err.Error(), "'animalgenius restore --data /srv/ag FILE'") {
		t.Errorf("newer: the restore hint lacks the data directory: %v", err)
	}
	if err := (sqlitestore.MigrationStatus{Current: 7, Latest: 7, Dirty: true}).Refusal("", ""); !errors.Is(err, sqlitestore.ErrUnusable) {
		t.Fatalf("dirty database not refused: %v", err)
	}
	if err := (sqlitestore.MigrationStatus{Latest: 7, Pending: 7, Unrecorded: true}).Refusal("", ""); !errors.Is(err, sqlitestore.ErrUnusable) ||
		!strings.Contains(err.Error(), "migrate force") {
		t.Fatalf("tables without a version not refused: %v", err)
	}
	for _, st := range []sqlitestore.MigrationStatus{{Current: 7, Latest: 7}, {Current: 3, Latest: 7, Pending: 4}, {Latest: 7, Pending: 7}} {
		if err := st.Refusal("", ""); err != nil {
			t.Errorf("%+v refused: %v", st, err)
		}
	}
}

func TestMigrateForceRefusesVersionsNotInTheBinary(t *testing.T) {
	s, err := sqlitestore.Open(t.TempDir(), sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	before, _ := s.Status()
	var unknown *sqlitestore.UnknownVersionError
	if err := s.MigrateForce(int(before.Latest) + 1); !errors.As(err, &unknown) {
		t.Fatalf("force latest+1: %v", err)
	}
	if after, _ := s.Status(); after != before {
		t.Fatalf("refused force changed the status: %+v -> %+v", before, after)
	}
	if err := s.MigrateForce(0); err != nil {
		t.Fatal(err)
	}
	// Every migration in the binary is pending again (numbers may have gaps:
	// each issue owns its number).
	ups, _ := fs.Glob(migrations.FS, "*.up.sql")
	if st, _ := s.Status(); st.Current != 0 || st.Pending != len(ups) {
		t.Fatalf("force 0: %+v", st)
	}
}
