package accounts

import (
	"animalgenius/app/jsontime"
	"context"
	"net/netip"
	"time"
)

// Store is what the accounts area needs from the database. Every method is
// one transaction; methods that take an Audit write it in that same
// transaction, so an action and its audit line commit together.
type Store interface {
	// Accounts.
	CountActiveAdmins(ctx context.Context) (int, error)
	CreateAccount(ctx context.Context, n NewAccount, a Audit) (Account, error)
	AccountByID(ctx context.Context, id int64) (Account, error)
	// AccountByEmail also returns the password hash ("" when none is set).
	AccountByEmail(ctx context.Context, email string) (Account, string, error)
	PasswordHash(ctx context.Context, id int64) (string, error)
	ListAccounts(ctx context.Context) ([]Account, error)
	UpdateProfile(ctx context.Context, id int64, displayName, school string, now time.Time, a Audit) (Account, error)
	// SetPassword stores a new hash, deletes every session of the account
	// and, when sess is not nil, creates that session.
	SetPassword(ctx context.Context, id int64, hash string, now time.Time, sess *SessionRow, a Audit) error
	// SetDisabled refuses (ErrLastAdmin) to disable the last active admin;
	// disabling deletes the account's sessions.
	SetDisabled(ctx context.Context, id int64, disabled bool, now time.Time, a Audit) error
	// SetRole refuses (ErrLastAdmin) to demote the last active admin.
	SetRole(ctx context.Context, id int64, role string, now time.Time, a Audit) error
	// DeleteAccount refuses to delete the last active admin. With heirID > 0
	// the account's classes move to heirID, else they are deleted with
	// their students' data (see sqlitestore.AccountEstate).
	DeleteAccount(ctx context.Context, id, heirID int64, a Audit) error
	AccountHoldings(ctx context.Context, id int64) (Holdings, error)
	// RecordLogin creates the session and notes the login time.
	RecordLogin(ctx context.Context, id int64, sess SessionRow, a Audit) error

	// One-time links.
	CreateToken(ctx context.Context, t NewLinkToken, a Audit) (int64, error)
	TokenByHash(ctx context.Context, hash []byte) (Token, error)
	ListInvites(ctx context.Context, now time.Time) ([]Token, error)
	RevokeInvite(ctx context.Context, id int64, now time.Time, a Audit) error
	// RedeemSignup uses a setup or invite token (hash may be nil for the
	// school code and open sign-up), creates the account and its session.
	// A setup token is refused (ErrAdminExists) once an admin exists.
	RedeemSignup(ctx context.Context, hash []byte, purpose string, n NewAccount, sess SessionRow, a Audit) (Account, error)
	// RedeemReset uses a reset token: sets the password, ends the
	// account's sessions, creates sess, and re-enables nothing.
	RedeemReset(ctx context.Context, hash []byte, pwHash string, sess SessionRow, a Audit) (Account, error)
	// DeleteSetupTokens removes every setup token (a new one replaces them).
	DeleteSetupTokens(ctx context.Context) error

	// Sessions.
	CreateSession(ctx context.Context, sess SessionRow) error
	SessionByHash(ctx context.Context, hash []byte) (SessionRow, error)
	// SessionLive tells whether a session whose token hash starts with
	// prefix exists, has not reached its absolute end at now, and was last
	// seen at or after the idle cut-off of its kind (account or student).
	SessionLive(ctx context.Context, prefix []byte, now, accountIdle, studentIdle time.Time) (bool, error)
	TouchSessions(ctx context.Context, seen map[[32]byte]time.Time) error
	DeleteSession(ctx context.Context, hash []byte, a *Audit) error
	DeleteSubjectSessions(ctx context.Context, kind string, id int64, a *Audit) (int, error)
	ListSubjectSessions(ctx context.Context, kind string, id int64) ([]SessionRow, error)
	// PurgeSessions deletes sessions past their absolute end, adults' unused
	// since accountIdle and students' unused since studentIdle, and spent
	// one-time links.
	PurgeSessions(ctx context.Context, now, accountIdle, studentIdle time.Time) (int, error)

	// Audit.
	AddAudit(ctx context.Context, a Audit) error
	AddAudits(ctx context.Context, lines []Audit) error
	ListAudit(ctx context.Context, f AuditFilter) ([]AuditEntry, error)
}

// SessionRow is a session as stored.
type SessionRow struct {
	TokenHash  [32]byte
	Kind       string
	SubjectID  int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
}

// Token purposes.
const (
	PurposeSetup  = "setup"
	PurposeInvite = "invite"
	PurposeReset  = "reset"
)

// NewLinkToken is a one-time link to store.
type NewLinkToken struct {
	Hash      [32]byte
	Purpose   string
	AccountID int64 // reset: whose password
	CreatedBy int64 // 0: the command line or the system
	Email     string
	Note      string
	CreatedAt time.Time
	ExpiresAt time.Time
}

// Token is a stored one-time link (never the token itself).
type Token struct {
	ID        int64         `json:"id"`
	Purpose   string        `json:"purpose"`
	AccountID int64         `json:"accountId,omitempty"`
	CreatedBy int64         `json:"createdBy,omitempty"`
	Email     string        `json:"email"`
	Note      string        `json:"note"`
	CreatedAt jsontime.Time `json:"createdAt"`
	ExpiresAt jsontime.Time `json:"expiresAt"`
	UsedAt    jsontime.Time `json:"usedAt,omitzero"`
	UsedBy    int64         `json:"usedBy,omitempty"`
}

// Audit is one line to add to the audit log.
type Audit struct {
	At          time.Time
	ActorID     int64  // 0: the command line, the system or a visitor
	ActorLabel  string // the actor's email, "command line", "system" or "visitor"
	Action      string
	TargetID    int64
	TargetLabel string
	Detail      string
	IP          string
	// ClassID and StudentID name the class and student of an action on
	// student data (ids only: names go with the student).
	ClassID   int64
	StudentID int64
}

// AuditFilter selects audit lines: those before BeforeID (0: the newest),
// of one class or one student when set, at most Limit.
type AuditFilter struct {
	BeforeID  int64
	Limit     int
	ClassID   int64
	StudentID int64
}

// AuditEntry is a stored audit line.
type AuditEntry struct {
	ID          int64         `json:"id"`
	At          jsontime.Time `json:"at"`
	ActorID     int64         `json:"actorId,omitempty"`
	ActorLabel  string        `json:"actor"`
	Action      string        `json:"action"`
	TargetID    int64         `json:"targetId,omitempty"`
	TargetLabel string        `json:"target"`
	Detail      string        `json:"detail"`
	IP          string        `json:"ip"`
	ClassID     int64         `json:"classId,omitempty"`
	StudentID   int64         `json:"studentId,omitempty"`
	// StudentName is the student's name now ("" once removed).
	StudentName string `json:"studentName,omitempty"`
}

// Actor says who does something, for the audit log.
type Actor struct {
	ID    int64
	Label string
	IP    netip.Addr // the zero Addr: no address (the command line, the system)
}

// CLIActor is the command line on the box.
var CLIActor = Actor{Label: "command line"}

// SystemActor is the server itself (jobs).
var SystemActor = Actor{Label: "system"}

// ActorFor is a signed-in account acting from ip.
func ActorFor(a *Account, ip netip.Addr) Actor {
	if a == nil {
		return Actor{Label: "visitor", IP: ip}
	}
	return Actor{ID: a.ID, Label: a.Email, IP: ip}
}

// AddrText is an address as stored in sessions and the audit log ("" for none).
func AddrText(a netip.Addr) string {
	if !a.IsValid() {
		return ""
	}
	return a.String()
}

func (s *Service) audit(who Actor, action string, target *Account, detail string) Audit {
	a := Audit{At: s.now(), ActorID: who.ID, ActorLabel: who.Label, Action: action, Detail: detail, IP: AddrText(who.IP)}
	if target != nil {
		a.TargetID, a.TargetLabel = target.ID, target.Email
	}
	return a
}
