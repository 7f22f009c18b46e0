// Package accounts is identity for adults (teachers and admins) and the
// sessions of adults and students: passwords, one-time links, login
// budgets, session checks with a cache, revocation and the audit log.
// It knows nothing of HTTP or SQL: the web layer calls it, and it calls the
// Store it declares (implemented by sqlitestore).
package accounts

import (
	"animalgenius/app/jsontime"
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/patrickmn/go-cache"
)

// Roles.
const (
	RoleTeacher = "teacher"
	RoleAdmin   = "admin"
)

// Session subject kinds.
const (
	KindAccount = "account"
	KindStudent = "student"
)

// Account is a teacher or an admin.
type Account struct {
	ID          int64         `json:"id"`
	Email       string        `json:"email"`
	DisplayName string        `json:"displayName"`
	School      string        `json:"school"`
	Role        string        `json:"role"`
	Disabled    bool          `json:"disabled"`
	HasPassword bool          `json:"hasPassword"`
	CreatedAt   jsontime.Time `json:"createdAt"`
	LastLoginAt jsontime.Time `json:"lastLoginAt,omitzero"`
}

// IsAdmin tells whether the account may use the admin pages.
func (a *Account) IsAdmin() bool { return a.Role == RoleAdmin }

// NewAccount is what CreateAccount stores.
type NewAccount struct {
	Email        string
	DisplayName  string
	School       string
	Role         string
	PasswordHash string // "" for an account whose owner sets it through a link
	CreatedAt    time.Time
}

// Holdings is what an account owns in other areas, for the delete confirmation.
type Holdings struct {
	Classes  int `json:"classes"`
	Students int `json:"students"`
}

// Errors the web layer turns into answers.
var (
	ErrNotFound       = errors.New("accounts: not found")
	ErrEmailTaken     = errors.New("accounts: email already used")
	ErrLastAdmin      = errors.New("accounts: the last admin cannot be removed")
	ErrBadCredentials = errors.New("accounts: wrong email or password")
	ErrDisabled       = errors.New("accounts: account disabled")
	ErrLinkInvalid    = errors.New("accounts: link expired, used or unknown")
	ErrAdminExists    = errors.New("accounts: an admin already exists")
	ErrNoSession      = errors.New("accounts: no valid session")
	ErrBusy           = errors.New("accounts: too many password checks at once")
	ErrSignupClosed   = errors.New("accounts: sign-up is closed")
	ErrBadHeir        = errors.New("accounts: the chosen teacher cannot take over")
	ErrSelf           = errors.New("accounts: not allowed on your own account")
)

// Options configure the service; zero values get the defaults noted.
type Options struct {
	SignupMode         string        // invite (default), open, closed
	SchoolInviteCode   string        // "" for none
	SessionIdle        time.Duration // default 12h
	SessionAbsolute    time.Duration // default 7 days
	StudentSessionIdle time.Duration // default 2h
	HashConcurrency    int           // default 2
	HashWait           time.Duration // longest wait for a hashing slot; default 10s
	SocketSweep        time.Duration // how often sockets' sessions are checked; default 10s
	Hash               HashParams    // default DefaultHashParams
	Logger             *slog.Logger
	Now                func() time.Time
}

// Service is the accounts area. Build it with New; it is safe for
// concurrent use.
type Service struct {
	store  Store
	opts   Options
	hasher *hasher
	cache  *cache.Cache
	logins *loginBudget
	now    func() time.Time
	log    *slog.Logger

	cacheMu sync.Mutex
	epoch   uint64

	touchMu sync.Mutex
	touches map[[32]byte]time.Time // last_seen_at waiting to be written

	// OnRevoke is called after every session of a subject ended at once
	// (log out everywhere, password change, disable, delete, student code
	// rotation). appliance.go points it at the socket hub's CloseSubject.
	OnRevoke func(kind string, id int64)
	// OnRevokeSession is called after one session ended (a logout), with
	// the session's Key, so sockets opened under that session can close.
	OnRevokeSession func(kind string, id int64, key string)
	// OnRoleChanged is called after an account was promoted or demoted,
	// so its open sockets reconnect and their subscriptions are checked
	// again (a demoted admin's board of another teacher's class ends).
	OnRoleChanged func(id int64)
	// OnDeleted is called after an account's deletion committed (its
	// classes went to the heir or were deleted with it).
	OnDeleted func(id int64)
	// OnProfileChanged is called after an account's display name or school
	// changed (class lists show the teacher's name).
	OnProfileChanged func(id int64)
	// SocketSessions lists the Keys of the sessions that have open
	// sockets (appliance wiring points it at the hub). Run checks them
	// against the database every SocketSweep, so a session ended by
	// another process (the command line) closes its sockets too.
	SocketSessions func() []string
}

// New builds the service.
func New(store Store, o Options) *Service {
	if o.SignupMode == "" {
		o.SignupMode = "invite"
	}
	if o.SessionIdle <= 0 {
		o.SessionIdle = 12 * time.Hour
	}
	if o.SessionAbsolute <= 0 {
		o.SessionAbsolute = 7 * 24 * time.Hour
	}
	if o.StudentSessionIdle <= 0 {
		o.StudentSessionIdle = 2 * time.Hour
	}
	if o.HashConcurrency < 1 {
		o.HashConcurrency = 2
	}
	if o.HashWait <= 0 {
		o.HashWait = 10 * time.Second
	}
	if o.SocketSweep <= 0 {
		o.SocketSweep = 10 * time.Second
	}
	if o.Hash == (HashParams{}) {
		o.Hash = DefaultHashParams
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	s := &Service{
		store: store, opts: o, now: o.Now, log: o.Logger,
		hasher:  newHasher(o.Hash, o.HashConcurrency, o.HashWait),
		cache:   cache.New(sessionCacheTTL, 5*time.Minute),
		logins:  newLoginBudget(o.Now),
		touches: map[[32]byte]time.Time{},
	}
	return s
}

// SignupMode is the configured sign-up mode.
func (s *Service) SignupMode() string { return s.opts.SignupMode }

// SchoolCodeEnabled tells whether the school invite code may be used.
func (s *Service) SchoolCodeEnabled() bool {
	return s.opts.SignupMode == "invite" && s.opts.SchoolInviteCode != ""
}

// NeedsSetup tells whether no enabled admin exists yet (first run).
func (s *Service) NeedsSetup(ctx context.Context) (bool, error) {
	n, err := s.store.CountActiveAdmins(ctx)
	return n == 0, err
}

// Account returns one account by id.
func (s *Service) Account(ctx context.Context, id int64) (Account, error) {
	return s.store.AccountByID(ctx, id)
}

// Run writes last-seen times in batches and closes the sockets of
// sessions ended elsewhere until ctx ends, then writes once more.
// appliance.go starts it beside the job runner.
func (s *Service) Run(ctx context.Context) {
	t := time.NewTicker(touchFlushEvery)
	defer t.Stop()
	sweep := time.NewTicker(s.opts.SocketSweep)
	defer sweep.Stop()
	for {
		select {
		case <-ctx.Done():
			s.FlushTouches(context.WithoutCancel(ctx))
			return
		case <-t.C:
			s.FlushTouches(ctx)
		case <-sweep.C:
			s.SweepSocketSessions(ctx)
		}
	}
}
