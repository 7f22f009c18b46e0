package app

import (
	"context"
	"log/slog"
	"runtime/debug"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/web"
	"animalgenius/web/hub"
)

// newHub builds the socket hub and ties session revocation to closing
// sockets.
func (a *App) newHub() *hub.Hub {
	opt := web.HubOptions(a.cfg, a.log)
	opt.Registerer = a.registry
	h := hub.New(opt)
	a.accounts.OnRevoke = h.CloseSubject
	a.accounts.OnRoleChanged = func(id int64) { h.ReconnectSubject(accounts.KindAccount, id) }
	a.accounts.OnRevokeSession = func(_ string, _ int64, key string) { h.CloseSession(key) }
	a.accounts.SocketSessions = h.SessionKeys
	return h
}

// newGames builds the live games on the socket hub and the question-set
// library.
func (a *App) newGames(ctx context.Context) (*game.Manager, *game.Library, error) {
	h := a.sockets
	// Games that were live when the box last stopped cannot go on: their
	// goroutines are gone. Mark them stopped (their results so far stay).
	if n, err := a.store.StopLiveGames(ctx, time.Now()); err != nil {
		return nil, nil, err
	} else if n > 0 {
		a.log.Warn("games left live by the last run were marked stopped", slog.Int("count", n))
	}
	played := prometheus.NewCounter(prometheus.CounterOpts{Name: "animalgenius_games_played_total",
		Help: "Live games that have ended (or were stopped)."})
	a.registry.MustRegister(played)
	var games *game.Manager
	games = game.NewManager(game.Options{
		Store: a.store, Outbox: web.GameOutbox{Hub: h}, Logger: a.log,
		MaxPlayers: a.cfg.Sockets.MaxPerGame,
		Guard:      game.GuardOptions{Limit: a.cfg.Sockets.PINAddrFailures},
		OnFinish: func() {
			played.Inc()
			afterGame(games)
		},
	})
	a.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "animalgenius_games_live",
		Help: "Live games running now."}, func() float64 { return float64(games.Live()) }))
	return games, game.NewLibrary(a.store, nil), nil
}

// gameQuiet is how long after the last live game ends its memory is
// given back.
const gameQuiet = 10 * time.Second

// afterGame gives a game's memory back to the system once no game has
// been live for gameQuiet: a 5,000-player game leaves some 100 MB of
// freed heap that the Go runtime would otherwise keep for minutes.
func afterGame(games *game.Manager) {
	time.AfterFunc(gameQuiet, func() {
		if games.Live() == 0 {
			debug.FreeOSMemory()
		}
	})
}

// stopGames runs first at shutdown: every game saves and says goodbye,
// then every socket is closed with "server stopping".
func stopGames(h *hub.Hub, games *game.Manager, wait time.Duration) func() {
	return func() {
		ctx, cancel := context.WithTimeout(context.Background(), wait)
		defer cancel()
		games.Shutdown(ctx)
		h.Shutdown(ctx.Done())
	}
}
