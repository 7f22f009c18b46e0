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
	// open takes the lock for commands that change the schema.
	open := func(lock bool) (config.Config, *sqlitestore.Store, func(), error) {
		cfg, err := g.loadConfig()
		if err != nil {
			return cfg, nil, nil, err
		}
		var l *sqlitestore.DirLock
		if lock {
			if l, err = sqlitestore.LockDir(cfg.Server.DataDir); err != nil {
				return cfg, nil, nil, fmt.Errorf("%w: stop the server before changing the schema", err)
			}
		}
		s, err := app.OpenStore(cfg)
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
			cfg, s, done, err := open(false)
			if err != nil {
				return err
			}
			defer done()
			st, err := s.Status()
			if err != nil {
				return err
			}
			refusal := st.Refusal(cfg.BackupDir())
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
			cfg, s, done, err := open(true)
			if err != nil {
				return err
			}
			defer done()
			st, err := s.Status()
			if err != nil {
				return err
			}
			if err := st.Refusal(cfg.BackupDir()); err != nil {
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
			dir := cfg.BackupDir()
			if err := os.MkdirAll(dir, 0o750); err != nil {
				return fmt.Errorf("unable to create the backup directory: %w; nothing was changed", err)
			}
			out := filepath.Join(dir, sqlitestore.PreMigrateName(st.Current, time.Now()))
			if _, err := sqlitestore.Backup(context.Background(), sqlitestore.BackupOptions{DataDir: cfg.Server.DataDir, Out: out, AppVersion: version}); err != nil {
				return fmt.Errorf("the backup before migrating down failed, nothing was changed: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "backup written: %s\n", out)
			if err := s.MigrateSteps(-n); err != nil {
				return fmt.Errorf("%w (the backup %s holds the data as it was)", err, out)
			}
			return printStatus(cmd.OutOrStdout(), s)
		},
	}
	down.Flags().BoolVarP(&yes, "yes", "y", false, "do not ask for confirmation (for scripts)")

	cmd.AddCommand(status, &cobra.Command{
		Use: "up", Short: "Apply every pending migration", Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, s, done, err := open(true)
			if err != nil {
				return err
			}
			defer done()
			st, err := s.Status()
			if err != nil {
				return err
			}
			if err := st.Refusal(cfg.BackupDir()); err != nil {
				return err
			}
			if err := s.MigrateUp(); err != nil {
				return err
			}
			return printStatus(cmd.OutOrStdout(), s)
		},
	}, down, &cobra.Command{
		Use: "force V", Short: "Set the schema version without running migrations (after fixing a failed one)",
		Long: "Set the recorded schema version to V and clear the dirty flag, without running any\n" +
			"migration: for after a migration failed half way and its effect was finished or undone by\n" +
			"hand. V must be a migration this binary has (see 'animalgenius migrate status'), or 0.",
		Example: "  animalgenius migrate force 7",
		Args:    exactArgs(1, "the version to set, e.g. 'animalgenius migrate force 7'"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := strconv.Atoi(args[0])
			if err != nil || v < 0 {
				return usageError{fmt.Errorf("migrate force needs a version number, got %q (e.g. 'animalgenius migrate force 7')", args[0])}
			}
			cfg, s, done, err := open(true)
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
				return fmt.Errorf("%w; nothing was changed", st.Refusal(cfg.BackupDir()))
			}
			if err := s.MigrateForce(v); err != nil {
				return err
			}
			return printStatus(cmd.OutOrStdout(), s)
		},
	})
	return cmd
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
