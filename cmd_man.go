package main

import (
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

func newManCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:   "man",
		Short: "Write man pages for every command (section 1) into a directory",
		Long: "Write one man page per command, made from the commands' own help, into --dir\n" +
			"(animalgenius.1, animalgenius-serve.1, animalgenius-migrate-down.1, ...). Release builds ship\n" +
			"them; install with: animalgenius man --dir /usr/local/share/man/man1 && mandb",
		Example: "  animalgenius man --dir ./man && man ./man/animalgenius-backup.1",
		Args:    noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if dir == "" {
				return usageError{fmt.Errorf("man needs --dir, the directory to write the pages into")}
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			header := &doc.GenManHeader{Title: "ANIMALGENIUS", Section: "1", Source: "Animal Genius " + version, Manual: "Animal Genius"}
			root := cmd.Root()
			root.DisableAutoGenTag = true // pages stay the same from build to build
			if err := doc.GenManTree(root, header, dir); err != nil {
				return fmt.Errorf("unable to write the man pages: %w", err)
			}
			fmt.Fprintf(cmd.OutOrStdout(), "man pages written to %s\n", dir)
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "directory to write the pages into (created if missing)")
	return cmd
}
