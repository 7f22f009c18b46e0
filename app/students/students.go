// Package students is the student side of a class: joining with the class
// code and a name, the quiz submission that creates the student with its
// result, welcome bonus, passport code and session in one transaction,
// retakes, passport logins with guessing budgets, and what teachers do to
// one student (rotate its code, remove it). No HTTP, no SQL.
package students

import (
	"context"
	"net/netip"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/devices"
	"animalgenius/app/failbudget"
	"animalgenius/app/jsontime"
	"animalgenius/app/quiz"
)

// WelcomeBonus is the coins a student gets once, when created.
const WelcomeBonus = 50

// DefaultPendingFor is how long a pupil shows as working on the quiz after
// its name check: a class takes the quiz in 10 to 20 minutes, so a pending
// join still there after 45 was abandoned (checking the name again, as a
// reload does, moves it on).
const DefaultPendingFor = 45 * time.Minute

// Result is a stored quiz result: the scored result and when.
type Result struct {
	quiz.Result
	CompletedAt jsontime.Time `json:"completedAt"`
}

// Student is one student. PassportCode is only ever sent to the student
// itself and to the teachers and admins of its class.
type Student struct {
	ID           int64  `json:"id"`
	ClassID      int64  `json:"classId"`
	FirstName    string `json:"firstName"`
	LastInitial  string `json:"lastInitial"`
	Name         string `json:"name"` // "Maya R."
	PassportCode string `json:"passportCode"`
	Coins        int    `json:"coins"`
	// Result is the current (latest) result; nil means "not yet".
	Result    *Result       `json:"result"`
	CreatedAt jsontime.Time `json:"createdAt"`
}

// ClassInfo is what a student (or someone about to join) sees of a class.
type ClassInfo struct {
	ID           int64  `json:"-"`
	Code         string `json:"code"`
	Name         string `json:"name"`
	Grade        int    `json:"grade"`
	Icon         string `json:"icon"`
	Colour       string `json:"colour"`
	AllowRetakes bool   `json:"allowRetakes"`
	Archived     bool   `json:"archived"`
	Full         bool   `json:"full"`
}

// Home is what a student sees on its own page.
type Home struct {
	Student Student   `json:"student"`
	Class   ClassInfo `json:"class"`
	// History is every result, newest first (the first is the current one).
	History []Result `json:"history"`
}

// NewStudent is a first submission for the store to commit.
type NewStudent struct {
	ClassCode string
	Name      Name
	Key       string // the browser's submission key
	Result    quiz.Result
	Answers   string // {"ei1":"b",...}
	// Passports are fresh codes to try in order; the first one not in use is kept.
	Passports []string
	Bonus     int
	// Session is stored for the new student (its SubjectID is set by the store).
	Session accounts.SessionRow
	Now     time.Time
}

// NewResult is a retake for the store to commit.
type NewResult struct {
	StudentID int64
	Key       string
	Result    quiz.Result
	Answers   string
	Now       time.Time
}

// Submitted is the outcome of a submission; Replayed means the key had
// been seen and nothing new was stored.
type Submitted struct {
	Student  Student
	Replayed bool
}

// Store is what the students area needs from the database.
type Store interface {
	// JoinClass reads the class behind a join code (ErrClassNotFound).
	JoinClass(ctx context.Context, code string) (ClassInfo, error)
	// NameTaken tells whether name is used in the class and, if so, which
	// initials the students with that first name use.
	NameTaken(ctx context.Context, classID int64, name Name) (bool, map[string]bool, error)
	// CreateStudent commits a first submission in one transaction: checks
	// the class (exists, open, not full) and the name, creates the student
	// with its result, history row, welcome bonus (ledger row and balance),
	// passport code and session. A key seen before returns that student
	// (Replayed) with a new session, or ErrKeyReused for another name.
	CreateStudent(ctx context.Context, n NewStudent) (Submitted, error)
	// RecordPendingJoin notes that name is working on the quiz of the class
	// until expires (a pending join; CreateStudent ends it). It reports
	// whether it recorded one (a class holds a bounded number).
	RecordPendingJoin(ctx context.Context, classID int64, name Name, now, expires time.Time) (bool, error)
	// DropPendingJoin ends name's pending join in the class with code (a
	// submission the class refused: full, or closed meanwhile), returning
	// the class's id (0 when there was none).
	DropPendingJoin(ctx context.Context, code string, name Name) (int64, error)
	// AddResult commits a retake: the class must allow it and be open.
	AddResult(ctx context.Context, r NewResult) (Submitted, error)
	StudentByID(ctx context.Context, id int64) (Student, error)
	StudentByPassport(ctx context.Context, code string) (Student, error)
	StudentHome(ctx context.Context, id int64) (Home, error)
	// SetPassport gives a student of the class a new code: newCode gets the
	// prefix to use and is called again while the code is taken.
	SetPassport(ctx context.Context, classID, studentID int64, newCode func(prefix string) string) (Student, error)
	DeleteStudent(ctx context.Context, classID, studentID int64) error
	// RenameStudent corrects a student's name (NameTakenError when another
	// student of the class has it).
	RenameStudent(ctx context.Context, classID, studentID int64, n Name) (Student, error)
}

// Sessions is what the students area needs from the accounts service.
type Sessions interface {
	// NewStudentSession makes a session token and its row, not yet stored.
	NewStudentSession(ip netip.Addr, userAgent string) (string, accounts.SessionRow)
	CreateStudentSessionFrom(ctx context.Context, studentID int64, ip netip.Addr, userAgent string) (string, error)
	RevokeStudentSessions(ctx context.Context, studentID int64) error
}

// Client is who is calling, for sessions and budgets.
type Client struct {
	IP        netip.Addr
	UserAgent string
	// Device is the browser's device cookie, checked (zero: unknown).
	Device devices.Device
}

// Options configure the service.
type Options struct {
	Bank *quiz.Bank
	// PassportGuard and JoinGuard budget wrong passport codes and wrong
	// class codes.
	PassportGuard *PassportGuard
	JoinGuard     *Guard
	// OnSubmitted, when set, runs after every committed submission (a first
	// quiz, or a retake), e.g. to count it and to update a live board.
	OnSubmitted func(st Student, retake bool)
	// OnStudentsChanged, when set, runs after every committed change to a
	// class's students (submission, retake, passport rotation, removal),
	// e.g. to drop cached class insight and push the live board.
	OnStudentsChanged func(classID int64)
	// OnJoined, when set, runs instead of OnStudentsChanged after a new
	// student's first quiz is committed, with the student as stored (so a
	// class's cached insight can take the student in without a re-read).
	OnJoined func(st Student)
	// PendingFor is how long a pupil who passed the name check shows as
	// "working on the quiz" without submitting (default 45 minutes);
	// OnPending, when set, runs after a pending join was recorded.
	PendingFor time.Duration
	OnPending  func(classID int64)
	Now        func() time.Time
	// Sleep holds a failed guess's answer (time.Sleep-like, ends with ctx).
	Sleep func(ctx context.Context, d time.Duration)
}

// Service is the students use cases.
type Service struct {
	store    Store
	sessions Sessions
	o        Options
	pending  *failbudget.Leaky[pendingKey]
	// OnRemoved, when set, runs after students were removed (one pupil,
	// or a class's in bulk): it takes them out of live games.
	OnRemoved func(ctx context.Context, ids []int64)
}

// New makes the service.
func New(store Store, sessions Sessions, o Options) *Service {
	if o.Bank == nil {
		o.Bank = quiz.DefaultBank()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.PendingFor <= 0 {
		o.PendingFor = DefaultPendingFor
	}
	if o.Sleep == nil {
		o.Sleep = sleepCtx
	}
	if o.PassportGuard == nil {
		o.PassportGuard = NewPassportGuard(DefaultPassportGuardOptions(200, 6), o.Now)
	}
	if o.JoinGuard == nil {
		o.JoinGuard = NewGuard(GuardOptions{AddrFailures: 200, Window: 10 * time.Minute, BlockBase: 2 * time.Second,
			BlockMax: 10 * time.Minute, SlowStep: 50 * time.Millisecond, SlowMax: time.Second, MaxAddrs: 20_000}, o.Now)
	}
	return &Service{store: store, sessions: sessions, o: o,
		pending: failbudget.NewLeaky[pendingKey](PendingPerAddr, PendingPerAddr, 20_000)}
}

// PendingPerAddr bounds the pupils one address shows as working on one
// class's quiz (PendingPerAddr more an hour): a school's shared address
// brings a whole class, and someone with the class code cannot fill the
// board with made-up names (past it, the name check still answers, only
// the board does not show the name until the quiz is in).
const PendingPerAddr = 60

type pendingKey struct {
	addr  netip.Addr
	class int64
}

// changed reports a committed change to a class's students.
func (s *Service) changed(classID int64) {
	if s.o.OnStudentsChanged != nil {
		s.o.OnStudentsChanged(classID)
	}
}

// Bank is the question bank the service scores with.
func (s *Service) Bank() *quiz.Bank { return s.o.Bank }

func sleepCtx(ctx context.Context, d time.Duration) {
	if d <= 0 {
		return
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
