package app

import (
	"animalgenius/app/devices"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/economy"
	"animalgenius/app/insight"
	"animalgenius/app/jobs"
	"animalgenius/app/ops"
	"animalgenius/app/privacy"
	"animalgenius/app/reach"
	"animalgenius/app/students"
	"animalgenius/app/systemd"
	"animalgenius/app/uploads"
	"animalgenius/embed"
	"animalgenius/sqlitestore"
	"animalgenius/web"
	"animalgenius/web/hub"
)

// Version is the running binary's version (set by main from its build flags).
var Version = "dev"

// App is the running product: the data directory lock, the store,
// the job runner and the web server, wired together. The serve command and
// the end-to-end tests both build it with Open.
type App struct {
	cfg     config.Config
	log     *slog.Logger
	lock    *sqlitestore.DirLock
	store   *sqlitestore.Store
	secrets *sqlitestore.Secrets
	runner  *jobs.Runner
	uploads *uploads.Service
	economy *economy.Service
	// coinMetrics counts coins moved by type (the welcome bonus is paid by
	// the students service, the rest by the economy).
	coinMetrics *economyMetrics
	server      *web.Server
	registry    *prometheus.Registry
	started     time.Time
	stopJobs    context.CancelFunc
	accounts    *accounts.Service
	classes     *classes.Service
	students    *students.Service
	// insight serves the teacher insight pages and pushes live boards;
	// every writer of a class's students calls insight.OnStudentsChanged.
	insight *insight.Service
	sockets *hub.Hub
	// setupURL is the first-run link logged at start while no admin exists
	// (set by the run goroutine, read by tests).
	setupURL atomic.Pointer[string]
	// accountsDone closes when the last-seen writer has flushed and stopped.
	accountsDone chan struct{}
	// reach is how pupils' devices reach the box (links they open);
	// detectLAN finds its LAN address (nil: the real detection); announcer
	// answers mDNS while the box runs.
	reach     *reach.Finder
	detectLAN func() (netip.Addr, bool)
	announcer *reach.Announcer
	// backups records the last good backup and its off-box copy (metrics,
	// admin page) and makes the copies.
	backups *ops.Backups
}

// Open takes the data directory, migrates (after a backup when
// the database already holds data) and builds every part. It listens nowhere yet.
func Open(cfg config.Config, log *slog.Logger, options ...Option) (_ *App, err error) {
	a := &App{cfg: cfg, log: log, started: time.Now()}
	for _, o := range options {
		o(a)
	}
	a.reach = newReach(cfg, a.detectLAN)
	dir := cfg.Server.DataDir
	defer func() {
		if err != nil {
			a.Close()
			if sqlitestore.IsDiskFull(err) {
				err = fmt.Errorf("the disk of %s is full: make room on it (or move the data directory) and start again (%w)", dir, err)
			}
		}
	}()
	if a.lock, err = sqlitestore.LockDir(dir); err != nil {
		if errors.Is(err, sqlitestore.ErrLocked) {
			return nil, fmt.Errorf("%w: is another 'animalgenius serve' running? Stop it first", err)
		}
		return nil, err
	}
	if a.secrets, err = sqlitestore.LoadOrCreateSecrets(dir); err != nil {
		return nil, err
	}
	if a.store, err = sqlitestore.Open(dir, storeOptions(cfg, cfg.Database.Readers)); err != nil {
		return nil, err
	}
	if err := a.migrate(); err != nil {
		return nil, err
	}

	a.registry = prometheus.NewRegistry()
	a.registry.MustRegister(
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		collectors.NewDBStatsCollector(a.store.Writer, "writer"),
		collectors.NewDBStatsCollector(a.store.Reader, "reader"),
	)
	writeWait := prometheus.NewHistogram(prometheus.HistogramOpts{
		Name:    "animalgenius_db_writer_wait_seconds",
		Help:    "Time a write waited for the single writer connection.",
		Buckets: []float64{.0001, .0005, .001, .005, .01, .05, .1, .5, 1, 5},
	})
	a.registry.MustRegister(writeWait,
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "animalgenius_db_commits_total", Help: "Transactions committed on the writer (one fsync each with synchronous=FULL).",
		}, func() float64 { return float64(a.store.CommitStats().Commits) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "animalgenius_db_grouped_writes_total", Help: "Requests committed in shared groups (grouped writes per group commit: this over animalgenius_db_write_groups_total).",
		}, func() float64 { return float64(a.store.CommitStats().GroupedWrites) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "animalgenius_db_write_groups_total", Help: "Group commits of grouped writes.",
		}, func() float64 { return float64(a.store.CommitStats().Groups) }),
	)
	a.store.OnWriteWait = func(d time.Duration) { writeWait.Observe(d.Seconds()) }
	a.backups = ops.NewBackups(ops.BackupOptions{Dir: a.backupDir(), CopyTo: cfg.Backup.CopyTo, Keep: cfg.Backup.Keep, Logger: log})
	ops.RegisterMetrics(a.registry, ops.MetricsOptions{
		Disk:         func() (uint64, uint64, error) { return sqlitestore.DiskSpace(cfg.Server.DataDir) },
		MinFreeBytes: uint64(cfg.Server.MinFreeDiskMB) << 20, Ready: a.ready, SocketsMax: cfg.Sockets.MaxTotal,
		Backups: a.backups, Version: Version,
	})

	a.runner = jobs.NewRunner(a.store, jobs.Options{
		Concurrency: cfg.Jobs.Concurrency, MaxAttempts: cfg.Jobs.MaxAttempts,
		RetryBase: cfg.Jobs.RetryBase.Duration, Poll: cfg.Jobs.Poll.Duration, Logger: log,
	})
	jobsFinished := prometheus.NewCounterVec(prometheus.CounterOpts{
		Name: "animalgenius_jobs_finished_total", Help: "Background job attempts by kind and outcome.",
	}, []string{"kind", "outcome"})
	a.registry.MustRegister(jobsFinished, prometheus.NewGaugeFunc(prometheus.GaugeOpts{
		Name: "animalgenius_jobs_queue_depth", Help: "Background jobs queued or running.",
	}, func() float64 {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		n, _ := a.runner.QueueDepth(ctx)
		return float64(n)
	}))
	a.runner.OnFinish = func(kind, outcome string, _ time.Duration) { jobsFinished.WithLabelValues(kind, outcome).Inc() }
	a.runner.Handle(JobBackup, a.backupJob)
	a.accounts = a.newAccounts()
	a.runner.Handle(JobPurgeSessions, a.purgeSessionsJob)
	a.runner.Handle(JobClassRetention, a.classRetentionJob)
	a.runner.Handle(JobPrivacyRetention, a.privacyRetentionJob)
	// Parts are built in dependency order: the socket hub and insight
	// first, then the services that notify them.
	a.sockets = a.newHub()
	a.insight = a.newInsight()
	a.coinMetrics = newEconomyMetrics()
	a.classes, a.students = a.newClasses()
	if err := a.openEconomy(); err != nil {
		return nil, err
	}
	games, library, err := a.newGames(context.Background())
	if err != nil {
		return nil, err
	}
	a.students.OnRemoved = games.ForgetStudents
	sockets := a.sockets
	qimages := a.newQuestionImages()
	library.UseImages(qimages)
	lessonsSvc, valuesSvc, achievementsSvc := a.newLounge(sockets)
	web.Version = Version
	a.server, err = web.New(web.Deps{
		Config: cfg, Logger: log, UI: embed.FS, Registry: a.registry, Ready: a.ready, Accounts: a.accounts,
		Economy: a.economy, Uploads: a.uploads, ImageExists: artSource{uploads: a.uploads}.exists, QuestionImages: qimages,
		Hub: sockets, Games: games, GameLibrary: library, Rewards: gameRewards{a.economy}, Students: a.students, Insight: a.insight,
		Reach: a.reach, FirstHour: a.firstHourFacts,
		Classes: a.classes, StudentService: a.students, Devices: devices.NewSigner(a.secrets.Key), Privacy: privacy.New(a.store, nil),
		DiskFull: sqlitestore.IsDiskFull, FreeDisk: a.freeDisk, BackupStatus: a.backups.Status,
		Lessons: lessonsSvc, Values: valuesSvc, Achievements: achievementsSvc,
	})
	if err != nil {
		return nil, err
	}
	a.server.OnShutdown(stopGames(sockets, games, min(cfg.Server.ShutdownTimeout.Duration, 5*time.Second)))
	// Every kind and outcome starts at 0, so the alert rules' increase()
	// sees a job's first failure.
	for _, kind := range a.runner.Kinds() {
		for _, outcome := range []string{"done", "retry", "failed"} {
			jobsFinished.WithLabelValues(kind, outcome)
		}
	}
	return a, nil
}

// migrate applies pending migrations, taking a backup first when the
// database already holds data.
func (a *App) migrate() error {
	st, err := a.store.Status()
	if err != nil {
		return err
	}
	if err := st.Refusal(a.backupDir(), ToolFlags(a.cfg)); err != nil {
		return err
	}
	if st.Pending == 0 {
		return nil
	}
	out := ""
	if st.Current > 0 {
		dir := a.backupDir()
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return err
		}
		out = filepath.Join(dir, sqlitestore.PreMigrateName(st.Current, time.Now()))
		a.log.Info("backing up before migrating", slog.Uint64("from", uint64(st.Current)), slog.Uint64("to", uint64(st.Latest)), slog.String("file", out))
		if _, err := sqlitestore.Backup(context.Background(), sqlitestore.BackupOptions{DataDir: a.cfg.Server.DataDir, Out: out, AppVersion: Version}); err != nil {
			return fmt.Errorf("not migrating: the backup before migration failed: %w", err)
		}
	}
	if err := a.store.MigrateUp(); err != nil {
		if out != "" {
			return fmt.Errorf("%w (the backup taken before migrating is %s)", err, out)
		}
		return err
	}
	a.log.Info("database migrated", slog.Uint64("version", uint64(st.Latest)))
	return nil
}

// ready is /readyz: the database answers, the schema is current and the
// disk is not nearly full.
func (a *App) ready(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := a.store.Ping(ctx); err != nil {
		return fmt.Errorf("database does not answer: %v", err)
	}
	st, err := a.store.Status()
	if err != nil || !st.UpToDate() {
		return fmt.Errorf("database schema is not current (version %d of %d)", st.Current, st.Latest)
	}
	free, _, err := sqlitestore.DiskSpace(a.cfg.Server.DataDir)
	if err == nil && free < uint64(a.cfg.Server.MinFreeDiskMB)<<20 {
		return fmt.Errorf("disk nearly full: %d MiB free in the data directory", free>>20)
	}
	return nil
}

// run starts the jobs and serves on ln until ctx ends, then shuts down in
// order: stop accepting, tell sockets, drain requests, stop jobs,
// checkpoint the WAL, release the lock.
func (a *App) Run(ctx context.Context, ln net.Listener) error {
	jobCtx, stopJobs := context.WithCancel(context.Background())
	a.stopJobs = stopJobs
	if err := a.runner.Start(jobCtx); err != nil {
		return err
	}
	if a.cfg.Backup.Time != "" {
		go jobs.Daily(jobCtx, a.cfg.Backup.Time, func(day time.Time) {
			_, err := a.EnqueueBackup(jobCtx, "scheduled", "backup:"+day.Format("2006-01-02"))
			if err != nil {
				a.log.Error("unable to schedule backup", slog.Any("error", err))
			}
		})
	}
	a.startAccounts(jobCtx, ln.Addr())
	a.startMDNS(ln.Addr())
	a.keepCopyingOff(jobCtx)
	a.scheduleClassRetention(jobCtx)
	a.scheduleDaily(jobCtx, JobPrivacyRetention)
	errc := make(chan error, 1)
	go func() { errc <- a.server.Serve(ln) }()
	if free, err := a.freeDisk(); err == nil && free < uint64(a.cfg.Server.MinFreeDiskMB)<<20 {
		a.log.Warn("starting with the disk nearly full: /readyz answers 503, uploads are refused and writes may fail with disk_full. "+
			"Make room on the disk (or move the data directory)",
			slog.String("data", a.cfg.Server.DataDir), slog.Uint64("free_mib", free>>20), slog.Int("min_free_disk_mb", a.cfg.Server.MinFreeDiskMB))
	}
	a.log.Info("animalgenius is ready", slog.String("version", Version), slog.String("addr", ln.Addr().String()),
		slog.String("data", a.cfg.Server.DataDir), slog.Duration("startup", time.Since(a.started)))
	a.tellSystemd(jobCtx)
	select {
	case err := <-errc:
		a.Close()
		return err
	case <-ctx.Done():
	}
	a.log.Info("shutting down")
	_, _ = systemd.Notify("STOPPING=1")
	if free, err := a.freeDisk(); err == nil && free < uint64(a.cfg.Server.MinFreeDiskMB)<<20 {
		a.log.Warn("stopping while the disk is full or nearly full: every change that was acknowledged is in the database, "+
			"changes refused with disk_full were not saved. Make room on the disk (or move the data directory) before starting again",
			slog.String("data", a.cfg.Server.DataDir), slog.Uint64("free_mib", free>>20))
	}
	sctx, cancel := context.WithTimeout(context.Background(), a.cfg.Server.ShutdownTimeout.Duration)
	defer cancel()
	if err := a.server.Shutdown(sctx); err != nil {
		a.log.Warn("requests still open at shutdown", slog.Any("error", err))
	}
	return a.Close()
}

// close stops what was started; safe on a half-built appliance.
func (a *App) Close() error {
	if a.announcer != nil {
		a.announcer.Close()
		a.announcer = nil
	}
	if a.stopJobs != nil {
		a.stopJobs()
		a.runner.Stop()
		if a.accountsDone != nil {
			<-a.accountsDone
		}
		a.stopJobs = nil
	}
	var err error
	if a.store != nil {
		err = a.store.Close()
		a.store = nil
	}
	if a.lock != nil {
		err = errors.Join(err, a.lock.Unlock())
		a.lock = nil
	}
	return err
}

// freeDisk is the free space of the data directory's disk.
func (a *App) freeDisk() (uint64, error) {
	free, _, err := sqlitestore.DiskSpace(a.cfg.Server.DataDir)
	return free, err
}

func (a *App) backupDir() string { return a.cfg.BackupDir() }
