package uploads

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"animalgenius/app/jobs"
	"animalgenius/sqlitestore/storetest"
)

// newTestService runs the real job runner on a real store in a temp dir.
func newTestService(t *testing.T) (*Service, string) {
	t.Helper()
	dir := t.TempDir()
	store := storetest.NewIn(t, filepath.Join(dir, "db"))
	runner := jobs.NewRunner(store, jobs.Options{Concurrency: 1, Poll: 10 * time.Millisecond, RetryBase: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	svc, err := NewService(dir, testLimits, runner)
	if err != nil {
		t.Fatal(err)
	}
	runner.Handle(JobKind, svc.HandleJob)
	ctx, cancel := context.WithCancel(context.Background())
	if err := runner.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cancel(); runner.Stop() })
	return svc, filepath.Join(dir, DirName)
}

func waitJob(t *testing.T, svc *Service, id int64) *Status {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		st, err := svc.Status(context.Background(), id)
		if err != nil {
			t.Fatal(err)
		}
		if st.State == jobs.StatusDone || st.State == jobs.StatusFailed {
			return st
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("job %d did not finish", id)
	return nil
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestServiceProcessesInTheBackground(t *testing.T) {
	svc, dir := newTestService(t)
	data := withJPEGExif(makeJPEG(t, 640, 480), "SECRET-EXIF")
	id, err := svc.Submit(context.Background(), data, "image/jpeg", "photo.JPG")
	if err != nil {
		t.Fatal(err)
	}
	st := waitJob(t, svc, id)
	if st.State != jobs.StatusDone || st.Result == nil || st.Progress != 100 {
		t.Fatalf("status = %+v", st)
	}
	if st.Result.Width != 640 || st.Result.Height != 480 {
		t.Fatalf("result = %+v", st.Result)
	}
	want := []string{st.Result.Image, st.Result.Thumb}
	slices.Sort(want)
	if got := listDir(t, dir); !slices.Equal(got, want) {
		t.Fatalf("uploads dir holds %v, want exactly %v (the parked upload must be gone)", got, want)
	}
	for _, name := range want {
		if _, ok := svc.Path(name); !ok {
			t.Fatalf("Path(%q) not found", name)
		}
	}

	// The same picture again is stored once (content-addressed).
	id2, err := svc.Submit(context.Background(), data, "", "")
	if err != nil {
		t.Fatal(err)
	}
	st2 := waitJob(t, svc, id2)
	if st2.Result == nil || st2.Result.Image != st.Result.Image {
		t.Fatalf("second upload = %+v", st2)
	}
	if got := listDir(t, dir); len(got) != 2 {
		t.Fatalf("uploads dir holds %v after a duplicate upload", got)
	}
}

func TestServiceRefusesAtOnce(t *testing.T) {
	svc, dir := newTestService(t)
	pngBytes := makePNG(t, 30, 30)
	tests := []struct {
		name, ct, file string
		data           []byte
		want           error
	}{
		{"not an image", "image/png", "x.png", []byte("not a picture at all"), ErrNotImage},
		{"type lie", "image/jpeg", "photo.jpg", pngBytes, ErrTypeMismatch},
		{"bomb", "image/png", "bomb.png", pngBomb(100000, 100000), ErrTooManyPx},
		{"oversize", "image/png", "big.png", make([]byte, testLimits.MaxBytes+1), ErrTooLarge},
		{"svg", "image/svg+xml", "x.svg", []byte("<svg xmlns='http://www.w3.org/2000/svg'/>"), ErrSVG},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := svc.Submit(context.Background(), tt.data, tt.ct, tt.file); !errors.Is(err, tt.want) {
				t.Fatalf("got %v, want %v", err, tt.want)
			}
			if got := listDir(t, dir); len(got) != 0 {
				t.Fatalf("a refused upload left %v behind", got)
			}
		})
	}
}

func TestServiceFailedJobLeavesNothing(t *testing.T) {
	svc, dir := newTestService(t)
	full := makePNG(t, 300, 300)
	// The header is whole, so the quick check passes; the pixels are cut off.
	id, err := svc.Submit(context.Background(), full[:len(full)/2], "image/png", "cut.png")
	if err != nil {
		t.Fatalf("the quick check should pass a file with a whole header: %v", err)
	}
	st := waitJob(t, svc, id)
	if st.State != jobs.StatusFailed || st.ErrorCode != ErrUnreadable.Code || st.ErrorMessage != ErrUnreadable.Message {
		t.Fatalf("status = %+v", st)
	}
	if got := listDir(t, dir); len(got) != 0 {
		t.Fatalf("a failed upload left %v behind", got)
	}
}

func TestServiceStatusOnlyForUploadJobs(t *testing.T) {
	svc, _ := newTestService(t)
	id, err := svc.queue.Enqueue(context.Background(), jobs.NewJob{Kind: "something_else", RunAt: time.Now().Add(time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, probe := range []int64{id, 999999} {
		if _, err := svc.Status(context.Background(), probe); !errors.Is(err, ErrNoSuchJob) {
			t.Fatalf("Status(%d) = %v, want ErrNoSuchJob", probe, err)
		}
	}
}

func TestServiceJobWithBadPayload(t *testing.T) {
	svc, _ := newTestService(t)
	for _, payload := range []string{`{"incoming":"../../etc/passwd"}`, `{"incoming":".incoming-00","x":1}`, `[]`} {
		_, err := svc.HandleJob(context.Background(), &jobs.Job{Payload: []byte(payload), Attempts: 1, MaxAttempts: 3}, func(int) {})
		if err == nil || !jobs.IsPermanent(err) {
			t.Fatalf("payload %s: err = %v, want a permanent error", payload, err)
		}
	}
}

func TestValidName(t *testing.T) {
	good := "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
	for name, want := range map[string]bool{
		good + ".png": true, good + ".thumb.jpg": true, good + ".svg": false, "../" + good + ".png": false,
		".incoming-0123456789abcdef0123456789abcdef": false, "": false, good[:63] + ".png": false,
	} {
		if ValidName(name) != want {
			t.Errorf("ValidName(%q) = %v", name, !want)
		}
	}
}

func TestServiceSweepsLeftovers(t *testing.T) {
	dir := t.TempDir()
	up := filepath.Join(dir, DirName)
	os.MkdirAll(up, 0o750)
	old := time.Now().Add(-48 * time.Hour)
	for _, name := range []string{".tmp-123", ".incoming-0123456789abcdef0123456789abcdef", ".incoming-fedcba9876543210fedcba9876543210"} {
		p := filepath.Join(up, name)
		os.WriteFile(p, []byte("x"), 0o640)
		if name != ".incoming-fedcba9876543210fedcba9876543210" {
			os.Chtimes(p, old, old)
		}
	}
	keep := strings.Repeat("a", 64) + ".png"
	os.WriteFile(filepath.Join(up, keep), []byte("x"), 0o640)
	os.Chtimes(filepath.Join(up, keep), old, old)
	if _, err := NewService(dir, testLimits, nil); err != nil {
		t.Fatal(err)
	}
	got := listDir(t, up)
	want := []string{".incoming-fedcba9876543210fedcba9876543210", keep}
	if !slices.Equal(got, want) {
		t.Fatalf("after sweep: %v, want %v", got, want)
	}
}
