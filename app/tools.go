package app

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
)

// What the command-line tools open without running the whole appliance.

// storeOptions are the database settings of cfg with the given number of
// reader connections.
func storeOptions(cfg config.Config, readers int) sqlitestore.Options {
	return sqlitestore.Options{Synchronous: cfg.Database.Synchronous, BusyTimeout: cfg.Database.BusyTimeout.Duration, Readers: readers}
}

// ToolFlags are the --config and --data that name cfg's data directory on
// a command line, with a leading space: a command a message suggests then
// works from any directory.
func ToolFlags(cfg config.Config) string {
	flags := ""
	if cfg.File != "" {
		flags += " --config " + sqlitestore.ShellQuote(cfg.File)
	}
	return flags + " --data " + sqlitestore.ShellQuote(cfg.Server.DataDir)
}

// OpenStore opens the database of cfg's data directory with one reader,
// for a command (check, migrate). It neither locks nor migrates, and
// creates nothing: a data directory without a database (a mistyped
// --data) is refused (see NeedDatabase).
func OpenStore(cfg config.Config) (*sqlitestore.Store, error) {
	if err := NeedDatabase(cfg); err != nil {
		return nil, err
	}
	return sqlitestore.Open(cfg.Server.DataDir, storeOptions(cfg, 1))
}

// CreateStore is OpenStore for the commands that may make a new database
// (migrate up, admin create): the directory and file are created if missing.
func CreateStore(cfg config.Config) (*sqlitestore.Store, error) {
	return sqlitestore.Open(cfg.Server.DataDir, storeOptions(cfg, 1))
}

// NeedDatabase refuses a data directory that does not exist or holds no
// database, naming it: the commands that read or change a box's data never
// make a new one where a path was mistyped. Only serve, restore, migrate up
// and admin create make a new database.
func NeedDatabase(cfg config.Config) error {
	dir := cfg.Server.DataDir
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return fmt.Errorf("the data directory %s does not exist: check --data (or server.data_dir); nothing was created", dir)
	}
	if _, err := os.Stat(filepath.Join(dir, sqlitestore.DBFile)); err != nil {
		return fmt.Errorf("the data directory %s holds no database (%s): check --data (or server.data_dir), or start the server there once to make one; nothing was created", dir, sqlitestore.DBFile)
	}
	return nil
}

// accountsOptions are the accounts settings of cfg.
func accountsOptions(cfg config.Config, log *slog.Logger) accounts.Options {
	c := cfg.Auth
	return accounts.Options{
		SignupMode: c.SignupMode, SchoolInviteCode: c.SchoolInviteCode,
		SessionIdle: c.SessionIdle.Duration, SessionAbsolute: c.SessionAbsolute.Duration,
		StudentSessionIdle: c.StudentSessionIdle.Duration, HashConcurrency: c.HashConcurrency, Logger: log,
	}
}

// OpenAccounts opens the store and the accounts service, for the admin
// commands. With create (admin create: the first admin of a new box) it
// makes and migrates a brand-new database, which has nothing to back up;
// otherwise the database must exist. They work while the server runs:
// sessions they end stop working there within the session cache's lifetime.
func OpenAccounts(cfg config.Config, log *slog.Logger, create bool) (*sqlitestore.Store, *accounts.Service, error) {
	open := OpenStore
	if create {
		open = CreateStore
	}
	st, err := open(cfg)
	if err != nil {
		return nil, nil, err
	}
	status, err := st.Status()
	if err == nil {
		err = status.Refusal(cfg.BackupDir(), ToolFlags(cfg))
	}
	if err == nil && !create && status.Current == 0 {
		err = errNoDatabaseYet
	} else if err == nil && status.Current == 0 && !status.Dirty {
		err = st.MigrateUp()
	} else if err == nil && !status.UpToDate() {
		err = fmt.Errorf("the database schema is at version %d of %d: run 'animalgenius migrate up' (or start the server) first", status.Current, status.Latest)
	}
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	opts := accountsOptions(cfg, log)
	opts.HashConcurrency = 1
	return st, accounts.New(st, opts), nil
}

var errNoDatabaseYet = errors.New("the data directory holds no database yet (run 'animalgenius serve' once)")

// OpenExistingStore opens the database for a command that reads it (check,
// export): it must exist and be one this binary can use (st.Refusal says
// what to do otherwise). The caller closes the store.
func OpenExistingStore(cfg config.Config) (*sqlitestore.Store, sqlitestore.MigrationStatus, error) {
	s, err := OpenStore(cfg)
	if err != nil {
		return nil, sqlitestore.MigrationStatus{}, err
	}
	st, err := s.Status()
	if err == nil {
		err = st.Refusal(cfg.BackupDir(), ToolFlags(cfg))
	}
	if err == nil && st.Current == 0 {
		err = errNoDatabaseYet
	}
	if err != nil {
		s.Close()
		return nil, st, err
	}
	return s, st, nil
}
