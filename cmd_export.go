package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra"

	"animalgenius/app"
	"animalgenius/app/accounts"
	"animalgenius/app/privacy"
	"animalgenius/sqlitestore"
)

func newExportCmd(g *globalFlags) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "export",
		Short: "Export the whole school (every class with its students' data, the accounts, a manifest) as one .tar.gz",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			if out == "" {
				out = fmt.Sprintf("animalgenius-school-%s.tar.gz", time.Now().UTC().Format("2006-01-02"))
			}
			s, _, err := app.OpenExistingStore(cfg)
			if err != nil {
				return err
			}
			defer s.Close()
			if out == "-" {
				return exportToStdout(cmd, s)
			}
			// Written beside the target and renamed at the end: a failed
			// export leaves no half archive. It holds children's data: 0600.
			tmp, err := os.CreateTemp(filepath.Dir(out), ".export-*.tar.gz")
			if err != nil {
				return fmt.Errorf("export: unable to write beside %s: %w", out, err)
			}
			defer os.Remove(tmp.Name())
			progress, finish := progressBar("exporting")
			m, err := privacy.New(s, nil).WriteSchoolArchive(context.Background(), tmp, app.Version, func(done, total int) {
				if progress != nil {
					progress(int64(done), int64(total))
				}
			})
			finish()
			if err == nil {
				err = tmp.Sync()
			}
			if cerr := tmp.Close(); err == nil {
				err = cerr
			}
			if err == nil {
				err = os.Chmod(tmp.Name(), 0o600)
			}
			if err == nil {
				err = os.Rename(tmp.Name(), out)
			}
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if err := s.AddAudit(context.Background(), accounts.Audit{At: time.Now(), ActorLabel: accounts.CLIActor.Label, Action: "school.export",
				Detail: "whole school (command line)"}); err != nil {
				fmt.Fprintln(cmd.ErrOrStderr(), "warning: the export is written but its audit line is not:", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "exported %d classes and %d students to %s (it holds children's data: keep it safe)\n", m.Classes, m.Students, out)
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "archive to write, or - for standard output (default: animalgenius-school-<date>.tar.gz here)")
	return cmd
}

// exportToStdout streams the archive to standard output (the messages go
// to standard error); a failure half way leaves a cut archive there and
// exits 1.
func exportToStdout(cmd *cobra.Command, s *sqlitestore.Store) error {
	m, err := privacy.New(s, nil).WriteSchoolArchive(context.Background(), cmd.OutOrStdout(), app.Version, nil)
	if err != nil {
		return fmt.Errorf("export: %w (what was written to standard output is not a whole archive)", err)
	}
	if err := s.AddAudit(context.Background(), accounts.Audit{At: time.Now(), ActorLabel: accounts.CLIActor.Label, Action: "school.export",
		Detail: "whole school (command line)"}); err != nil {
		fmt.Fprintln(cmd.ErrOrStderr(), "warning: the export is written but its audit line is not:", err)
	}
	fmt.Fprintf(cmd.ErrOrStderr(), "exported %d classes and %d students to standard output (it holds children's data: keep it safe)\n", m.Classes, m.Students)
	return nil
}
