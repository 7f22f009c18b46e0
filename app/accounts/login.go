package accounts

import (
	"animalgenius/app/devices"
	"animalgenius/app/jsontime"
	"context"
	"errors"
	"net/netip"
	"strings"
)

// Client is where a request comes from, for sessions and the audit log.
type Client struct {
	IP        netip.Addr
	UserAgent string
	// Device is the browser's device cookie, checked (zero: unknown).
	Device devices.Device
}

// Login checks an email and password and starts a session. Wrong email
// and wrong password give the same ErrBadCredentials after the same work
// (an unknown email is checked against a dummy hash). Past the failure
// budgets it returns *TooManyError without checking anything. A browser
// whose device cookie says this account signed in on it before is a
// known device: its failures count against that device only, and the
// per-account and per-address budgets do not apply to it, so nobody can
// lock a teacher out of their own devices by guessing elsewhere.
func (s *Service) Login(ctx context.Context, email, password string, from Client) (Account, string, error) {
	email, problem := NormalizeEmail(email)
	if problem != "" {
		return Account{}, "", FieldErrors{"email": problem}
	}
	if password == "" {
		return Account{}, "", FieldErrors{"password": "Type your password."}
	}
	acct, hash, err := s.store.AccountByEmail(ctx, email)
	known := err == nil
	if err != nil && !errors.Is(err, ErrNotFound) {
		return Account{}, "", err
	}
	dev := devices.Device{}
	if known {
		dev = s.ownDevice(from.Device, acct.ID)
	}
	if len(password) > 4*MaxPassword {
		// Nobody's password is this long; do not spend a hash on it.
		s.logins.failedFrom(dev, email, from.IP)
		return Account{}, "", ErrBadCredentials
	}
	if !dev.Known() {
		if err := s.logins.check(email, from.IP); err != nil {
			return Account{}, "", err
		}
	}
	ok, err := s.hasher.Verify(ctx, password, hash)
	if err != nil {
		return Account{}, "", err
	}
	if !ok {
		s.logins.failedFrom(dev, email, from.IP)
		if known {
			a := s.audit(Actor{Label: "visitor", IP: from.IP}, "login.failed", &acct, "wrong password")
			if err := s.store.AddAudit(ctx, a); err != nil {
				return Account{}, "", err
			}
		}
		return Account{}, "", ErrBadCredentials
	}
	if acct.Disabled {
		// Only someone who knows the password learns the account is off.
		// The admin sees the try: someone holds a switched-off account's
		// password.
		a := s.audit(Actor{Label: "visitor", IP: from.IP}, "login.refused", &acct, "account switched off")
		if err := s.store.AddAudit(ctx, a); err != nil {
			return Account{}, "", err
		}
		return Account{}, "", ErrDisabled
	}
	s.logins.succeeded(email)
	tok, row := s.newSession(KindAccount, acct.ID, from.IP, from.UserAgent)
	if err := s.store.RecordLogin(ctx, acct.ID, row, s.audit(Actor{ID: acct.ID, Label: acct.Email, IP: from.IP}, "login", &acct, "")); err != nil {
		return Account{}, "", err
	}
	acct.LastLoginAt = jsontime.Of(row.CreatedAt)
	return acct, tok, nil
}

// ChangePassword checks the current password, stores the new one, ends
// every session of the account (this one too) and starts a fresh session
// for this browser, whose token it returns.
func (s *Service) ChangePassword(ctx context.Context, acct *Account, current, next string, from Client) (string, error) {
	errs := FieldErrors{}
	if current == "" {
		errs["currentPassword"] = "Type your current password."
	}
	if p := CheckPassword(next, acct.Email); p != "" {
		errs["newPassword"] = p
	} else if next == current {
		errs["newPassword"] = "The new password must be different from the current one."
	}
	if len(errs) > 0 {
		return "", errs
	}
	// As at login: the account's own known device keeps its own budget,
	// so a stranger's wrong logins (which lock the account for unknown
	// devices) do not stop its owner from changing the password.
	dev := s.ownDevice(from.Device, acct.ID)
	if !dev.Known() {
		if err := s.logins.check(acct.Email, from.IP); err != nil {
			return "", err
		}
	}
	hash, err := s.store.PasswordHash(ctx, acct.ID)
	if err != nil {
		return "", err
	}
	ok, err := s.hasher.Verify(ctx, current, hash)
	if err != nil {
		return "", err
	}
	if !ok {
		s.logins.failedFrom(dev, acct.Email, from.IP)
		return "", FieldErrors{"currentPassword": "That is not your current password. Please try again."}
	}
	newHash, err := s.hasher.Hash(ctx, next)
	if err != nil {
		return "", err
	}
	tok, row := s.newSession(KindAccount, acct.ID, from.IP, from.UserAgent)
	who := Actor{ID: acct.ID, Label: acct.Email, IP: from.IP}
	if err := s.store.SetPassword(ctx, acct.ID, newHash, s.now(), &row, s.audit(who, "password.change", acct, "all sessions ended")); err != nil {
		return "", err
	}
	s.revoked(KindAccount, acct.ID)
	return tok, nil
}

// UpdateProfile changes the display name and school.
func (s *Service) UpdateProfile(ctx context.Context, acct *Account, displayName, school string, from Client) (Account, error) {
	errs := FieldErrors{}
	p := CleanProfile(displayName, school, errs)
	if err := errs.OrNil(); err != nil {
		return Account{}, err
	}
	who := Actor{ID: acct.ID, Label: acct.Email, IP: from.IP}
	var changed []string
	if p.DisplayName != acct.DisplayName {
		changed = append(changed, "name")
	}
	if p.School != acct.School {
		changed = append(changed, "school")
	}
	if len(changed) == 0 {
		return *acct, nil
	}
	updated, err := s.store.UpdateProfile(ctx, acct.ID, p.DisplayName, p.School, s.now(),
		s.audit(who, "profile.update", acct, "changed "+strings.Join(changed, " and ")))
	if err != nil {
		return Account{}, err
	}
	s.forgetAccount(acct.ID)
	if s.OnProfileChanged != nil {
		s.OnProfileChanged(acct.ID)
	}
	return updated, nil
}

// ownDevice is d when it is a device account id signed in on before and
// its own budget has room; else the unknown device, for which the
// account's and the address's budgets apply.
func (s *Service) ownDevice(d devices.Device, id int64) devices.Device {
	if d.Kind != devices.KindAccount || d.Owner != id || s.logins.deviceSpent(d) {
		return devices.Device{}
	}
	return d
}
