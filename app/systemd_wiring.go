package app

import (
	"context"
	"log/slog"
	"time"

	"animalgenius/app/systemd"
)

// tellSystemd sends READY=1 once the appliance serves (after the
// migrations and the backup before them, so `systemctl start` returns only
// then), and, when the unit sets WatchdogSec, WATCHDOG=1 at half of it for
// as long as the database answers: a server whose database hangs is
// restarted by systemd. Outside systemd it does nothing.
func (a *App) tellSystemd(ctx context.Context) {
	sent, err := systemd.Notify("READY=1")
	if err != nil {
		a.log.Warn("unable to tell systemd the server is ready", slog.Any("error", err))
	}
	if !sent {
		return
	}
	interval := systemd.WatchdogInterval()
	if interval <= 0 {
		return
	}
	go func() {
		tick := time.NewTicker(interval)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
			}
			pctx, cancel := context.WithTimeout(ctx, interval)
			err := a.store.Ping(pctx)
			cancel()
			if err != nil {
				a.log.Error("the database does not answer: not telling systemd's watchdog that all is well", slog.Any("error", err))
				continue
			}
			if _, err := systemd.Notify("WATCHDOG=1"); err != nil {
				a.log.Warn("unable to reach systemd's watchdog", slog.Any("error", err))
			}
		}
	}()
}
