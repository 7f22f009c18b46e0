package jobs_test

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/app/jobs"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

func status(t *testing.T, s jobs.Store, id int64) *jobs.Job {
	t.Helper()
	j, err := s.GetJob(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return j
}

func TestRetryWithBackoffThenSuccess(t *testing.T) {
	store := storetest.New(t)
	r := jobs.NewRunner(store, jobs.Options{Concurrency: 1, RetryBase: 10 * time.Millisecond, Poll: 5 * time.Millisecond})
	var calls atomic.Int32
	var times []time.Time
	var mu sync.Mutex
	r.Handle("flaky", func(ctx context.Context, j *jobs.Job, progress func(int)) (string, error) {
		mu.Lock()
		times = append(times, time.Now())
		mu.Unlock()
		if calls.Add(1) < 3 {
			return "", errors.New("not yet")
		}
		progress(50)
		return "worked", nil
	})
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	id, err := r.Enqueue(context.Background(), jobs.NewJob{Kind: "flaky", MaxAttempts: 5})
	if err != nil {
		t.Fatal(err)
	}
	waitFor(t, "job done", func() bool { return status(t, store, id).Status == jobs.StatusDone })
	j := status(t, store, id)
	if j.Attempts != 3 || j.Result != "worked" || j.Progress != 100 {
		t.Fatalf("job after success: %+v", j)
	}
	mu.Lock()
	defer mu.Unlock()
	// Second retry waits twice as long as the first.
	if gap1, gap2 := times[1].Sub(times[0]), times[2].Sub(times[1]); gap1 < 10*time.Millisecond || gap2 < 20*time.Millisecond {
		t.Fatalf("backoff not honoured: gaps %v, %v", gap1, gap2)
	}
}

func TestFailsAfterMaxAttemptsAndPermanentErrors(t *testing.T) {
	store := storetest.New(t)
	r := jobs.NewRunner(store, jobs.Options{RetryBase: time.Millisecond, Poll: 5 * time.Millisecond})
	r.Handle("always", func(context.Context, *jobs.Job, func(int)) (string, error) { return "", errors.New("boom") })
	r.Handle("bad", func(context.Context, *jobs.Job, func(int)) (string, error) {
		return "", jobs.Permanent(errors.New("payload is wrong"))
	})
	r.Handle("panics", func(context.Context, *jobs.Job, func(int)) (string, error) { panic("oops") })
	if err := r.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	ctx := context.Background()
	a, _ := r.Enqueue(ctx, jobs.NewJob{Kind: "always", MaxAttempts: 3})
	b, _ := r.Enqueue(ctx, jobs.NewJob{Kind: "bad", MaxAttempts: 3})
	c, _ := r.Enqueue(ctx, jobs.NewJob{Kind: "panics", MaxAttempts: 1})
	for _, id := range []int64{a, b, c} {
		waitFor(t, "job failed", func() bool { return status(t, store, id).Status == jobs.StatusFailed })
	}
	if j := status(t, store, a); j.Attempts != 3 || j.LastError != "boom" {
		t.Fatalf("always-failing job: %+v", j)
	}
	if j := status(t, store, b); j.Attempts != 1 {
		t.Fatalf("permanent error must not be retried: %+v", j)
	}
	if j := status(t, store, c); j.Attempts != 1 || j.LastError == "" {
		t.Fatalf("panicking job must fail with a message: %+v", j)
	}
}

func TestPriorityOrderAndUniqueKey(t *testing.T) {
	store := storetest.New(t)
	ctx := context.Background()
	r := jobs.NewRunner(store, jobs.Options{Concurrency: 1, Poll: 5 * time.Millisecond})
	var mu sync.Mutex
	var order []string
	r.Handle("work", func(_ context.Context, j *jobs.Job, _ func(int)) (string, error) {
		mu.Lock()
		order = append(order, string(j.Payload))
		mu.Unlock()
		return "", nil
	})
	// Enqueue before starting so all are due at once.
	low, _ := r.Enqueue(ctx, jobs.NewJob{Kind: "work", Payload: []byte(`"low"`), Priority: 0})
	r.Enqueue(ctx, jobs.NewJob{Kind: "work", Payload: []byte(`"high"`), Priority: 10})
	r.Enqueue(ctx, jobs.NewJob{Kind: "work", Payload: []byte(`"mid"`), Priority: 5})
	dup, _ := r.Enqueue(ctx, jobs.NewJob{Kind: "work", Payload: []byte(`"once"`), UniqueKey: "k1", Priority: -1})
	dup2, _ := r.Enqueue(ctx, jobs.NewJob{Kind: "work", Payload: []byte(`"twice"`), UniqueKey: "k1", Priority: -1})
	if dup != dup2 {
		t.Fatalf("same unique key must give the same job: %d vs %d", dup, dup2)
	}
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	waitFor(t, "all done", func() bool { mu.Lock(); defer mu.Unlock(); return len(order) == 4 })
	mu.Lock()
	defer mu.Unlock()
	want := []string{`"high"`, `"mid"`, `"low"`, `"once"`}
	for i := range want {
		if order[i] != want[i] {
			t.Fatalf("order %v, want %v", order, want)
		}
	}
	if status(t, store, low).Status != jobs.StatusDone {
		t.Fatal("low job not done")
	}
}

func TestJobsSurviveRestart(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	first, err := sqlitestore.Open(dir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if err := first.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	// A job claimed by a process that then died stays "running"; a later
	// job is still queued and due in the future.
	id1, _, _ := first.EnqueueJob(ctx, jobs.NewJob{Kind: "work", Payload: []byte("{}"), MaxAttempts: 3, RunAt: time.Now()}, time.Now())
	if j, err := first.ClaimJob(ctx, []string{"work"}, time.Now()); err != nil || j == nil || j.ID != id1 {
		t.Fatalf("claim: %v %v", j, err)
	}
	id2, _, _ := first.EnqueueJob(ctx, jobs.NewJob{Kind: "work", Payload: []byte("{}"), MaxAttempts: 3, RunAt: time.Now()}, time.Now())
	first.Close()

	second := storetest.NewIn(t, dir)
	r := jobs.NewRunner(second, jobs.Options{Poll: 5 * time.Millisecond})
	var ran sync.Map
	r.Handle("work", func(_ context.Context, j *jobs.Job, _ func(int)) (string, error) {
		ran.Store(j.ID, j.Attempts)
		return "", nil
	})
	if err := r.Start(ctx); err != nil {
		t.Fatal(err)
	}
	defer r.Stop()
	for _, id := range []int64{id1, id2} {
		waitFor(t, "job after restart", func() bool { return status(t, second, id).Status == jobs.StatusDone })
	}
	if a, _ := ran.Load(id1); a != 2 {
		t.Fatalf("interrupted job should run again as attempt 2, got %v", a)
	}
	if depth, _ := r.QueueDepth(ctx); depth != 0 {
		t.Fatalf("queue depth %d after all done", depth)
	}
}

func TestBackoffIsCapped(t *testing.T) {
	if got := jobs.Backoff(time.Second, 1); got != time.Second {
		t.Fatalf("first retry %v", got)
	}
	if got := jobs.Backoff(time.Second, 4); got != 8*time.Second {
		t.Fatalf("fourth retry %v", got)
	}
	if got := jobs.Backoff(time.Second, 100); got != time.Hour {
		t.Fatalf("cap %v", got)
	}
}
