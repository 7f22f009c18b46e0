package sqlitestore

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
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
	// Unrecorded: no version is recorded but the database holds tables
	// (after 'migrate force 0', say): it is not a new database, and
	// migrating it from the start would fail half way.
	Unrecorded bool
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
	// Flags are the command's own --config and --data, so the restore it
	// names goes into the same data directory from anywhere.
	Flags string
}

func (e *NewerSchemaError) Error() string {
	msg := fmt.Sprintf("the database was made by a newer Animal Genius (schema %d); this binary knows up to %d: use the newer binary", e.Current, e.Latest)
	if e.Backup != "" {
		return msg + " or restore " + e.Backup + " ('animalgenius restore" + e.Flags + " " + ShellQuote(e.Backup) + "'; changes made since then are lost)"
	}
	return msg + " or restore a backup taken before the upgrade ('animalgenius restore" + e.Flags + " FILE')"
}

// ErrNewerSchema matches every *NewerSchemaError with errors.Is.
var ErrNewerSchema = errors.New("database schema is newer than this binary")

// ErrUnusable matches every error of Refusal and a failed migration: the
// database must be restored or fixed by hand, so starting again as it is
// cannot help (serve exits with its own status for these).
var ErrUnusable = errors.New("this binary cannot use the database as it is")

func (e *NewerSchemaError) Is(target error) bool {
	return target == ErrNewerSchema || target == ErrUnusable
}

// unusableError is a refusal other than a newer schema.
type unusableError string

func (e unusableError) Error() string        { return string(e) }
func (e unusableError) Is(target error) bool { return target == ErrUnusable }

// Refusal returns the error that stops this binary from using the
// database as it is, or nil: a newer schema (naming the backup in
// backupDir to go back to), a half-applied migration, or tables with no
// recorded version. flags are the command's --config and --data (see
// NewerSchemaError.Flags).
func (m MigrationStatus) Refusal(backupDir, flags string) error {
	if m.Newer() {
		return &NewerSchemaError{Current: m.Current, Latest: m.Latest, Backup: PreMigrateBackup(backupDir, m.Latest), Flags: flags}
	}
	if m.Dirty {
		return unusableError(fmt.Sprintf("the database is marked dirty at version %d: a migration failed half way. Restore a backup ('animalgenius restore%s FILE'), or fix it and run 'animalgenius migrate force%s %d'", m.Current, flags, flags, m.Current))
	}
	if m.Unrecorded {
		return unusableError(fmt.Sprintf("the database holds tables but no schema version (was 'migrate force 0' run on it?): it is not a new database, so nothing is migrated. "+
			"Restore a backup ('animalgenius restore%s FILE'), or record the version it is at with 'animalgenius migrate force%s V' (the latest this binary knows is %d)", flags, flags, m.Latest))
	}
	return nil
}

// ShellQuote quotes s for a shell command line when it needs it.
func ShellQuote(s string) string {
	if s != "" && strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/._-+=:,@") == "" {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
	if st.Current == 0 && !st.Dirty {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name <> 'schema_migrations' AND name NOT LIKE 'sqlite%'").Scan(&n); err != nil {
			return st, fmt.Errorf("store: unable to list tables: %w", err)
		}
		st.Unrecorded = n > 0
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
	if err := CheckForceVersion(version); err != nil {
		return err
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

// CheckForceVersion refuses a version `migrate force` cannot set: one this
// binary has no migration for (0, no migration applied, is known).
func CheckForceVersion(version int) error {
	versions, err := embeddedVersions()
	if err != nil {
		return fmt.Errorf("store: unable to list migrations: %w", err)
	}
	if version != 0 && !slices.Contains(versions, uint(version)) {
		return &UnknownVersionError{Version: version, Known: versions}
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
		return st.Refusal(filepath.Join(filepath.Dir(s.Path), "backups"), " --data "+ShellQuote(filepath.Dir(s.Path)))
	}
	m, db, err := newMigrator(s.Path, DefaultOptions())
	if err != nil {
		return err
	}
	defer db.Close()
	if err := fn(m); err != nil && !errors.Is(err, migrate.ErrNoChange) {
		return s.migrationFailed(err)
	}
	return nil
}

// MigrationError is a failed migration in our words: which one, the first
// line of SQLite's error (not the whole SQL file golang-migrate quotes)
// and what to do. The database is left marked dirty at that version.
type MigrationError struct {
	Version uint
	Name    string // the migration's file name, "" if unknown
	Reason  string
	DataDir string
	Err     error
}

func (e *MigrationError) Error() string {
	which := fmt.Sprintf("migration %d", e.Version)
	if e.Name != "" {
		which += " (" + e.Name + ")"
	}
	return fmt.Sprintf("%s failed: %s. The database is marked dirty at version %d: restore the backup taken before migrating "+
		"('animalgenius restore --data %s FILE'), or finish or undo the migration by hand and run 'animalgenius migrate force --data %s %d'",
		which, e.Reason, e.Version, ShellQuote(e.DataDir), ShellQuote(e.DataDir), e.Version)
}

func (e *MigrationError) Unwrap() error { return e.Err }

func (e *MigrationError) Is(target error) bool { return target == ErrUnusable }

// migrationFailed describes err, a failed migrate run.
func (s *Store) migrationFailed(err error) error {
	reason := err.Error()
	var dbErr *database.Error
	if errors.As(err, &dbErr) && dbErr.OrigErr != nil {
		reason = dbErr.OrigErr.Error()
	} else if dbErr != nil && dbErr.Err != "" {
		reason = dbErr.Err
	}
	reason, _, _ = strings.Cut(reason, "\n")
	reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(reason), ":"))
	e := &MigrationError{Reason: reason, DataDir: filepath.Dir(s.Path), Err: err}
	if st, serr := s.Status(); serr == nil && st.Dirty {
		e.Version = st.Current
		if names, _ := fs.Glob(migrations.FS, fmt.Sprintf("%04d_*.up.sql", st.Current)); len(names) == 1 {
			e.Name = names[0]
		}
	} else {
		return fmt.Errorf("store: migration failed: %s", reason)
	}
	return e
}
