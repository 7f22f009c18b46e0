package app

import (
	"context"
	"log/slog"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/economy"
	"animalgenius/app/insight"
	"animalgenius/app/jobs"
	"animalgenius/app/students"
	"animalgenius/sqlitestore"
	"animalgenius/web"
	"animalgenius/web/hub"
)

// Accessors for the CLI and the tests: the parts the app was built from.

// Config is the configuration the app was opened with.
func (a *App) Config() config.Config { return a.cfg }

// Logger is the app's logger.
func (a *App) Logger() *slog.Logger { return a.log }

// Store is the database.
func (a *App) Store() *sqlitestore.Store { return a.store }

// Accounts is the accounts service.
func (a *App) Accounts() *accounts.Service { return a.accounts }

// Runner is the background job runner.
func (a *App) Runner() *jobs.Runner { return a.runner }

// Server is the web server.
func (a *App) Server() *web.Server { return a.server }

// Insight is the teacher insight service.
func (a *App) Insight() *insight.Service { return a.insight }

// Sockets is the socket hub.
func (a *App) Sockets() *hub.Hub { return a.sockets }

// BackupDir is where scheduled and pre-migrate backups go.
func (a *App) BackupDir() string { return a.backupDir() }

// SetupURL is the first-run link logged at start while no admin exists
// ("" once an admin exists or before Run has made it).
func (a *App) SetupURL() string {
	if p := a.setupURL.Load(); p != nil {
		return *p
	}
	return ""
}

// RunClassRetention runs the class retention job once, as the daily
// schedule does.
func (a *App) RunClassRetention(ctx context.Context) (string, error) {
	return a.classRetentionJob(ctx, nil, func(int) {})
}

// Economy is the coins, store and pets service.
func (a *App) Economy() *economy.Service { return a.economy }

// Classes is the classes service.
func (a *App) Classes() *classes.Service { return a.classes }

// Students is the students service.
func (a *App) Students() *students.Service { return a.students }
