package apptest

import (
	"context"
	"log/slog"
	"net"
	"testing"

	"animalgenius/app"
	"animalgenius/app/config"
)

// StartBench runs the real appliance on a temp data directory and
// a loopback port for a benchmark (synchronous=FULL, no daily backup, logs
// discarded) and returns its base URL; it stops when the benchmark ends.
func StartBench(b *testing.B) (string, *app.App) {
	b.Helper()
	cfg := config.Default()
	cfg.Server.DataDir = b.TempDir()
	cfg.Backup.Time = ""
	cfg.Server.MinFreeDiskMB = 1
	cfg.Database.Synchronous = "FULL"
	a, err := app.Open(cfg, slog.New(slog.DiscardHandler), app.WithLANDetector(app.NoLAN))
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.Run(ctx, ln) }()
	b.Cleanup(func() { cancel(); <-done })
	return "http://" + ln.Addr().String(), a
}
