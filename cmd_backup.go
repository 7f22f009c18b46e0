package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/schollz/progressbar/v3"
	"github.com/spf13/cobra"
	"golang.org/x/term"

	"animalgenius/app"
	"animalgenius/sqlitestore"
)

// progressBar shows a bar on a terminal and nothing otherwise.
func progressBar(what string) (sqlitestore.Progress, func()) {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return nil, func() {}
	}
	var bar *progressbar.ProgressBar
	return func(done, total int64) {
			if bar == nil {
				bar = progressbar.DefaultBytes(total, what)
			}
			_ = bar.Set64(done)
		}, func() {
			if bar != nil {
				_ = bar.Finish()
				fmt.Fprintln(os.Stderr)
			}
		}
}

func newBackupCmd(g *globalFlags) *cobra.Command {
	var out string
	cmd := &cobra.Command{
		Use:   "backup",
		Short: "Write a consistent backup of the database and uploads (safe while serving)",
		Long: "Write a consistent backup of the database, uploads and secrets while the server keeps running.\n" +
			"By default it goes into the backup directory (backup.dir, or DATA/backups) as\n" +
			"manual-TIME.tar.gz, beside the scheduled ones, and is pruned after retention.backup_days\n" +
			"like them. --out FILE writes it elsewhere (yours to keep or delete); --out - writes the\n" +
			"archive to standard output.",
		Example: "  animalgenius backup --data /var/lib/animalgenius\n" +
			"  animalgenius backup --out /mnt/usb/animalgenius.tar.gz\n" +
			"  animalgenius backup --out - | ssh nas 'cat > animalgenius.tar.gz'",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			if err := app.NeedDatabase(cfg); err != nil {
				return err
			}
			stamp := time.Now().UTC().Format("20060102-150405")
			toStdout := out == "-"
			if out == "" || toStdout {
				dir := cfg.BackupDir()
				if err := os.MkdirAll(dir, 0o750); err != nil {
					return fmt.Errorf("unable to create the backup directory: %w", err)
				}
				out = filepath.Join(dir, "manual-"+stamp+".tar.gz")
				if toStdout {
					// Written in full (and checked) first, then streamed.
					out = filepath.Join(dir, ".stdout-"+stamp+".tar.gz")
					defer os.Remove(out)
				}
			}
			if abs, err := filepath.Abs(out); err == nil {
				out = abs
			}
			progress, finish := progressBar("backing up")
			start := time.Now()
			m, err := sqlitestore.Backup(context.Background(), sqlitestore.BackupOptions{
				DataDir: cfg.Server.DataDir, Out: out, AppVersion: version, Progress: progress,
			})
			finish()
			if err != nil {
				return err
			}
			var size int64
			if fi, err := os.Stat(out); err == nil {
				size = fi.Size()
			}
			if toStdout {
				f, err := os.Open(out)
				if err != nil {
					return err
				}
				defer f.Close()
				if _, err := io.Copy(cmd.OutOrStdout(), f); err != nil {
					return fmt.Errorf("unable to write the backup to standard output: %w", err)
				}
				fmt.Fprintf(cmd.ErrOrStderr(), "backup written to standard output (%d files, schema %d, %d bytes, %.1fs)\n",
					len(m.Files), m.SchemaVersion, size, time.Since(start).Seconds())
				return nil
			}
			fmt.Fprintf(cmd.OutOrStdout(), "backup written: %s (%d files, schema %d, %d bytes, %.1fs)\n",
				out, len(m.Files), m.SchemaVersion, size, time.Since(start).Seconds())
			return nil
		},
	}
	cmd.Flags().StringVar(&out, "out", "", "archive to write, or - for standard output (default: manual-TIME.tar.gz in the backup directory)")
	return cmd
}

func newRestoreCmd(g *globalFlags) *cobra.Command {
	return &cobra.Command{
		Use:   "restore FILE",
		Short: "Restore a backup into the data directory (the server must be stopped)",
		Args:  exactArgs(1, "the backup file to restore"),
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			lock, err := sqlitestore.LockDir(cfg.Server.DataDir)
			if err != nil {
				return fmt.Errorf("%w: stop the server before restoring", err)
			}
			defer lock.Unlock()
			progress, finish := progressBar("checking")
			res, err := sqlitestore.Restore(context.Background(), sqlitestore.RestoreOptions{
				DataDir: cfg.Server.DataDir, Archive: args[0], Progress: progress,
			})
			finish()
			if err != nil {
				return fmt.Errorf("%w (nothing was changed)", err)
			}
			out := cmd.OutOrStdout()
			fmt.Fprintf(out, "restored %s (made %s by version %s, schema %d)\n", args[0],
				res.Manifest.CreatedAt.Format(time.RFC3339), res.Manifest.AppVersion, res.Manifest.SchemaVersion)
			if res.AsideDir != "" {
				fmt.Fprintf(out, "the previous data was kept in %s\n", res.AsideDir)
			}
			fmt.Fprintf(out, "note: this brings back the data as it was on %s. Students removed, classes deleted and game results\n"+
				"deleted since then (by teachers or by the retention rules) are back: delete them again. The audit log of the\n"+
				"data kept aside lists what was removed since; %s is deleted after retention.backup_days.\n",
				res.Manifest.CreatedAt.Format("2006-01-02 15:04 MST"), asideOr(res.AsideDir))
			return nil
		},
	}
}

func asideOr(dir string) string {
	if dir == "" {
		return "the data kept aside"
	}
	return dir
}
