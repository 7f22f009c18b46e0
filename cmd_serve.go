package main

import (
	"context"
	"fmt"
	"net"
	"os/signal"
	"runtime/debug"
	"syscall"

	"github.com/spf13/cobra"

	"animalgenius/app"
	"animalgenius/app/gcpace"
)

func newServeCmd(g *globalFlags) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Run the web server (migrates and backs up by itself when needed)",
		Args:  noArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			cfg, err := g.loadConfig()
			if err != nil {
				return err
			}
			if addr != "" {
				cfg.Server.Addr = addr
				if err := cfg.Validate(); err != nil {
					return err
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
			if err != nil {
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
