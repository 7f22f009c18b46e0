package main

import (
	"errors"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"animalgenius/app/bench"

	"github.com/spf13/cobra"
)

func newBenchCmd(g *globalFlags) *cobra.Command {
	o := bench.Options{}
	var scenarios string
	cmd := &cobra.Command{
		Use:   "bench",
		Short: "Simulate a school's load against this box and report throughput and latency",
		Long: "bench drives a running server (--url) or starts its own on a temporary data directory,\n" +
			"runs the chosen scenarios for --duration (and at most --max-requests requests), and prints\n" +
			"per operation: throughput, p50/p95/p99 latency and errors by kind, plus the server's RSS and\n" +
			"CPU when it started the server itself.\n\nScenarios (--scenario):\n" + bench.ScenarioHelp(),
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			o.Scenarios = strings.Split(scenarios, ",")
			o.PlayersSet = cmd.Flags().Changed("players")
			// bench.Run fills a zero LevelTime with the default (for callers
			// in code); from the command line it is a mistake.
			if cmd.Flags().Changed("level-time") && o.LevelTime == 0 {
				return usageError{errors.New("--level-time must be from 100ms to 1m, got 0")}
			}
			err := bench.Run(cmd.Context(), cmd.OutOrStdout(), o)
			var ue bench.UsageError
			if errors.As(err, &ue) {
				return usageError{ue.Err}
			}
			return err
		},
	}
	f := cmd.Flags()
	f.StringVar(&o.URL, "url", "", "server to drive, e.g. http://127.0.0.1:8080 (default: start one on a temp data dir)")
	f.DurationVar(&o.Duration, "duration", 20*time.Second, "how long each scenario runs at most (max 10m; writes is timed by --levels and --level-time instead)")
	f.Int64Var(&o.MaxRequests, "max-requests", 2_000_000, "stop after this many requests in all")
	f.IntVar(&o.Concurrency, "concurrency", 64, "concurrent clients for request loops")
	f.StringVar(&scenarios, "scenario", "reference", "comma-separated scenarios to run: "+bench.ScenarioNames())
	f.BoolVar(&o.JSON, "json", false, "print the report as JSON")
	f.IntVar(&o.Teachers, "teachers", 10, "teachers in the simulated school")
	f.IntVar(&o.Students, "students", 1000, "students joining and submitting the quiz")
	f.IntVar(&o.Players, "players", 1000, "players in the live game (the school scenario plays one after the school part only when this is given)")
	f.DurationVar(&o.Spread, "spread", 0, "school: spread the students' arrivals evenly over this window instead of all at once")
	f.DurationVar(&o.Reads, "reads", 3*time.Second, "school: measure each cached read against /healthz for this long (0 skips it)")
	f.StringArrayVar(&o.ServerCPUs, "server-cpus", nil, "run the server bench starts, and the bare references, on these CPUs (taskset -c list, e.g. 0); "+
		"repeat it (--server-cpus 0 --server-cpus 0,1) to run the scenarios once per list and compare the ratios")
	f.StringVar(&o.LoadCPUs, "load-cpus", "", "run the load (this process) on these CPUs, e.g. 1")
	f.IntSliceVar(&o.Levels, "levels", bench.DefaultLevels, "writes: the client counts of the sweep, rising, e.g. 1,8,64,200")
	f.DurationVar(&o.LevelTime, "level-time", bench.DefaultLevelTime, "writes: how long each level of the sweep runs, per operation")
	cmd.AddCommand(&cobra.Command{
		Use:    "bare-server",
		Short:  "The bare fiber reference server bench compares /healthz with (started by bench)",
		Hidden: true,
		Args:   noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return bench.ServeBare(ctx, cmd.ErrOrStderr())
		},
	})
	cmd.AddCommand(&cobra.Command{
		Use:    "commit-loop",
		Short:  "The bare SQLite commit loop bench compares writes with, printed as JSON (started by bench on the server's CPUs)",
		Hidden: true,
		Args:   noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return bench.RunCommitLoop(cmd.Context(), cmd.OutOrStdout())
		},
	})
	return cmd
}
