package lessons

import (
	"errors"
	"strconv"
	"time"

	"animalgenius/app/jsontime"
)

// Status is where a class stands in one lesson.
type Status string

const (
	NotStarted Status = "not_started"
	InProgress Status = "in_progress"
	Completed  Status = "completed"
)

// CoinsPerCompletion is what completing a lesson pays each current
// student of the class, once per student and lesson.
const CoinsPerCompletion = 10

// Refusals of the progress rules.
var (
	ErrUnknownLesson   = errors.New("lessons: no such lesson")
	ErrUnknownActivity = errors.New("lessons: no such activity")
	ErrCompleted       = errors.New("lessons: the lesson is already complete")
	ErrNotFound        = errors.New("lessons: not found")
	ErrClassArchived   = errors.New("lessons: the class is archived")
)

// Progress is one class's progress in one lesson. Done holds one bit per
// activity (bit 0: activity 1). Current is the activity the class is on
// (1-4). Completions counts how often the class completed it (a reset
// keeps the count and the coins paid).
type Progress struct {
	ClassID     int64         `json:"classId"`
	LessonID    int           `json:"lessonId"`
	Status      Status        `json:"status"`
	Current     int           `json:"currentActivity"`
	Done        int           `json:"-"`
	Completions int           `json:"completions"`
	StartedAt   jsontime.Time `json:"startedAt,omitzero"`
	CompletedAt jsontime.Time `json:"completedAt,omitzero"`
	UpdatedAt   jsontime.Time `json:"updatedAt,omitzero"`
}

// ActivitiesDone lists the done activities (1-4), in order.
func (p Progress) ActivitiesDone() []int {
	out := []int{}
	for i := range Activities {
		if p.Done&(1<<i) != 0 {
			out = append(out, i+1)
		}
	}
	return out
}

// Fresh is the progress of a lesson the class never started.
func Fresh(classID int64, lessonID int) Progress {
	return Progress{ClassID: classID, LessonID: lessonID, Status: NotStarted, Current: 1}
}

// Start begins a lesson. Starting one in progress changes nothing; a
// completed lesson must be reset first.
func Start(p Progress, now time.Time) (Progress, error) {
	switch p.Status {
	case InProgress:
		return p, nil
	case Completed:
		return p, ErrCompleted
	}
	p.Status, p.Current, p.Done = InProgress, 1, 0
	p.StartedAt, p.UpdatedAt = jsontime.Of(now), jsontime.Of(now)
	return p, nil
}

// MarkDone marks activity n (1-4) done, starting the lesson if needed,
// and moves the current activity to the first one not done yet (the last
// one when all are done). Marking a done activity again changes nothing.
func MarkDone(p Progress, n int, now time.Time) (Progress, error) {
	if n < 1 || n > Activities {
		return p, ErrUnknownActivity
	}
	if p.Status == Completed {
		return p, ErrCompleted
	}
	if p.Status == NotStarted {
		var err error
		if p, err = Start(p, now); err != nil {
			return p, err
		}
	}
	p.Done |= 1 << (n - 1)
	p.Current = Activities
	for i := range Activities {
		if p.Done&(1<<i) == 0 {
			p.Current = i + 1
			break
		}
	}
	p.UpdatedAt = jsontime.Of(now)
	return p, nil
}

// Complete completes the lesson (every activity counts as done). A lesson
// already complete is refused, so a second click pays nothing.
func Complete(p Progress, now time.Time) (Progress, error) {
	if p.Status == Completed {
		return p, ErrCompleted
	}
	if p.StartedAt.IsZero() {
		p.StartedAt = jsontime.Of(now)
	}
	p.Status, p.Done, p.Current = Completed, 1<<Activities-1, Activities
	p.Completions++
	p.CompletedAt, p.UpdatedAt = jsontime.Of(now), jsontime.Of(now)
	return p, nil
}

// Reset puts the lesson back to the start. The completions count stays,
// and so do the coins paid: completing again pays only students who were
// never paid for this lesson.
func Reset(p Progress, now time.Time) Progress {
	p.Status, p.Current, p.Done = NotStarted, 1, 0
	p.StartedAt, p.CompletedAt = jsontime.Time{}, jsontime.Time{}
	p.UpdatedAt = jsontime.Of(now)
	return p
}

// PaymentKey is the ledger's idempotency key of one student's coins for
// one class's lesson: the ledger's UNIQUE index makes a second payment
// impossible, whatever the code does.
func PaymentKey(classID int64, lessonID int, studentID int64) string {
	return "lesson:" + strconv.FormatInt(classID, 10) + ":" + strconv.Itoa(lessonID) + ":" + strconv.FormatInt(studentID, 10)
}

// Action is a change a teacher makes to a lesson's progress.
type Action string

const (
	ActionStart    Action = "start"
	ActionDone     Action = "done"
	ActionComplete Action = "complete"
	ActionReset    Action = "reset"
)

// Change is one teacher action on one class's lesson.
type Change struct {
	ClassID  int64
	LessonID int
	Action   Action
	Activity int // for ActionDone
}

// Apply is the progress rule: the new progress after c, or why c is
// refused. The store runs it inside the transaction that writes the result.
func Apply(p Progress, c Change, now time.Time) (Progress, error) {
	if _, ok := ByID(c.LessonID); !ok {
		return p, ErrUnknownLesson
	}
	switch c.Action {
	case ActionStart:
		return Start(p, now)
	case ActionDone:
		return MarkDone(p, c.Activity, now)
	case ActionComplete:
		return Complete(p, now)
	case ActionReset:
		return Reset(p, now), nil
	}
	return p, errors.New("lessons: unknown action " + string(c.Action))
}

// Pays tells whether going from before to after completes the lesson,
// which pays the class's students (those never paid for it).
func Pays(before, after Progress) bool {
	return before.Status != Completed && after.Status == Completed
}
