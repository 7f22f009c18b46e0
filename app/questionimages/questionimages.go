// Package questionimages is the pictures teachers put on their quiz
// questions. It sits on the upload pipeline (app/uploads: quick checks,
// then decoding, re-encoding and a thumbnail in a background job) and adds
// what question pictures need: an owner, a daily budget per teacher, and a
// record of each upload that outlives the job.
package questionimages

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/jobs"
)

// JobKind is the background job that processes one question picture.
const JobKind = "question_image"

// States of an upload, as stored and as the API reports them.
const (
	StateQueued  = "queued"
	StateRunning = "running"
	StateDone    = "done"
	StateFailed  = "failed"
)

// Upload is one question picture of a teacher.
type Upload struct {
	ID        int64
	OwnerID   int64
	JobID     int64
	File      string // the processed picture in the uploads folder (when done)
	Thumb     string
	State     string
	ErrorCode string
	CreatedAt time.Time
}

// Store is what the service needs from the database.
type Store interface {
	// ReserveQuestionUpload adds a queued upload for owner unless owner
	// already made perDay uploads since the given time (ErrBudget).
	ReserveQuestionUpload(ctx context.Context, ownerID int64, perDay int, since, now time.Time) (int64, error)
	SetQuestionUploadJob(ctx context.Context, id, jobID int64) error
	DeleteQuestionUpload(ctx context.Context, id int64) error
	// RecordQuestionUpload records a state change and, when done, the files.
	RecordQuestionUpload(ctx context.Context, u Upload, now time.Time) error
	QuestionUpload(ctx context.Context, id int64) (Upload, error)
	// UsableQuestionUploads returns which of ids are owner's finished uploads.
	UsableQuestionUploads(ctx context.Context, ownerID int64, ids []int64) (map[int64]bool, error)
	// GameHasPicture reports whether a question of the game shows file.
	GameHasPicture(ctx context.Context, gameID int64, file string) (bool, error)
}

// Pipeline is the upload pipeline (app/uploads, adapted by the wiring so
// the store can import this package).
type Pipeline interface {
	// Park checks an upload quickly and keeps it for its job: payload is
	// what HandleJob expects, discard removes the parked file.
	Park(data []byte, contentType, fileName string) (payload []byte, discard func(), err error)
	// HandleJob decodes, re-encodes and stores the picture.
	HandleJob(ctx context.Context, job *jobs.Job, progress func(int)) (Result, error)
	// Failure turns a failed job's error into a code and words for the teacher.
	Failure(lastError string) (code, message string)
}

// Result is a processed picture's files.
type Result struct {
	Image string
	Thumb string
}

// Queue is the part of the job runner the service uses.
type Queue interface {
	Enqueue(ctx context.Context, j jobs.NewJob) (int64, error)
	Get(ctx context.Context, id int64) (*jobs.Job, error)
}

// Errors of the service.
var (
	// ErrNotFound is an upload that does not exist or is another teacher's.
	ErrNotFound = errors.New("questionimages: no such picture")
	// ErrBudget refuses an upload over the teacher's daily budget.
	ErrBudget = errors.New("questionimages: daily picture budget used up")
	// ErrUnknownImage refuses a question set naming a picture that is not
	// the teacher's own finished upload.
	ErrUnknownImage = errors.New("questionimages: unknown picture")
)

// Service takes question pictures and answers for them.
type Service struct {
	store    Store
	pipeline Pipeline
	queue    Queue
	perDay   int
	now      func() time.Time
}

// NewService makes the service; perDay is the per-teacher daily budget.
func NewService(store Store, pipeline Pipeline, queue Queue, perDay int) *Service {
	return &Service{store: store, pipeline: pipeline, queue: queue, perDay: perDay, now: time.Now}
}

// PerDay is the configured daily budget.
func (s *Service) PerDay() int { return s.perDay }

type jobPayload struct {
	Upload   int64           `json:"upload"`
	Pipeline json.RawMessage `json:"pipeline"`
}

// Upload checks a picture quickly, counts it against the owner's budget
// and queues its processing. A refusal (bad file, budget used up) leaves
// nothing behind: no record, no file, no job.
func (s *Service) Upload(ctx context.Context, ownerID int64, data []byte, contentType, fileName string) (Upload, error) {
	parked, discard, err := s.pipeline.Park(data, contentType, fileName)
	if err != nil {
		return Upload{}, err
	}
	now := s.now()
	id, err := s.store.ReserveQuestionUpload(ctx, ownerID, s.perDay, now.Add(-24*time.Hour), now)
	if err != nil {
		discard()
		return Upload{}, err
	}
	payload := jobs.Payload(jobPayload{Upload: id, Pipeline: parked})
	jobID, err := s.queue.Enqueue(ctx, jobs.NewJob{Kind: JobKind, Payload: payload, Priority: 5, MaxAttempts: 3})
	if err == nil {
		err = s.store.SetQuestionUploadJob(ctx, id, jobID)
	}
	if err != nil {
		discard()
		if derr := s.store.DeleteQuestionUpload(context.WithoutCancel(ctx), id); derr != nil {
			err = errors.Join(err, derr)
		}
		return Upload{}, fmt.Errorf("questionimages: unable to queue the picture: %w", err)
	}
	return Upload{ID: id, OwnerID: ownerID, JobID: jobID, State: StateQueued, CreatedAt: now}, nil
}

// HandleJob processes a question picture through the upload pipeline and
// records the outcome on the upload.
func (s *Service) HandleJob(ctx context.Context, job *jobs.Job, progress func(int)) (string, error) {
	var p jobPayload
	dec := json.NewDecoder(bytes.NewReader(job.Payload))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil || p.Upload <= 0 {
		return "", jobs.Permanent(errors.New("questionimages: the job does not name a picture"))
	}
	u := Upload{ID: p.Upload, State: StateRunning}
	bctx := context.WithoutCancel(ctx)
	if err := s.store.RecordQuestionUpload(bctx, u, s.now()); err != nil {
		return "", err
	}
	inner := *job
	inner.Payload = p.Pipeline
	res, err := s.pipeline.HandleJob(ctx, &inner, progress)
	if err != nil {
		if jobs.IsPermanent(err) || job.Attempts >= job.MaxAttempts {
			u.State = StateFailed
			u.ErrorCode, _ = s.pipeline.Failure(err.Error())
			if ferr := s.store.RecordQuestionUpload(bctx, u, s.now()); ferr != nil {
				return "", errors.Join(err, ferr)
			}
		}
		return "", err
	}
	u.State, u.File, u.Thumb = StateDone, res.Image, res.Thumb
	if err := s.store.RecordQuestionUpload(bctx, u, s.now()); err != nil {
		return "", err
	}
	out, _ := json.Marshal(map[string]string{"image": res.Image, "thumb": res.Thumb})
	return string(out), nil
}

// Status is an upload as its owner sees it.
type Status struct {
	ID           int64
	JobID        int64
	State        string
	Progress     int
	File, Thumb  string
	ErrorCode    string
	ErrorMessage string
}

// Status reports one of the owner's uploads; another teacher's is ErrNotFound.
func (s *Service) Status(ctx context.Context, ownerID, id int64) (*Status, error) {
	u, err := s.store.QuestionUpload(ctx, id)
	if err != nil {
		return nil, err
	}
	if u.OwnerID != ownerID {
		return nil, ErrNotFound
	}
	st := &Status{ID: u.ID, JobID: u.JobID, State: u.State, File: u.File, Thumb: u.Thumb}
	switch u.State {
	case StateDone:
		st.Progress = 100
	case StateFailed:
		st.ErrorCode, st.ErrorMessage = "processing_failed", "We could not process that picture. Please try again."
		if u.ErrorCode != "" {
			st.ErrorCode = u.ErrorCode
		}
	}
	// The job has the progress and the words of a failure (it may be
	// purged long after the upload finished).
	if u.JobID > 0 {
		if j, err := s.queue.Get(ctx, u.JobID); err == nil && j.Kind == JobKind {
			if u.State != StateDone && u.State != StateFailed {
				st.Progress = j.Progress
				if j.Status == jobs.StatusRunning {
					st.State = StateRunning
				}
			}
			if u.State == StateFailed && j.LastError != "" {
				st.ErrorCode, st.ErrorMessage = s.pipeline.Failure(j.LastError)
			}
		}
	}
	return st, nil
}

// File returns the processed picture of one of the owner's finished
// uploads (thumb: its thumbnail).
func (s *Service) File(ctx context.Context, ownerID, id int64, thumb bool) (string, error) {
	u, err := s.store.QuestionUpload(ctx, id)
	if err != nil {
		return "", err
	}
	if u.OwnerID != ownerID || u.State != StateDone {
		return "", ErrNotFound
	}
	if thumb {
		return u.Thumb, nil
	}
	return u.File, nil
}

// CheckImages is the question-set editor's rule: every picture a set
// names is the owner's own finished upload. It implements game.ImageChecker.
func (s *Service) CheckImages(ctx context.Context, ownerID int64, ids []int64) error {
	if len(ids) == 0 {
		return nil
	}
	ok, err := s.store.UsableQuestionUploads(ctx, ownerID, ids)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !ok[id] {
			return ErrUnknownImage
		}
	}
	return nil
}

// GameHasPicture reports whether a question of the game shows the
// processed picture file (so the game's players may fetch it).
func (s *Service) GameHasPicture(ctx context.Context, gameID int64, file string) (bool, error) {
	return s.store.GameHasPicture(ctx, gameID, file)
}
