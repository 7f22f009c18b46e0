package sqlitestore

import (
	"database/sql"
	"errors"
	"fmt"

	"github.com/golang-migrate/migrate/v4"
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

// MigrateForce sets the version without running anything and clears the dirty flag.
func (s *Store) MigrateForce(version int) error {
	return s.withMigrator(func(m *migrate.Migrate) error { return m.Force(version) })
}

func (s *Store) withMigrator(fn func(m *migrate.Migrate) error) error {
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
