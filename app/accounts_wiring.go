package app

import (
	"context"
	"errors"
	"log/slog"
	"net"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/app/jobs"
)

// JobPurgeSessions is the job kind of the hourly purge of ended sessions.
const JobPurgeSessions = "sessions.purge"

// newAccounts builds the accounts service from the configuration.
func (a *App) newAccounts() *accounts.Service {
	return accounts.New(a.store, accountsOptions(a.cfg, a.log))
}

// purgeSessionsJob deletes ended sessions and spent one-time links.
func (a *App) purgeSessionsJob(ctx context.Context, _ *jobs.Job, _ func(int)) (string, error) {
	n, err := a.accounts.PurgeExpired(ctx)
	if err != nil {
		return "", err
	}
	if n > 0 {
		a.log.Info("ended sessions purged", slog.Int("count", n))
	}
	return "", nil
}

// startAccounts runs the last-seen writer and schedules the hourly purge
// until ctx ends, and logs the first-run setup link when no admin exists.
func (a *App) startAccounts(ctx context.Context, addr net.Addr) {
	done := make(chan struct{})
	a.accountsDone = done
	go func() {
		defer close(done)
		a.accounts.Run(ctx)
	}()
	go func() {
		t := time.NewTicker(time.Hour)
		defer t.Stop()
		for {
			hour := time.Now().UTC().Truncate(time.Hour)
			_, err := a.runner.Enqueue(ctx, jobs.NewJob{Kind: JobPurgeSessions, Priority: 5,
				UniqueKey: JobPurgeSessions + ":" + hour.Format("2006-01-02T15")})
			if err != nil && ctx.Err() == nil {
				a.log.Error("unable to schedule the session purge", slog.Any("error", err))
			}
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
		}
	}()
	link, err := a.accounts.CreateSetupLink(ctx)
	if errors.Is(err, accounts.ErrAdminExists) {
		return
	}
	if err != nil {
		a.log.Error("unable to make the first-run setup link", slog.Any("error", err))
		return
	}
	url := a.reach.ForListener(addr.String()).URL + link.Path
	a.setupURL.Store(&url)
	// The link is meant for the person starting the box, so it goes to the
	// log on purpose; it works once, for 30 minutes, and only while no admin exists.
	a.log.Warn("no admin yet: open this link within 30 minutes to create the first admin "+
		"(or run 'animalgenius admin create --email you@school.org')", slog.String("setup_link", url))
}

// PublicBaseURL is how people reach this box from a command (no request):
// server.public_url, else the listening address, with the box's LAN
// address for a wildcard or loopback one (see app/reach).
func PublicBaseURL(cfg config.Config, addr net.Addr) string {
	hostport := cfg.Server.Addr
	if addr != nil {
		hostport = addr.String()
	}
	return newReach(cfg, nil).ForListener(hostport).URL
}
