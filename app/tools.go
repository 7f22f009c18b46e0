package app

import (
	"errors"
	"fmt"
	"log/slog"

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

// OpenStore opens the database of cfg's data directory with one reader,
// for a command (check, migrate). It neither locks nor migrates.
func OpenStore(cfg config.Config) (*sqlitestore.Store, error) {
	return sqlitestore.Open(cfg.Server.DataDir, storeOptions(cfg, 1))
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

// OpenAccounts opens the store (migrating a brand-new database, which has
// nothing to back up) and the accounts service, for the admin commands.
// They work while the server runs: sessions they end stop working there
// within the session cache's lifetime.
func OpenAccounts(cfg config.Config, log *slog.Logger) (*sqlitestore.Store, *accounts.Service, error) {
	st, err := OpenStore(cfg)
	if err != nil {
		return nil, nil, err
	}
	status, err := st.Status()
	if err == nil {
		err = status.Refusal(cfg.BackupDir())
	}
	if err == nil && status.Current == 0 && !status.Dirty {
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

// OpenExistingStore opens the database for a command that reads it (check,
// export): it must exist and be one this binary can use (st.Refusal says
// what to do otherwise). The caller closes the store.
func OpenExistingStore(cfg config.Config) (*sqlitestore.Store, sqlitestore.MigrationStatus, error) {
	s, err := OpenStore(cfg)
	if err != nil {
		return nil, sqlitestore.MigrationStatus{}, err
	}
	st, err := s.Status()
	if err == nil && st.Current == 0 {
		err = errors.New("the data directory holds no database yet (run 'animalgenius serve' once)")
	}
	if err == nil {
		err = st.Refusal(cfg.BackupDir())
	}
	if err != nil {
		s.Close()
		return nil, st, err
	}
	return s, st, nil
}
