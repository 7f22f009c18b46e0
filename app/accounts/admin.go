package accounts

import (
	"context"
	"errors"
	"strconv"
	"time"
)

// Accounts lists every account, admins first, then by email.
func (s *Service) Accounts(ctx context.Context) ([]Account, error) {
	return s.store.ListAccounts(ctx)
}

// CreateAccount is an admin (or the command line) making an account. With
// a password it is ready to use; without one the result holds a one-time
// link (valid 7 days) for its owner to choose a password.
func (s *Service) CreateAccount(ctx context.Context, who Actor, email, displayName, school, role, password string) (Account, *Link, error) {
	errs := FieldErrors{}
	e, problem := NormalizeEmail(email)
	if problem != "" {
		errs["email"] = problem
	}
	p := CleanProfile(displayName, school, errs)
	if role != RoleTeacher && role != RoleAdmin {
		errs["role"] = "Choose teacher or admin."
	}
	if password != "" {
		if pw := CheckPassword(password, e); pw != "" {
			errs["password"] = pw
		}
	}
	if err := errs.OrNil(); err != nil {
		return Account{}, nil, err
	}
	n := NewAccount{Email: e, DisplayName: p.DisplayName, School: p.School, Role: role, CreatedAt: s.now()}
	if password != "" {
		hash, err := s.hasher.Hash(ctx, password)
		if err != nil {
			return Account{}, nil, err
		}
		n.PasswordHash = hash
	}
	acct, err := s.store.CreateAccount(ctx, n, s.audit(who, "account.create", &Account{Email: e}, "as "+role))
	if errors.Is(err, ErrEmailTaken) {
		return Account{}, nil, FieldErrors{"email": "An account with this email already exists."}
	}
	if err != nil {
		return Account{}, nil, err
	}
	if password != "" {
		return acct, nil, nil
	}
	link, err := s.resetLink(ctx, who, &acct, NewAccountLinkValid, "password.link", "link to choose a first password")
	if err != nil {
		return Account{}, nil, err
	}
	return acct, &link, nil
}

// CreateResetLink makes a one-time link (valid 24 hours) for the account's
// owner to choose a new password. Sessions end only when it is used.
func (s *Service) CreateResetLink(ctx context.Context, who Actor, id int64) (Link, error) {
	acct, err := s.store.AccountByID(ctx, id)
	if err != nil {
		return Link{}, err
	}
	return s.resetLink(ctx, who, &acct, ResetLinkValid, "password.link", "one-time reset link made")
}

func (s *Service) resetLink(ctx context.Context, who Actor, acct *Account, valid time.Duration, action, detail string) (Link, error) {
	now := s.now()
	return s.makeLink(ctx, NewLinkToken{Purpose: PurposeReset, AccountID: acct.ID, CreatedBy: who.ID, CreatedAt: now,
		ExpiresAt: now.Add(valid)}, s.audit(who, action, acct, detail))
}

// SetPassword sets a password directly (the command line), ending every session.
func (s *Service) SetPassword(ctx context.Context, who Actor, id int64, password string) error {
	acct, err := s.store.AccountByID(ctx, id)
	if err != nil {
		return err
	}
	if p := CheckPassword(password, acct.Email); p != "" {
		return FieldErrors{"password": p}
	}
	hash, err := s.hasher.Hash(ctx, password)
	if err != nil {
		return err
	}
	if err := s.store.SetPassword(ctx, id, hash, s.now(), nil, s.audit(who, "password.set", &acct, "all sessions ended")); err != nil {
		return err
	}
	s.revoked(KindAccount, id)
	return nil
}

// AccountByEmail finds an account (for the command line).
func (s *Service) AccountByEmail(ctx context.Context, email string) (Account, error) {
	e, problem := NormalizeEmail(email)
	if problem != "" {
		return Account{}, FieldErrors{"email": problem}
	}
	a, _, err := s.store.AccountByEmail(ctx, e)
	return a, err
}

// InviteInput is an admin's new invitation.
type InviteInput struct {
	Email string // "" lets anyone with the link sign up
	Note  string
	Days  int // 1-30
}

// CreateInvite makes a one-time sign-up link.
func (s *Service) CreateInvite(ctx context.Context, who Actor, in InviteInput) (Link, error) {
	errs := FieldErrors{}
	var email string
	if in.Email != "" {
		var problem string
		if email, problem = NormalizeEmail(in.Email); problem != "" {
			errs["email"] = problem
		}
	}
	note := cleanText(in.Note, "note", 0, MaxNote, errs, "note")
	if in.Days < 1 || in.Days > int(MaxInviteValid/(24*time.Hour)) {
		errs["days"] = "Choose how many days the invitation works: 1 to 30."
	}
	if err := errs.OrNil(); err != nil {
		return Link{}, err
	}
	now := s.now()
	detail := "for anyone with the link"
	if email != "" {
		detail = "for " + email
	}
	return s.makeLink(ctx, NewLinkToken{Purpose: PurposeInvite, CreatedBy: who.ID, Email: email, Note: note, CreatedAt: now,
		ExpiresAt: now.Add(time.Duration(in.Days) * 24 * time.Hour)}, s.audit(who, "invite.create", nil, detail))
}

// Invites lists invitations not yet used and not expired.
func (s *Service) Invites(ctx context.Context) ([]Token, error) {
	return s.store.ListInvites(ctx, s.now())
}

// RevokeInvite withdraws an unused invitation.
func (s *Service) RevokeInvite(ctx context.Context, who Actor, id int64) error {
	return s.store.RevokeInvite(ctx, id, s.now(), s.audit(who, "invite.revoke", nil, "invitation "+strconv.FormatInt(id, 10)))
}

// SetDisabled switches an account off (ending its sessions at once) or on.
func (s *Service) SetDisabled(ctx context.Context, who Actor, id int64, disabled bool) (Account, error) {
	if id == who.ID && disabled {
		return Account{}, ErrSelf
	}
	acct, err := s.store.AccountByID(ctx, id)
	if err != nil {
		return Account{}, err
	}
	action := "account.enable"
	if disabled {
		action = "account.disable"
	}
	if err := s.store.SetDisabled(ctx, id, disabled, s.now(), s.audit(who, action, &acct, "")); err != nil {
		return Account{}, err
	}
	if disabled {
		s.revoked(KindAccount, id)
	} else {
		s.forgetAccount(id)
	}
	return s.store.AccountByID(ctx, id)
}

// SetRole promotes to admin or demotes to teacher; the last admin stays.
func (s *Service) SetRole(ctx context.Context, who Actor, id int64, role string) (Account, error) {
	if role != RoleTeacher && role != RoleAdmin {
		return Account{}, FieldErrors{"role": "Choose teacher or admin."}
	}
	acct, err := s.store.AccountByID(ctx, id)
	if err != nil {
		return Account{}, err
	}
	if acct.Role == role {
		return acct, nil
	}
	if err := s.store.SetRole(ctx, id, role, s.now(), s.audit(who, "account.role", &acct, acct.Role+" to "+role)); err != nil {
		return Account{}, err
	}
	s.forgetAccount(id)
	if s.OnRoleChanged != nil {
		s.OnRoleChanged(id)
	}
	return s.store.AccountByID(ctx, id)
}

// Holdings counts the classes and students an account owns.
func (s *Service) Holdings(ctx context.Context, id int64) (Holdings, error) {
	if _, err := s.store.AccountByID(ctx, id); err != nil {
		return Holdings{}, err
	}
	return s.store.AccountHoldings(ctx, id)
}

// DeleteAccount deletes an account. With heirID > 0 its classes (with
// their students, results and coins) move to that account, which must be
// another enabled account; with 0 they are deleted with all their
// students' data. The last admin and one's own account cannot be deleted.
func (s *Service) DeleteAccount(ctx context.Context, who Actor, id, heirID int64) error {
	if id == who.ID {
		return ErrSelf
	}
	acct, err := s.store.AccountByID(ctx, id)
	if err != nil {
		return err
	}
	detail := "classes deleted with their students"
	if heirID > 0 {
		heir, err := s.store.AccountByID(ctx, heirID)
		if err != nil || heir.Disabled || heirID == id {
			return ErrBadHeir
		}
		detail = "classes moved to " + heir.Email
	}
	h, err := s.store.AccountHoldings(ctx, id)
	if err != nil {
		return err
	}
	if h.Classes == 0 {
		detail = "owned no classes"
	}
	if err := s.store.DeleteAccount(ctx, id, heirID, s.audit(who, "account.delete", &acct, detail)); err != nil {
		return err
	}
	s.revoked(KindAccount, id)
	if s.OnDeleted != nil {
		s.OnDeleted(id)
	}
	return nil
}

// Audit lists the audit log, newest first, as the filter selects (at
// most 500 lines a page).
func (s *Service) Audit(ctx context.Context, f AuditFilter) ([]AuditEntry, error) {
	f.Limit = min(max(f.Limit, 1), 500)
	return s.store.ListAudit(ctx, f)
}

// RecordStudentAction writes the audit line of an action on student data
// (removal, export, passport reissue, coins, name correction, deleted
// game results) with who did it, from where, and the class and student.
// One line per student (in one transaction), or one for the class when
// no student is named.
func (s *Service) RecordStudentAction(ctx context.Context, who Actor, action string, classID int64, detail string, studentIDs ...int64) error {
	if len(studentIDs) == 0 {
		studentIDs = []int64{0}
	}
	lines := make([]Audit, len(studentIDs))
	for i, id := range studentIDs {
		lines[i] = s.audit(who, action, nil, detail)
		lines[i].ClassID, lines[i].StudentID = classID, id
	}
	return s.store.AddAudits(ctx, lines)
}
