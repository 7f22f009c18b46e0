package uploads

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"animalgenius/app/jobs"
)

// JobKind is the background job that processes one upload.
const JobKind = "upload_image"

// Queue is the part of the job runner the service uses.
type Queue interface {
	Enqueue(ctx context.Context, j jobs.NewJob) (int64, error)
	Get(ctx context.Context, id int64) (*jobs.Job, error)
}

// Service takes uploads, processes them in the job runner and keeps the
// results under <data_dir>/uploads with content-addressed names, so
// backups include them and the same picture is stored once.
type Service struct {
	dir   string
	lim   Limits
	queue Queue
}

// DirName is the uploads folder inside the data directory (backups copy it).
const DirName = "uploads"

// NewService makes the uploads folder if needed.
func NewService(dataDir string, lim Limits, queue Queue) (*Service, error) {
	dir := filepath.Join(dataDir, DirName)
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("uploads: unable to create %s: %w", dir, err)
	}
	svc := &Service{dir: dir, lim: lim, queue: queue}
	svc.sweep(time.Now().Add(-24 * time.Hour))
	return svc, nil
}

// sweep removes what a crash can leave behind: temp files of interrupted
// writes, and parked uploads older than before (their job, retries
// included, is long over, or was never queued).
func (s *Service) sweep(before time.Time) {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, ".tmp-") && !incomingName.MatchString(name) {
			continue
		}
		if info, err := e.Info(); err == nil && info.ModTime().Before(before) {
			os.Remove(filepath.Join(s.dir, name))
		}
	}
}

// Limits returns the configured limits.
func (s *Service) Limits() Limits { return s.lim }

// Names of files in the uploads folder. Files starting with a dot are
// work in progress and are left out of backups.
var (
	storedName   = regexp.MustCompile(`^[0-9a-f]{64}(\.thumb)?\.(png|jpg)$`)
	incomingName = regexp.MustCompile(`^\.incoming-[0-9a-f]{32}$`)
)

// ValidName reports whether name is a processed upload's file name.
func ValidName(name string) bool { return storedName.MatchString(name) }

// Path returns where a processed upload lives, or false when name is not
// one of ours or the file does not exist.
func (s *Service) Path(name string) (string, bool) {
	if !ValidName(name) {
		return "", false
	}
	p := filepath.Join(s.dir, name)
	fi, err := os.Stat(p)
	return p, err == nil && fi.Mode().IsRegular()
}

type jobPayload struct {
	Incoming string `json:"incoming"`
}

// Submit checks the upload quickly (size, type from the bytes, claimed
// type, pixel size from the header), parks it and queues the processing
// job. It returns the job id at once.
func (s *Service) Submit(ctx context.Context, data []byte, contentType, fileName string) (int64, error) {
	p, err := s.Park(data, contentType, fileName)
	if err != nil {
		return 0, err
	}
	id, err := s.queue.Enqueue(ctx, jobs.NewJob{Kind: JobKind, Payload: p.Payload, Priority: 5, MaxAttempts: 3})
	if err != nil {
		p.Discard()
		return 0, err
	}
	return id, nil
}

// Parked is an upload that passed the quick checks and waits on disk for
// its processing job.
type Parked struct {
	name string
	dir  string
	// Payload is what HandleJob expects as the job's payload.
	Payload []byte
}

// Discard removes the parked upload (its job will not be queued).
func (p *Parked) Discard() { os.Remove(filepath.Join(p.dir, p.name)) }

// Park checks an upload quickly as Submit does and keeps it on disk for a
// job another area queues (for example question pictures, which keep
// their own records); that job's handler passes Payload to HandleJob.
func (s *Service) Park(data []byte, contentType, fileName string) (*Parked, error) {
	info, err := Inspect(data, s.lim)
	if err != nil {
		return nil, err
	}
	if err := CheckClaimedType(info, contentType, fileName); err != nil {
		return nil, err
	}
	var rnd [16]byte
	_, _ = rand.Read(rnd[:])
	name := ".incoming-" + hex.EncodeToString(rnd[:])
	if _, err := writeFileSynced(s.dir, name, data); err != nil {
		return nil, fmt.Errorf("uploads: unable to keep the upload: %w", err)
	}
	return &Parked{name: name, dir: s.dir, Payload: jobs.Payload(jobPayload{Incoming: name})}, nil
}

// Result is what a finished job reports.
type Result struct {
	Image  string `json:"image"`
	Thumb  string `json:"thumb"`
	Width  int    `json:"width"`
	Height int    `json:"height"`
}

// HandleJob is the job handler: decode, re-encode, thumbnail, store.
// Whatever the outcome, the parked upload is removed when the job will
// not run again, and a failed job leaves no picture behind.
func (s *Service) HandleJob(ctx context.Context, job *jobs.Job, progress func(int)) (string, error) {
	var p jobPayload
	dec := json.NewDecoder(bytes.NewReader(job.Payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || !incomingName.MatchString(p.Incoming) {
		return "", jobs.Permanent(errors.New("uploads: the job does not name a parked upload"))
	}
	incoming := filepath.Join(s.dir, p.Incoming)
	final := false
	defer func() {
		if final {
			os.Remove(incoming)
		}
	}()
	data, err := readLimited(incoming, s.lim.MaxBytes)
	if err != nil {
		final = true
		if errors.Is(err, os.ErrNotExist) {
			return "", jobs.Permanent(&Error{"upload_gone", "The uploaded file is gone. Please upload it again."})
		}
		return "", jobs.Permanent(err)
	}
	progress(10)
	out, err := Process(data, s.lim)
	if err != nil {
		final = true
		return "", jobs.Permanent(err)
	}
	progress(60)
	sum := sha256.Sum256(out.Image)
	base := hex.EncodeToString(sum[:])
	res := Result{Image: base + "." + out.Ext, Thumb: base + ".thumb." + out.Ext, Width: out.Width, Height: out.Height}
	created, err := writeFileSynced(s.dir, res.Image, out.Image)
	if err != nil {
		final = job.Attempts >= job.MaxAttempts
		return "", err
	}
	progress(80)
	if _, err := writeFileSynced(s.dir, res.Thumb, out.Thumb); err != nil {
		if created {
			os.Remove(filepath.Join(s.dir, res.Image))
		}
		final = job.Attempts >= job.MaxAttempts
		return "", err
	}
	final = true
	b, _ := json.Marshal(res)
	return string(b), nil
}

// Status is an upload job as the admin page shows it.
type Status struct {
	ID           int64   `json:"id"`
	State        string  `json:"state"` // queued, running, done, failed
	Progress     int     `json:"progress"`
	Result       *Result `json:"result,omitempty"`
	ErrorCode    string  `json:"errorCode,omitempty"`
	ErrorMessage string  `json:"errorMessage,omitempty"`
}

// ErrNoSuchJob is returned by Status for ids that are not upload jobs.
var ErrNoSuchJob = errors.New("uploads: no such upload job")

// Status reports an upload job's progress and outcome.
func (s *Service) Status(ctx context.Context, id int64) (*Status, error) {
	j, err := s.queue.Get(ctx, id)
	if errors.Is(err, jobs.ErrNotFound) || (err == nil && j.Kind != JobKind) {
		return nil, ErrNoSuchJob
	}
	if err != nil {
		return nil, err
	}
	return StatusOf(j), nil
}

// StatusOf reads an upload job's progress and outcome: the job may be of
// another kind whose handler calls HandleJob.
func StatusOf(j *jobs.Job) *Status {
	st := &Status{ID: j.ID, State: j.Status, Progress: j.Progress}
	switch j.Status {
	case jobs.StatusDone:
		var r Result
		if json.Unmarshal([]byte(j.Result), &r) == nil {
			st.Result = &r
		}
		st.Progress = 100
	case jobs.StatusFailed:
		st.ErrorCode, st.ErrorMessage = Failure(j.LastError)
	}
	return st
}

// Failure turns the last error of a failed upload job into a code and
// words the uploader can act on.
func Failure(lastError string) (code, message string) {
	if rest, ok := strings.CutPrefix(lastError, "uploads: "); ok {
		if code, msg, ok := strings.Cut(rest, ": "); ok && !strings.ContainsAny(code, " /") {
			return code, msg
		}
	}
	return "processing_failed", "We could not process that picture. Please try again."
}

func readLimited(path string, max int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if max > 0 && fi.Size() > int64(max) {
		return nil, ErrTooLarge
	}
	data := make([]byte, fi.Size())
	if _, err := f.ReadAt(data, 0); err != nil && fi.Size() > 0 {
		return nil, err
	}
	return data, nil
}

// writeFileSynced writes data to dir/name through a temp file, fsync and
// rename, so a crash never leaves half a picture under its final name. It
// reports false when the file already existed (same content, same name).
func writeFileSynced(dir, name string, data []byte) (created bool, err error) {
	target := filepath.Join(dir, name)
	if _, err := os.Stat(target); err == nil {
		return false, nil
	}
	tmp, err := os.CreateTemp(dir, ".tmp-*")
	if err != nil {
		return false, err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return false, err
	}
	if err = tmp.Sync(); err != nil {
		return false, err
	}
	if err = tmp.Close(); err != nil {
		return false, err
	}
	if err = os.Chmod(tmp.Name(), 0o640); err != nil {
		return false, err
	}
	if err = os.Rename(tmp.Name(), target); err != nil {
		return false, err
	}
	if d, derr := os.Open(dir); derr == nil {
		_ = d.Sync()
		d.Close()
	}
	return true, nil
}
