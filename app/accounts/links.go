package accounts

import (
	"context"
	"crypto/subtle"
	"errors"
	"time"
)

// Lifetimes of one-time links.
const (
	SetupLinkValid      = 30 * time.Minute
	ResetLinkValid      = 24 * time.Hour
	NewAccountLinkValid = 7 * 24 * time.Hour
	MaxInviteValid      = 30 * 24 * time.Hour
)

// Link is a one-time link just made. Its token is shown only now: the
// database keeps its hash.
type Link struct {
	ID        int64     `json:"id"`
	Path      string    `json:"path"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// LinkInfo is what a page needs to know about a link before using it.
type LinkInfo struct {
	Purpose   string    `json:"purpose"`
	Email     string    `json:"email"`
	ExpiresAt time.Time `json:"expiresAt"`
}

var linkPaths = map[string]string{PurposeSetup: "/setup/", PurposeInvite: "/signup/", PurposeReset: "/reset/"}

func (s *Service) makeLink(ctx context.Context, t NewLinkToken, a Audit) (Link, error) {
	tok, h := NewToken()
	t.Hash = h
	id, err := s.store.CreateToken(ctx, t, a)
	if err != nil {
		return Link{}, err
	}
	return Link{ID: id, Path: linkPaths[t.Purpose] + tok, ExpiresAt: t.ExpiresAt}, nil
}

// CreateSetupLink makes the first-run link to create the first admin,
// replacing any earlier one. ErrAdminExists once an admin exists.
func (s *Service) CreateSetupLink(ctx context.Context) (Link, error) {
	need, err := s.NeedsSetup(ctx)
	if err != nil {
		return Link{}, err
	}
	if !need {
		return Link{}, ErrAdminExists
	}
	if err := s.store.DeleteSetupTokens(ctx); err != nil {
		return Link{}, err
	}
	now := s.now()
	return s.makeLink(ctx, NewLinkToken{Purpose: PurposeSetup, CreatedAt: now, ExpiresAt: now.Add(SetupLinkValid)},
		s.audit(SystemActor, "setup.link", nil, "first-run setup link made"))
}

// CheckLink tells what a link is for, or ErrLinkInvalid when it is
// unknown, used or expired (or a setup link once an admin exists).
func (s *Service) CheckLink(ctx context.Context, token string) (LinkInfo, error) {
	t, err := s.liveToken(ctx, token)
	if err != nil {
		return LinkInfo{}, err
	}
	info := LinkInfo{Purpose: t.Purpose, Email: t.Email, ExpiresAt: t.ExpiresAt}
	switch t.Purpose {
	case PurposeReset:
		acct, err := s.store.AccountByID(ctx, t.AccountID)
		if err != nil {
			return LinkInfo{}, ErrLinkInvalid
		}
		info.Email = acct.Email
	case PurposeSetup:
		if need, err := s.NeedsSetup(ctx); err != nil || !need {
			return LinkInfo{}, ErrLinkInvalid
		}
	}
	return info, nil
}

func (s *Service) liveToken(ctx context.Context, token string) (Token, error) {
	h, ok := HashToken(token)
	if !ok {
		return Token{}, ErrLinkInvalid
	}
	t, err := s.store.TokenByHash(ctx, h[:])
	if errors.Is(err, ErrNotFound) {
		return Token{}, ErrLinkInvalid
	}
	if err != nil {
		return Token{}, err
	}
	if !t.UsedAt.IsZero() || !s.now().Before(t.ExpiresAt) {
		return Token{}, ErrLinkInvalid
	}
	return t, nil
}

// SignupInput is a new teacher's (or the first admin's) form.
type SignupInput struct {
	Token       string // invite or setup link token; "" for the school code or open sign-up
	SchoolCode  string
	Email       string
	DisplayName string
	School      string
	Password    string
}

func (s *Service) cleanSignup(in SignupInput) (NewAccount, FieldErrors) {
	errs := FieldErrors{}
	email, problem := NormalizeEmail(in.Email)
	if problem != "" {
		errs["email"] = problem
	}
	p := CleanProfile(in.DisplayName, in.School, errs)
	if pw := CheckPassword(in.Password, email); pw != "" {
		errs["password"] = pw
	}
	return NewAccount{Email: email, DisplayName: p.DisplayName, School: p.School, Role: RoleTeacher, CreatedAt: s.now()}, errs
}

// Setup creates the first admin through the first-run link and signs them in.
func (s *Service) Setup(ctx context.Context, in SignupInput, from Client) (Account, string, error) {
	t, err := s.liveToken(ctx, in.Token)
	if err != nil || t.Purpose != PurposeSetup {
		return Account{}, "", ErrLinkInvalid
	}
	n, errs := s.cleanSignup(in)
	if len(errs) > 0 {
		return Account{}, "", errs
	}
	n.Role = RoleAdmin
	return s.redeem(ctx, in.Token, PurposeSetup, n, in.Password, from, "setup", "first admin")
}

// Signup creates a teacher account through an invite link, the school
// invite code, or open sign-up, as the sign-up mode allows, and signs them in.
// It shares the per-address budget of failed logins: an answer that says
// an email is already used counts as a failure, after the same password
// hashing as a login, so probing which emails exist costs as much as
// guessing passwords and stops at the same 429.
func (s *Service) Signup(ctx context.Context, in SignupInput, from Client) (Account, string, error) {
	if err := s.logins.check("", from.IP); err != nil {
		return Account{}, "", err
	}
	n, errs := s.cleanSignup(in)
	var purpose, how string
	switch {
	case in.Token != "":
		// Invite links are made by admins and work in every mode.
		t, err := s.liveToken(ctx, in.Token)
		if err != nil || t.Purpose != PurposeInvite {
			return Account{}, "", ErrLinkInvalid
		}
		if t.Email != "" && n.Email != "" && n.Email != t.Email {
			errs["email"] = "This invitation is for " + t.Email + ". Use that address, or ask your admin for a new invitation."
		}
		purpose, how = PurposeInvite, "invite link"
	case s.opts.SignupMode == "open":
		how = "open sign-up"
	case s.SchoolCodeEnabled():
		// Wrong codes count against the address like failed logins.
		switch {
		case in.SchoolCode == "":
			errs["schoolCode"] = "Type the school code your admin gave you."
		case subtle.ConstantTimeCompare([]byte(in.SchoolCode), []byte(s.opts.SchoolInviteCode)) != 1:
			s.logins.failed("", from.IP)
			errs["schoolCode"] = "That school code is not right. Check it with your admin."
		}
		how = "school code"
	default:
		return Account{}, "", ErrSignupClosed
	}
	if len(errs) > 0 {
		return Account{}, "", errs
	}
	return s.redeem(ctx, in.Token, purpose, n, in.Password, from, "signup", "by "+how)
}

func (s *Service) redeem(ctx context.Context, token, purpose string, n NewAccount, password string, from Client, action, detail string) (Account, string, error) {
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return Account{}, "", err
	}
	n.PasswordHash = hash
	var th []byte
	if token != "" {
		h, _ := HashToken(token)
		th = h[:]
	}
	a := Audit{At: s.now(), ActorLabel: n.Email, Action: action, TargetLabel: n.Email, Detail: detail, IP: AddrText(from.IP)}
	sessTok, row := s.newSession(KindAccount, 0, from.IP, from.UserAgent)
	acct, err := s.store.RedeemSignup(ctx, th, purpose, n, row, a)
	if errors.Is(err, ErrEmailTaken) {
		s.logins.failed("", from.IP)
		return Account{}, "", FieldErrors{"email": "An account with this email already exists. Try logging in instead."}
	}
	if err != nil {
		return Account{}, "", err
	}
	return acct, sessTok, nil
}

// ResetPassword sets a new password through a one-time reset link, ends
// the account's other sessions and signs this browser in.
func (s *Service) ResetPassword(ctx context.Context, token, password string, from Client) (Account, string, error) {
	t, err := s.liveToken(ctx, token)
	if err != nil || t.Purpose != PurposeReset {
		return Account{}, "", ErrLinkInvalid
	}
	acct, err := s.store.AccountByID(ctx, t.AccountID)
	if err != nil {
		return Account{}, "", ErrLinkInvalid
	}
	if p := CheckPassword(password, acct.Email); p != "" {
		return Account{}, "", FieldErrors{"password": p}
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return Account{}, "", err
	}
	h, _ := HashToken(token)
	sessTok, row := s.newSession(KindAccount, acct.ID, from.IP, from.UserAgent)
	a := s.audit(Actor{ID: acct.ID, Label: acct.Email, IP: from.IP}, "password.reset", &acct, "through a one-time link; all sessions ended")
	updated, err := s.store.RedeemReset(ctx, h[:], hash, row, a)
	if err != nil {
		return Account{}, "", err
	}
	s.revoked(KindAccount, acct.ID)
	if updated.Disabled {
		// The password is set, but a disabled account still cannot sign in.
		return Account{}, "", ErrDisabled
	}
	return updated, sessTok, nil
}
