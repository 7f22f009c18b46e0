package lessons

import (
	"context"
	"time"
)

// Store is what the Learning Lounge needs from the database. ChangeLesson
// runs Apply inside its transaction and, when Pays says so, pays the
// class's students through the ledger in the same transaction.
type Store interface {
	ClassLessons(ctx context.Context, classIDs []int64) (map[int64][]Progress, error)
	ChangeLesson(ctx context.Context, c Change, now time.Time) (Result, error)
	SaveFeedback(ctx context.Context, f Feedback, now time.Time) (Feedback, error)
	AccountFeedback(ctx context.Context, accountID int64) ([]Feedback, error)
	AllFeedback(ctx context.Context) ([]Feedback, error)
}

// Result is a committed change: the new progress and the students paid
// by it (none unless it completed the lesson).
type Result struct {
	Progress Progress `json:"progress"`
	Paid     []int64  `json:"-"`
	Coins    int      `json:"coinsEach"`
}

// Options tune the service.
type Options struct {
	Now func() time.Time
	// Paid runs after a completion paid students (the economy drops their
	// cached balances).
	Paid func(classID int64, studentIDs []int64, coinsEach int)
}

// Service is the Learning Lounge's use cases.
type Service struct {
	store Store
	opts  Options
}

// NewService builds the service.
func NewService(store Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Now().Truncate(time.Millisecond) }
	}
	return &Service{store: store, opts: opts}
}

// ClassProgress is a class's progress in every lesson, in library order.
func (s *Service) ClassProgress(ctx context.Context, classID int64) ([]Progress, error) {
	m, err := s.ClassesProgress(ctx, []int64{classID})
	if err != nil {
		return nil, err
	}
	return m[classID], nil
}

// ClassesProgress is ClassProgress for several classes at once (the
// teacher's home shows it on every class card).
func (s *Service) ClassesProgress(ctx context.Context, classIDs []int64) (map[int64][]Progress, error) {
	rows, err := s.store.ClassLessons(ctx, classIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[int64][]Progress, len(classIDs))
	for _, id := range classIDs {
		all := make([]Progress, Count())
		for i := range all {
			all[i] = Fresh(id, i+1)
		}
		for _, p := range rows[id] {
			if p.LessonID >= 1 && p.LessonID <= len(all) {
				all[p.LessonID-1] = p
			}
		}
		out[id] = all
	}
	return out, nil
}

// Change applies a teacher's action to a class's lesson. The caller has
// checked that the teacher may change the class.
func (s *Service) Change(ctx context.Context, c Change) (Result, error) {
	if _, ok := ByID(c.LessonID); !ok {
		return Result{}, ErrUnknownLesson
	}
	if c.Action == ActionDone && (c.Activity < 1 || c.Activity > Activities) {
		return Result{}, ErrUnknownActivity
	}
	res, err := s.store.ChangeLesson(ctx, c, s.opts.Now())
	if err != nil {
		return res, err
	}
	if len(res.Paid) > 0 && s.opts.Paid != nil {
		s.opts.Paid(c.ClassID, res.Paid, CoinsPerCompletion)
	}
	return res, nil
}

// SaveFeedback records (or replaces) a teacher's feedback on a lesson.
func (s *Service) SaveFeedback(ctx context.Context, accountID int64, lessonID, stars int, comment string) (Feedback, error) {
	f, err := CleanFeedback(lessonID, stars, comment)
	if err != nil {
		return f, err
	}
	f.AccountID = accountID
	return s.store.SaveFeedback(ctx, f, s.opts.Now())
}

// MyFeedback is a teacher's feedback on every lesson they rated.
func (s *Service) MyFeedback(ctx context.Context, accountID int64) ([]Feedback, error) {
	return s.store.AccountFeedback(ctx, accountID)
}

// FeedbackSummary is the admins' view: every lesson with its count,
// average, stars distribution and comments.
func (s *Service) FeedbackSummary(ctx context.Context) ([]Summary, error) {
	all, err := s.store.AllFeedback(ctx)
	if err != nil {
		return nil, err
	}
	return Summarize(all), nil
}

// AllFeedback is every rating with its teacher's name (for the CSV).
func (s *Service) AllFeedback(ctx context.Context) ([]Feedback, error) {
	return s.store.AllFeedback(ctx)
}
