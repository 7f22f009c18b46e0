package questionimages_test

import (
	"context"
	"errors"
	"testing"

	"animalgenius/app/jobs"
	"animalgenius/app/questionimages"
	"animalgenius/sqlitestore/storetest"
)

// fakePipeline parks nothing on disk and processes as told.
type fakePipeline struct {
	parked, discarded int
	fail              error
}

func (p *fakePipeline) Park([]byte, string, string) ([]byte, func(), error) {
	p.parked++
	return []byte(`{"incoming":".incoming-x"}`), func() { p.discarded++ }, nil
}

func (p *fakePipeline) HandleJob(context.Context, *jobs.Job, func(int)) (questionimages.Result, error) {
	if p.fail != nil {
		return questionimages.Result{}, p.fail
	}
	return questionimages.Result{Image: "0123abcd.png", Thumb: "0123abcd.thumb.png"}, nil
}

func (p *fakePipeline) Failure(string) (string, string) {
	return "unreadable", "We could not read that picture."
}

// fakeQueue keeps jobs in memory; failEnqueue makes queueing fail.
type fakeQueue struct {
	jobs        map[int64]*jobs.Job
	failEnqueue bool
}

func (q *fakeQueue) Enqueue(_ context.Context, j jobs.NewJob) (int64, error) {
	if q.failEnqueue {
		return 0, errors.New("disk full")
	}
	id := int64(len(q.jobs) + 1)
	q.jobs[id] = &jobs.Job{ID: id, Kind: j.Kind, Payload: j.Payload, Status: jobs.StatusQueued, Attempts: 1, MaxAttempts: j.MaxAttempts}
	return id, nil
}

func (q *fakeQueue) Get(_ context.Context, id int64) (*jobs.Job, error) {
	if j, ok := q.jobs[id]; ok {
		return j, nil
	}
	return nil, jobs.ErrNotFound
}

func TestUploadProcessAndCheck(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	owner, other := storetest.FixtureTeacher(t, s), storetest.FixtureTeacher(t, s)
	pipe, queue := &fakePipeline{}, &fakeQueue{jobs: map[int64]*jobs.Job{}}
	svc := questionimages.NewService(s, pipe, queue, 2)

	u, err := svc.Upload(ctx, owner, []byte("png"), "image/png", "a.png")
	if err != nil || u.ID == 0 || u.JobID == 0 || u.State != questionimages.StateQueued {
		t.Fatalf("upload %+v %v", u, err)
	}
	if err := svc.CheckImages(ctx, owner, []int64{u.ID}); !errors.Is(err, questionimages.ErrUnknownImage) {
		t.Fatalf("an unfinished picture passed: %v", err)
	}
	if _, err := svc.HandleJob(ctx, queue.jobs[u.JobID], func(int) {}); err != nil {
		t.Fatal(err)
	}
	st, err := svc.Status(ctx, owner, u.ID)
	if err != nil || st.State != questionimages.StateDone || st.File != "0123abcd.png" || st.Progress != 100 {
		t.Fatalf("status %+v %v", st, err)
	}
	if _, err := svc.Status(ctx, other, u.ID); !errors.Is(err, questionimages.ErrNotFound) {
		t.Fatalf("another teacher read the status: %v", err)
	}
	if err := svc.CheckImages(ctx, owner, []int64{u.ID}); err != nil {
		t.Fatal(err)
	}
	if err := svc.CheckImages(ctx, other, []int64{u.ID}); !errors.Is(err, questionimages.ErrUnknownImage) {
		t.Fatalf("another teacher may use the picture: %v", err)
	}

	// A picture the pipeline cannot read fails for good, with a code.
	pipe.fail = jobs.Permanent(errors.New("uploads: unreadable: We could not read that picture."))
	bad, err := svc.Upload(ctx, owner, []byte("png"), "image/png", "b.png")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.HandleJob(ctx, queue.jobs[bad.JobID], func(int) {}); err == nil {
		t.Fatal("a failed picture reported success")
	}
	st, _ = svc.Status(ctx, owner, bad.ID)
	if st.State != questionimages.StateFailed || st.ErrorCode != "unreadable" {
		t.Fatalf("failed status %+v", st)
	}
	if err := svc.CheckImages(ctx, owner, []int64{bad.ID}); !errors.Is(err, questionimages.ErrUnknownImage) {
		t.Fatalf("a failed picture passed: %v", err)
	}

	// The budget (2): a third upload is refused and leaves nothing behind.
	parked, discarded := pipe.parked, pipe.discarded
	if _, err := svc.Upload(ctx, owner, []byte("png"), "image/png", "c.png"); !errors.Is(err, questionimages.ErrBudget) {
		t.Fatalf("over budget: %v", err)
	}
	if pipe.parked-parked != pipe.discarded-discarded || len(queue.jobs) != 2 {
		t.Fatalf("an upload over budget left a file or a job: %+v %d", pipe, len(queue.jobs))
	}

	// A job that cannot be queued takes its record and file back.
	queue.failEnqueue = true
	if _, err := svc.Upload(ctx, other, []byte("png"), "image/png", "d.png"); err == nil {
		t.Fatal("upload without a queue succeeded")
	}
	var n int
	s.Reader.QueryRow(`SELECT count(*) FROM question_uploads WHERE owner_id = ?`, other).Scan(&n)
	if n != 0 || pipe.parked != pipe.discarded+2 {
		t.Fatalf("a failed queueing left %d records (parked %d, discarded %d)", n, pipe.parked, pipe.discarded)
	}
}
