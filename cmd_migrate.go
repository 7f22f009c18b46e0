package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"animalgenius/app"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
)

func newMigrateCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Show or change the database schema version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("migrate needs one of: up, down N, status, force V (see 'animalgenius migrate --help')")}
		},
	}
	// open takes the lock for commands that change the schema. Only
	// migrate up makes a new database (create); the others refuse a data
	// directory without one before making anything.
	open := func(lock, create bool) (config.Config, *sqlitestore.Store, func(), error) {
		cfg, err := g.loadConfig()
		if err != nil {
			return cfg, nil, nil, err
		}
		if !create {
			if err := app.NeedDatabase(cfg); err != nil {
				return cfg, nil, nil, err
			}
		}
		var l *sqlitestore.DirLock
		if lock {
			if l, err = sqlitestore.LockDir(cfg.Server.DataDir); err != nil {
				return cfg, nil, nil, fmt.Errorf("%w: stop the server before changing the schema", err)
			}
		}
		s, err := app.CreateStore(cfg) // NeedDatabase was asked above
		if err != nil {
			l.Unlock()
			return cfg, nil, nil, err
		}
		return cfg, s, func() { s.Close(); l.Unlock() }, nil
	}
	var statusJSON bool
	status := &cobra.Command{
		Use: "status", Short: "Show the schema version and pending migrations", Args: noArgs,
		Long: "Show the schema version of the database and the migrations this binary would apply.\n" +
			"Exits 1 when this binary cannot use the database as it is (made by a newer version, or a\n" +
			"migration failed half way), after saying what to do.",
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, s, done, err := open(false, false)
			if err != nil {
				if statusJSON {
					if werr := writeJSON(cmd.OutOrStdout(), migrateStatus{Problem: err.Error()}); werr != nil {
						return werr
					}
				}
				return exitError{1, err}
			}
			defer done()
			st, err := s.Status()
			if err != nil {
				return err
			}
			refusal := st.Refusal(cfg.BackupDir(), app.ToolFlags(cfg))
			if statusJSON {
				if err := writeJSON(cmd.OutOrStdout(), migrateStatusJSON(st, refusal)); err != nil {
					return err
				}
				if refusal != nil {
					return exitError{1, errors.New("the database cannot be used by this binary as it is (see \"problem\")")}
				}
				return nil
			}
			printMigrateStatus(cmd.OutOrStdout(), st)
			if refusal != nil {
				return exitError{1, refusal}
			}
			return nil
		},
	}
	status.Flags().BoolVar(&statusJSON, "json", false, "print the status as JSON")

	var yes bool
	down := &cobra.Command{
		Use: "down N", Short: "Undo the last N migrations (backs up first, asks to confirm)",
		Long: "Undo the last N migrations. Undoing a migration deletes what it added (tables, columns\n" +
			"and their data), so this first asks to confirm (type yes; --yes for scripts) and writes a\n" +
			"backup (pre-migrate-vVERSION-TIME.tar.gz in the backup directory) before changing anything.",
		Example: "  animalgenius migrate down 1 --data /var/lib/animalgenius\n  animalgenius migrate down 1 --yes   # in a script",
		Args:    exactArgs(1, "the number of migrations to undo, e.g. 'animalgenius migrate down 1'"),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 1 {
				return usageError{fmt.Errorf("migrate down needs a positive number, got %q (e.g. 'animalgenius migrate down 1')", args[0])}
			}
			cfg, s, done, err := open(true, false)
			if err != nil {
				return err
			}
			defer done()
			st, err := s.Status()
			if err != nil {
				return err
			}
			if err := st.Refusal(cfg.BackupDir(), app.ToolFlags(cfg)); err != nil {
				return err
			}
			if uint(n) > st.Current {
				return fmt.Errorf("the schema is at version %d: there are not %d migrations to undo; nothing was changed", st.Current, n)
			}
			target := st.Current - uint(n)
			if !yes {
				ok, err := confirm(cmd, fmt.Sprintf("Undo %d migration(s), schema %d -> %d? What they added (tables, columns, their data) is deleted; a backup is written first.\nType yes to go on: ", n, st.Current, target))
				if err != nil {
					return err
				}
				if !ok {
					return exitError{1, errors.New("not confirmed: nothing was changed (type yes, or pass --yes in a script)")}
				}
			}
			out, err := backUpBeforeMigrating(cmd, cfg, st.Current, "migrating down")
			if err != nil {
				return err
			}
			if err := s.MigrateSteps(-n); err != nil {
				return fmt.Errorf("%w (the backup %s holds the data as it was)", err, out)
			}
			return printStatus(cmd.OutOrStdout(), s)
		},
	}
	down.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation (for scripts)")

	cmd.AddCommand(status, &cobra.Command{
		Use: "up", Short: "Apply every pending migration (makes a new database where there is none)", Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, s, done, err := open(true, true)
			if err != nil {
				return err
			}
			defer done()
			st, err := s.Status()
			if err != nil {
				return err
			}
			if err := st.Refusal(cfg.BackupDir(), app.ToolFlags(cfg)); err != nil {
				return err
			}
			if err := s.MigrateUp(); err != nil {
				return err
			}
			return printStatus(cmd.OutOrStdout(), s)
		},
	}, down)
	var forceYes bool
	force := &cobra.Command{
		Use: "force V", Short: "Set the schema version without running migrations (after fixing a failed one; backs up first, asks to confirm)",
		Long: "Set the recorded schema version to V and clear the dirty flag, without running any\n" +
			"migration: for after a migration failed half way and its effect was finished or undone by\n" +
			"hand. V must be a migration this binary has (see 'animalgenius migrate status'), or 0.\n" +
			"A wrong version makes the next start run the wrong migrations, so this first asks to confirm\n" +
			"(type yes; --yes for scripts) and writes a backup (pre-migrate-vVERSION-TIME.tar.gz in the\n" +
			"backup directory) before changing anything.",
		Example: "  animalgenius migrate force 7\n  animalgenius migrate force 7 --yes   # in a script",
		Args:    exactArgs(1, "the version to set, e.g. 'animalgenius migrate force 7'"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := strconv.Atoi(args[0])
			if err != nil || v < 0 {
				return usageError{fmt.Errorf("migrate force needs a version number, got %q (e.g. 'animalgenius migrate force 7')", args[0])}
			}
			cfg, s, done, err := open(true, false)
			if err != nil {
				return err
			}
			defer done()
			// A database a newer binary migrated is never this binary's to
			// relabel: forcing it down to a known version would let this
			// binary run on a schema it does not know.
			st, err := s.Status()
			if err != nil {
				return err
			}
			if st.Newer() {
				return fmt.Errorf("%w; nothing was changed", st.Refusal(cfg.BackupDir(), app.ToolFlags(cfg)))
			}
			if err := sqlitestore.CheckForceVersion(v); err != nil {
				return err
			}
			if !forceYes {
				ok, err := confirm(cmd, fmt.Sprintf("Record schema version %d (now %d) without running any migration? If the tables do not match it, "+
					"the next start fails or runs the wrong migrations; a backup is written first.\nType yes to go on: ", v, st.Current))
				if err != nil {
					return err
				}
				if !ok {
					return exitError{1, errors.New("not confirmed: nothing was changed (type yes, or pass --yes in a script)")}
				}
			}
			out, err := backUpBeforeMigrating(cmd, cfg, st.Current, "forcing the version")
			if err != nil {
				return err
			}
			if err := s.MigrateForce(v); err != nil {
				return fmt.Errorf("%w (the backup %s holds the data as it was)", err, out)
			}
			return printStatus(cmd.OutOrStdout(), s)
		},
	}
	force.Flags().BoolVarP(&forceYes, "yes", "y", false, "do not ask for confirmation (for scripts)")
	cmd.AddCommand(force)
	return cmd
}

// backUpBeforeMigrating writes pre-migrate-v<current>-TIME.tar.gz in the
// backup directory and says so; what names the change for the error.
func backUpBeforeMigrating(cmd *cobra.Command, cfg config.Config, current uint, what string) (string, error) {
	dir := cfg.BackupDir()
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return "", fmt.Errorf("unable to create the backup directory: %w; nothing was changed", err)
	}
	out := filepath.Join(dir, sqlitestore.PreMigrateName(current, time.Now()))
	if _, err := sqlitestore.Backup(context.Background(), sqlitestore.BackupOptions{DataDir: cfg.Server.DataDir, Out: out, AppVersion: version}); err != nil {
		return "", fmt.Errorf("the backup before %s failed, nothing was changed: %w", what, err)
	}
	fmt.Fprintf(cmd.OutOrStdout(), "backup written: %s\n", out)
	return out, nil
}

func printStatus(out io.Writer, s *sqlitestore.Store) error {
	st, err := s.Status()
	if err != nil {
		return err
	}
	printMigrateStatus(out, st)
	return nil
}

func printMigrateStatus(out io.Writer, st sqlitestore.MigrationStatus) {
	fmt.Fprintf(out, "schema version: %d\nlatest in this binary: %d\npending: %d\ndirty: %v\n", st.Current, st.Latest, st.Pending, st.Dirty)
	if st.Newer() {
		fmt.Fprintf(out, "newer: the database is %d version(s) past this binary\n", st.Current-st.Latest)
	}
}

type migrateStatus struct {
	Current uint   `json:"current"`
	Latest  uint   `json:"latest"`
	Pending int    `json:"pending"`
	Dirty   bool   `json:"dirty"`
	Newer   bool   `json:"newer"`
	Problem string `json:"problem,omitempty"`
}

func migrateStatusJSON(st sqlitestore.MigrationStatus, refusal error) migrateStatus {
	out := migrateStatus{Current: st.Current, Latest: st.Latest, Pending: st.Pending, Dirty: st.Dirty, Newer: st.Newer()}
	if refusal != nil {
		out.Problem = refusal.Error()
	}
	return out
}

// writeJSON prints v as indented JSON with a final newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

// confirm asks on stderr and reads one line from standard input; only
// "yes" (any case) confirms. End of input is a no.
func confirm(cmd *cobra.Command, question string) (bool, error) {
	fmt.Fprint(cmd.ErrOrStderr(), question)
	line, err := bufio.NewReader(io.LimitReader(cmd.InOrStdin(), 256)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return false, err
	}
	fmt.Fprintln(cmd.ErrOrStderr())
	return strings.EqualFold(strings.TrimSpace(line), "yes"), nil
}
