package main

import (
	"context"
	"errors"
	"fmt"
	"net"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"

	"animalgenius/app"
	"animalgenius/app/gcpace"
	"animalgenius/sqlitestore"
)

// exitConfig (EX_CONFIG) is serve's exit status when it refuses to start
// for a reason a restart cannot fix; the systemd unit does not restart it
// (RestartPreventExitStatus=78).
const exitConfig = 78

func newServeCmd(g *globalFlags) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web server (migrates and backs up by itself when needed)",
		Long: "Run the web server. It migrates the database by itself when needed, after a backup.\n\n" +
			"Exit status: 0 after a clean shutdown; 78 when it refuses to start for a reason a restart\n" +
			"cannot fix (a bad setting, a database made by a newer version, left half migrated or with\n" +
			"tables but no schema version): fix what the message says first; 1 for any other failure.",
		Args: noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig()
			if err != nil {
				return exitError{exitConfig, err}
			}
			if addr != "" {
				cfg.Server.Addr = addr
				if err := cfg.Validate(); err != nil {
					return exitError{exitConfig, err}
				}
			}
			log := newLogger(cfg)
			pace := gcpace.Defaults
			if cfg.Server.MemoryLimitMB > 0 {
				debug.SetMemoryLimit(int64(cfg.Server.MemoryLimitMB) << 20)
				// The floor stays well under the limit.
				pace.Floor = min(pace.Floor, uint64(cfg.Server.MemoryLimitMB)<<20/2)
			}
			a, err := app.Open(cfg, log)
			if errors.Is(err, sqlitestore.ErrUnusable) {
				return exitError{exitConfig, err}
			} else if err != nil {
				return err
			}
			// Paced once started: the start's own garbage (static files
			// compressed, migrations) is collected at the usual pace.
			defer gcpace.Start(pace).Stop()
			ln, err := net.Listen("tcp", cfg.Server.Addr)
			if err != nil {
				a.Close()
				return fmt.Errorf("unable to listen on %s: %w", cfg.Server.Addr, err)
			}
			ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
			defer stop()
			return a.Run(ctx, ln)
		},
	}
	cmd.Flags().StringVar(&addr, "addr", "", "address to listen on, e.g. :8080 (overrides server.addr)")
	return cmd
}
