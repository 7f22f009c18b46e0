package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"runtime/debug"
	"slices"
	"sync"
	"time"
)

// Options tune the runner; zero values get sensible defaults.
type Options struct {
	Concurrency int
	MaxAttempts int
	RetryBase   time.Duration
	Poll        time.Duration
	Logger      *slog.Logger
	Now         func() time.Time
}

// Runner claims due jobs and runs them on a fixed number of workers.
type Runner struct {
	store    Store
	opts     Options
	handlers map[string]Handler
	kinds    []string
	wake     chan struct{}
	stop     context.CancelFunc
	wg       sync.WaitGroup
	started  bool
	// OnFinish, when set, observes each finished attempt (kind, outcome).
	OnFinish func(kind, outcome string, took time.Duration)
}

// NewRunner makes a runner; register handlers with Handle, then Start.
func NewRunner(store Store, opts Options) *Runner {
	if opts.Concurrency < 1 {
		opts.Concurrency = 1
	}
	if opts.MaxAttempts < 1 {
		opts.MaxAttempts = 5
	}
	if opts.RetryBase <= 0 {
		opts.RetryBase = 2 * time.Second
	}
	if opts.Poll <= 0 {
		opts.Poll = time.Second
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Runner{store: store, opts: opts, handlers: map[string]Handler{}, wake: make(chan struct{}, 1)}
}

// Handle registers the handler for a job kind. Call before Start.
func (r *Runner) Handle(kind string, h Handler) {
	if r.started {
		panic("jobs: Handle after Start")
	}
	r.handlers[kind] = h
	r.kinds = slices.Sorted(maps.Keys(r.handlers))
}

// Kinds lists the job kinds with a handler, sorted.
func (r *Runner) Kinds() []string { return slices.Clone(r.kinds) }

// Enqueue stores a job and wakes a worker. With a UniqueKey that already
// exists, the existing job's id is returned and nothing is added.
func (r *Runner) Enqueue(ctx context.Context, j NewJob) (int64, error) {
	if j.MaxAttempts == 0 {
		j.MaxAttempts = r.opts.MaxAttempts
	}
	if len(j.Payload) == 0 {
		j.Payload = []byte("{}")
	}
	now := r.opts.Now()
	if j.RunAt.IsZero() {
		j.RunAt = now
	}
	id, _, err := r.store.EnqueueJob(ctx, j, now)
	if err != nil {
		return 0, fmt.Errorf("jobs: unable to enqueue %s: %w", j.Kind, err)
	}
	r.Wake()
	return id, nil
}

// Wake makes an idle worker look for jobs now.
func (r *Runner) Wake() {
	select {
	case r.wake <- struct{}{}:
	default:
	}
}

// Get returns a job by id (for progress pages).
func (r *Runner) Get(ctx context.Context, id int64) (*Job, error) { return r.store.GetJob(ctx, id) }

// QueueDepth counts queued and running jobs.
func (r *Runner) QueueDepth(ctx context.Context) (int, error) { return r.store.JobQueueDepth(ctx) }

// Start requeues jobs left running by a crash and starts the workers.
func (r *Runner) Start(ctx context.Context) error {
	r.started = true
	n, err := r.store.RequeueRunningJobs(ctx, r.opts.Now())
	if err != nil {
		return fmt.Errorf("jobs: unable to requeue interrupted jobs: %w", err)
	}
	if n > 0 {
		r.opts.Logger.Info("jobs: requeued jobs interrupted by the last shutdown", slog.Int("count", n))
	}
	ctx, r.stop = context.WithCancel(ctx)
	for i := 0; i < r.opts.Concurrency; i++ {
		r.wg.Add(1)
		go r.work(ctx)
	}
	r.wg.Add(1)
	go r.housekeep(ctx)
	return nil
}

// Stop asks workers to finish and waits for running jobs to return.
func (r *Runner) Stop() {
	if r.stop != nil {
		r.stop()
	}
	r.wg.Wait()
}

func (r *Runner) work(ctx context.Context) {
	defer r.wg.Done()
	timer := time.NewTimer(0)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-timer.C:
		case <-r.wake:
		}
		// Drain every due job before sleeping again.
		for ctx.Err() == nil {
			job, err := r.store.ClaimJob(ctx, r.kinds, r.opts.Now())
			if err != nil {
				if ctx.Err() == nil {
					r.opts.Logger.Error("jobs: unable to claim a job", slog.Any("error", err))
				}
				break
			}
			if job == nil {
				break
			}
			r.run(ctx, job)
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		timer.Reset(r.opts.Poll)
	}
}

func (r *Runner) run(ctx context.Context, job *Job) {
	h := r.handlers[job.Kind]
	start := time.Now()
	progress := func(p int) {
		p = max(0, min(100, p))
		if err := r.store.SetJobProgress(context.WithoutCancel(ctx), job.ID, p, r.opts.Now()); err != nil {
			r.opts.Logger.Warn("jobs: unable to save progress", slog.Int64("job", job.ID), slog.Any("error", err))
		}
	}
	result, err := safeCall(ctx, h, job, progress)
	took := time.Since(start)
	log := r.opts.Logger.With(slog.Int64("job", job.ID), slog.String("kind", job.Kind), slog.Int("attempt", job.Attempts), slog.Duration("took", took))
	// Bookkeeping must survive shutdown: a finished job must not run again.
	bctx := context.WithoutCancel(ctx)
	now := r.opts.Now()
	outcome := "done"
	switch {
	case err == nil:
		if cerr := r.store.CompleteJob(bctx, job.ID, result, now); cerr != nil {
			log.Error("jobs: unable to mark job done", slog.Any("error", cerr))
		}
		log.Info("jobs: job done")
	case IsPermanent(err) || job.Attempts >= job.MaxAttempts:
		outcome = "failed"
		if ferr := r.store.FailJob(bctx, job.ID, err.Error(), now); ferr != nil {
			log.Error("jobs: unable to mark job failed", slog.Any("error", ferr))
		}
		log.Error("jobs: job failed", slog.Any("error", err))
	default:
		outcome = "retry"
		next := now.Add(Backoff(r.opts.RetryBase, job.Attempts))
		if rerr := r.store.RetryJob(bctx, job.ID, next, err.Error(), now); rerr != nil {
			log.Error("jobs: unable to schedule retry", slog.Any("error", rerr))
		}
		log.Warn("jobs: job will be retried", slog.Any("error", err), slog.Time("next", next))
	}
	if r.OnFinish != nil {
		r.OnFinish(job.Kind, outcome, took)
	}
}

// safeCall turns a panicking handler into an error so one bad job cannot
// take the server down.
func safeCall(ctx context.Context, h Handler, job *Job, progress func(int)) (result string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("job panicked: %v\n%s", p, debug.Stack())
		}
	}()
	return h(ctx, job, progress)
}

// housekeep deletes finished jobs older than a week, once an hour.
func (r *Runner) housekeep(ctx context.Context) {
	defer r.wg.Done()
	t := time.NewTicker(time.Hour)
	defer t.Stop()
	for {
		if n, err := r.store.DeleteFinishedJobs(ctx, r.opts.Now().Add(-7*24*time.Hour)); err != nil && ctx.Err() == nil {
			r.opts.Logger.Warn("jobs: unable to delete old jobs", slog.Any("error", err))
		} else if n > 0 {
			r.opts.Logger.Info("jobs: deleted old finished jobs", slog.Int("count", n))
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
