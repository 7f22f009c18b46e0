package sqlitestore

import (
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/golang-migrate/migrate/v4"
	"github.com/golang-migrate/migrate/v4/database"
	"github.com/golang-migrate/migrate/v4/database/sqlite"
	"github.com/golang-migrate/migrate/v4/source/iofs"

	"animalgenius/migrations"
)

// MigrationStatus tells where the schema stands.
type MigrationStatus struct {
	Current uint // 0 means no migration applied yet
	Latest  uint // highest migration embedded in this binary
	Dirty   bool // a migration failed half way; `migrate force` is needed
	Pending int  // migrations not yet applied
}

// UpToDate is true when the schema is the one this binary expects.
func (m MigrationStatus) UpToDate() bool { return !m.Dirty && m.Current == m.Latest }

// Newer is true when the database was migrated by a newer binary: its
// schema is past the last migration this binary carries.
func (m MigrationStatus) Newer() bool { return m.Current > m.Latest }

// NewerSchemaError refuses a database made by a newer Animal Genius. It
// names the way out: the newer binary, or the backup taken before the
// newer binary migrated (when one is found).
type NewerSchemaError struct {
	Current, Latest uint
	Backup          string // newest pre-migrate backup of a schema this binary knows; "" if none
}

func (e *NewerSchemaError) Error() string {
	msg := fmt.Sprintf("the database was made by a newer Animal Genius (schema %d); this binary knows up to %d: use the newer binary", e.Current, e.Latest)
	if e.Backup != "" {
		return msg + " or restore " + e.Backup + " ('animalgenius restore " + e.Backup + "'; changes made since then are lost)"
	}
	return msg + " or restore a backup taken before the upgrade ('animalgenius restore FILE')"
}

// ErrNewerSchema matches every *NewerSchemaError with errors.Is.
var ErrNewerSchema = errors.New("database schema is newer than this binary")

func (e *NewerSchemaError) Is(target error) bool { return target == ErrNewerSchema }

// Refusal returns the error that stops this binary from using the
// database as it is, or nil: a newer schema (naming the backup in
// backupDir to go back to) or a half-applied migration.
func (m MigrationStatus) Refusal(backupDir string) error {
	if m.Newer() {
		return &NewerSchemaError{Current: m.Current, Latest: m.Latest, Backup: PreMigrateBackup(backupDir, m.Latest)}
	}
	if m.Dirty {
		return fmt.Errorf("the database is marked dirty at version %d: a migration failed half way. Restore a backup, or fix it and run 'animalgenius migrate force %d'", m.Current, m.Current)
	}
	return nil
}

// PreMigrateName is the file name of the backup taken before migrating
// away from schema version v.
func PreMigrateName(v uint, t time.Time) string {
	return fmt.Sprintf("pre-migrate-v%d-%s.tar.gz", v, t.UTC().Format("20060102-150405"))
}

// PreMigrateBackup finds, in dir, the newest backup taken before a
// migration away from the highest schema version not above maxVersion:
// the archive an older binary can restore. "" when there is none.
func PreMigrateBackup(dir string, maxVersion uint) string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return ""
	}
	var best, bestStamp string
	var bestV uint
	for _, e := range entries {
		rest, ok := strings.CutPrefix(e.Name(), "pre-migrate-v")
		if !ok || !e.Type().IsRegular() || !strings.HasSuffix(rest, ".tar.gz") {
			continue
		}
		num, stamp, ok := strings.Cut(rest, "-")
		v, err := strconv.ParseUint(num, 10, 32)
		if !ok || err != nil || uint(v) > maxVersion {
			continue
		}
		// The highest version wins; for the same version, the later stamp.
		if best == "" || uint(v) > bestV || (uint(v) == bestV && stamp > bestStamp) {
			best, bestV, bestStamp = filepath.Join(dir, e.Name()), uint(v), stamp
		}
	}
	return best
}

// newMigrator opens its own connection so closing it never touches the pools.
func newMigrator(path string, o Options) (*migrate.Migrate, *sql.DB, error) {
	db, err := sql.Open("sqlite", DSN(path, o, false))
	if err != nil {
		return nil, nil, err
	}
	db.SetMaxOpenConns(1)
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("store: unable to read embedded migrations: %w", err)
	}
	drv, err := sqlite.WithInstance(db, &sqlite.Config{})
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("store: unable to prepare migrations: %w", err)
	}
	m, err := migrate.NewWithInstance("iofs", src, "sqlite", drv)
	if err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("store: unable to prepare migrations: %w", err)
	}
	return m, db, nil
}

// embeddedVersions lists the migration versions in this binary, ascending.
func embeddedVersions() ([]uint, error) {
	src, err := iofs.New(migrations.FS, ".")
	if err != nil {
		return nil, err
	}
	defer src.Close()
	v, err := src.First()
	if err != nil {
		return nil, err
	}
	out := []uint{v}
	for {
		next, err := src.Next(v)
		if err != nil {
			break
		}
		out = append(out, next)
		v = next
	}
	return out, nil
}

// Status reports the current and latest schema versions.
func (s *Store) Status() (MigrationStatus, error) {
	return statusOf(s.Reader)
}

func statusOf(db *sql.DB) (MigrationStatus, error) {
	var st MigrationStatus
	versions, err := embeddedVersions()
	if err != nil {
		return st, fmt.Errorf("store: unable to list migrations: %w", err)
	}
	st.Latest = versions[len(versions)-1]
	var version int64
	var dirty bool
	err = db.QueryRow("SELECT version, dirty FROM schema_migrations LIMIT 1").Scan(&version, &dirty)
	switch {
	case err == nil:
		st.Current, st.Dirty = uint(version), dirty
	case errors.Is(err, sql.ErrNoRows):
	default:
		// No table yet: nothing applied.
		var n int
		if qerr := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE name='schema_migrations'").Scan(&n); qerr != nil || n > 0 {
			return st, fmt.Errorf("store: unable to read schema version: %w", err)
		}
	}
	for _, v := range versions {
		if v > st.Current {
			st.Pending++
		}
	}
	return st, nil
}

// MigrateUp applies every pending migration.
func (s *Store) MigrateUp() error {
	return s.withMigrator(func(m *migrate.Migrate) error { return m.Up() })
}

// MigrateSteps applies n migrations up (n > 0) or down (n < 0).
func (s *Store) MigrateSteps(n int) error {
	return s.withMigrator(func(m *migrate.Migrate) error { return m.Steps(n) })
}

// MigrateForce sets the version without running anything and clears the
// dirty flag. It refuses a version this binary has no migration for, so a
// typo cannot mark the database as something no binary knows.
func (s *Store) MigrateForce(version int) error {
	versions, err := embeddedVersions()
	if err != nil {
		return fmt.Errorf("store: unable to list migrations: %w", err)
	}
	if version != 0 && !slices.Contains(versions, uint(version)) {
		return &UnknownVersionError{Version: version, Known: versions}
	}
	if version == 0 {
		version = database.NilVersion // no migration applied
	}
	m, db, err := newMigrator(s.Path, DefaultOptions())
	if err != nil {
		return err
	}
	defer db.Close()
	if err := m.Force(version); err != nil {
		return fmt.Errorf("store: unable to force version %d: %w", version, err)
	}
	return nil
}

// UnknownVersionError refuses `migrate force` to a version not in this binary.
type UnknownVersionError struct {
	Version int
	Known   []uint
}

func (e *UnknownVersionError) Error() string {
	return fmt.Sprintf("this binary has no migration %d (it knows 0 to %d): nothing was changed", e.Version, e.Known[len(e.Known)-1])
}

// withMigrator runs fn unless the database is past what this binary knows
// (golang-migrate would fail there with "no migration found").
func (s *Store) withMigrator(fn func(m *migrate.Migrate) error) error {
	st, err := s.Status()
	if err != nil {
		return err
	}
	if st.Newer() {
		return st.Refusal(filepath.Join(filepath.Dir(s.Path), "backups"))
	}
	m, db, err := newMigrator(s.Path, DefaultOptions())
	if err != nil {
		return err
	}
	defer db.Close()
	if err := fn(m); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return fmt.Errorf("store: migration failed: %w", err)
	}
	return nil
}
