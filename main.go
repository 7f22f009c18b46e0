// Command animalgenius is the Animal Genius appliance: one binary that
// serves the classroom quiz platform and backs up, restores, migrates and
// checks its own data.
package main

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"animalgenius/app"
	"animalgenius/app/config"
)

// Set at build time with -ldflags "-X main.version=... -X main.commit=...".
var (
	version = "dev"
	commit  = ""
)

// usageError makes main print usage and exit 2.
type usageError struct{ err error }

func (u usageError) Error() string { return u.err.Error() }

// exitError carries a chosen exit code for an error already explained.
type exitError struct {
	code int
	err  error
}

func (e exitError) Error() string { return e.err.Error() }

func main() {
	os.Exit(run(os.Args[1:]))
}

func run(args []string) int {
	app.Version = version
	root := newRootCmd()
	root.SetArgs(args)
	cmd, err := root.ExecuteC()
	if err == nil {
		return 0
	}
	var ue usageError
	if errors.As(err, &ue) || strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") ||
		strings.HasPrefix(err.Error(), "unknown shorthand flag") || strings.HasPrefix(err.Error(), "flag needs an argument") {
		// The hint names the command that refused, so its own help is one copy-paste away.
		path := "animalgenius"
		if cmd != nil {
			path = cmd.CommandPath()
		}
		fmt.Fprintf(os.Stderr, "animalgenius: %v\n\nRun '%s --help' for usage.\n", err, path)
		return 2
	}
	fmt.Fprintf(os.Stderr, "animalgenius: %v\n", err)
	var ee exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// globalFlags are shared by every subcommand.
type globalFlags struct {
	configPath string
	dataDir    string
}

func newRootCmd() *cobra.Command {
	g := &globalFlags{}
	root := &cobra.Command{
		Use:           "animalgenius",
		Short:         "Animal Genius: the classroom personality-quiz appliance",
		Long:          "Animal Genius runs a classroom personality quiz, live quiz games and a coin store on one small box.\nStart it with 'animalgenius serve'; see README.md for backups, upgrades and configuration.",
		SilenceUsage:  true,
		SilenceErrors: true,
		Args:          noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return usageError{errors.New("a command is needed (for example: animalgenius serve)")}
		},
	}
	root.PersistentFlags().StringVar(&g.configPath, "config", "", "configuration file (TOML); default: none, or $AG_CONFIG")
	root.PersistentFlags().StringVar(&g.dataDir, "data", "", "data directory (overrides server.data_dir)")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	// --version prints the same first line as 'animalgenius version'.
	root.Version = version
	root.SetVersionTemplate("animalgenius {{.Version}}\n")
	// cobra's 'completion bash|zsh|fish|powershell' prints a shell completion script.
	root.CompletionOptions.HiddenDefaultCmd = false
	root.AddCommand(
		newServeCmd(g), newMigrateCmd(g), newBackupCmd(g), newRestoreCmd(g),
		newCheckCmd(g), newExportCmd(g), newHealthcheckCmd(g), newVersionCmd(), newBenchCmd(g), newAdminCmd(g),
		newManCmd(),
	)
	// An unknown shell (or none) is a usage error, not cobra's help with status 0.
	root.InitDefaultCompletionCmd()
	if comp, _, err := root.Find([]string{"completion"}); err == nil && comp != root {
		comp.Args = func(cmd *cobra.Command, args []string) error {
			if len(args) > 0 {
				return usageError{fmt.Errorf("there is no completion script for %q: choose bash, zsh, fish or powershell", args[0])}
			}
			return nil
		}
		comp.RunE = func(cmd *cobra.Command, args []string) error {
			return usageError{errors.New("completion needs a shell: bash, zsh, fish or powershell")}
		}
	}
	return root
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		if cmd.HasSubCommands() {
			return usageError{fmt.Errorf("unknown command %q for %q", args[0], cmd.CommandPath())}
		}
		return usageError{fmt.Errorf("%s takes no arguments, got %q", cmd.CommandPath(), args)}
	}
	return nil
}

func exactArgs(n int, what string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usageError{fmt.Errorf("%s needs %s", cmd.CommandPath(), what)}
		}
		return nil
	}
}

// loadConfig reads the file, environment and the shared flags, and validates.
func (g *globalFlags) loadConfig() (config.Config, error) {
	path := g.configPath
	if path == "" {
		path = os.Getenv("AG_CONFIG")
	}
	cfg, err := config.Load(path, os.Environ())
	if err != nil {
		return cfg, err
	}
	if g.dataDir != "" {
		cfg.Server.DataDir = g.dataDir
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	return cfg, nil
}

func newLogger(cfg config.Config) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	if cfg.Log.Format == "json" {
		return slog.New(slog.NewJSONHandler(os.Stderr, opts))
	}
	return slog.New(slog.NewTextHandler(os.Stderr, opts))
}
