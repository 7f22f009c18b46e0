package main

import (
	"fmt"
	"strconv"

	"github.com/spf13/cobra"

	"animalgenius/app"
	"animalgenius/sqlitestore"
)

func newMigrateCmd(g *globalFlags) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "migrate",
		Short: "Show or change the database schema version",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError{fmt.Errorf("migrate needs one of: up, down N, status, force V")}
		},
	}
	// open takes the lock for commands that change the schema.
	open := func(lock bool) (*sqlitestore.Store, func(), error) {
		cfg, err := g.loadConfig()
		if err != nil {
			return nil, nil, err
		}
		var l *sqlitestore.DirLock
		if lock {
			if l, err = sqlitestore.LockDir(cfg.Server.DataDir); err != nil {
				return nil, nil, fmt.Errorf("%w: stop the server before changing the schema", err)
			}
		}
		s, err := app.OpenStore(cfg)
		if err != nil {
			l.Unlock()
			return nil, nil, err
		}
		return s, func() { s.Close(); l.Unlock() }, nil
	}
	printStatus := func(cmd *cobra.Command, s *sqlitestore.Store) error {
		st, err := s.Status()
		if err != nil {
			return err
		}
		fmt.Fprintf(cmd.OutOrStdout(), "schema version: %d\nlatest in this binary: %d\npending: %d\ndirty: %v\n", st.Current, st.Latest, st.Pending, st.Dirty)
		return nil
	}
	cmd.AddCommand(&cobra.Command{
		Use: "status", Short: "Show the schema version and pending migrations", Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, done, err := open(false)
			if err != nil {
				return err
			}
			defer done()
			return printStatus(cmd, s)
		},
	}, &cobra.Command{
		Use: "up", Short: "Apply every pending migration", Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			s, done, err := open(true)
			if err != nil {
				return err
			}
			defer done()
			if err := s.MigrateUp(); err != nil {
				return err
			}
			return printStatus(cmd, s)
		},
	}, &cobra.Command{
		Use: "down N", Short: "Undo the last N migrations (take a backup first)", Args: exactArgs(1, "the number of migrations to undo"),
		RunE: func(cmd *cobra.Command, args []string) error {
			n, err := strconv.Atoi(args[0])
			if err != nil || n < 1 {
				return usageError{fmt.Errorf("migrate down needs a positive number, got %q", args[0])}
			}
			s, done, err := open(true)
			if err != nil {
				return err
			}
			defer done()
			if err := s.MigrateSteps(-n); err != nil {
				return err
			}
			return printStatus(cmd, s)
		},
	}, &cobra.Command{
		Use: "force V", Short: "Set the schema version without running migrations (after fixing a failed one)", Args: exactArgs(1, "the version to set"),
		RunE: func(cmd *cobra.Command, args []string) error {
			v, err := strconv.Atoi(args[0])
			if err != nil || v < 0 {
				return usageError{fmt.Errorf("migrate force needs a version number, got %q", args[0])}
			}
			s, done, err := open(true)
			if err != nil {
				return err
			}
			defer done()
			if err := s.MigrateForce(v); err != nil {
				return err
			}
			return printStatus(cmd, s)
		},
	})
	return cmd
}
