package accounts_test

import (
	"context"
	"errors"
	"net/netip"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
)

func tokenOf(l accounts.Link) string { return l.Path[strings.LastIndexByte(l.Path, '/')+1:] }

func TestSetupLinkCreatesTheFirstAdminOnce(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	first, err := f.svc.CreateSetupLink(ctx)
	if err != nil || !strings.HasPrefix(first.Path, "/setup/") {
		t.Fatalf("setup link %+v %v", first, err)
	}
	second, _ := f.svc.CreateSetupLink(ctx) // replaces the first
	if _, err := f.svc.CheckLink(ctx, tokenOf(first)); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("replaced setup link still valid: %v", err)
	}
	info, err := f.svc.CheckLink(ctx, tokenOf(second))
	if err != nil || info.Purpose != accounts.PurposeSetup {
		t.Fatalf("check: %+v %v", info, err)
	}
	in := accounts.SignupInput{Token: tokenOf(second), Email: "Root@Hill.School", DisplayName: "Root", Password: goodPassword}
	// Setup links do not sign up teachers, and invites do not make admins.
	if _, _, err := f.svc.Signup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("setup token used for sign-up: %v", err)
	}
	acct, tok, err := f.svc.Setup(ctx, in, from)
	if err != nil || acct.Role != accounts.RoleAdmin || acct.Email != "root@hill.school" {
		t.Fatalf("setup: %+v %v", acct, err)
	}
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); err != nil {
		t.Fatalf("setup session: %v", err)
	}
	in.Email = "second@hill.school"
	if _, _, err := f.svc.Setup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("setup link used twice: %v", err)
	}
	if _, err := f.svc.CreateSetupLink(ctx); !errors.Is(err, accounts.ErrAdminExists) {
		t.Fatalf("setup link while an admin exists: %v", err)
	}
}

func TestSetupLinkExpiresAfter30Minutes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	link, _ := f.svc.CreateSetupLink(ctx)
	f.clock.Add(30*time.Minute + time.Second)
	in := accounts.SignupInput{Token: tokenOf(link), Email: "root@hill.school", DisplayName: "Root", Password: goodPassword}
	if _, _, err := f.svc.Setup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("expired setup link: %v", err)
	}
}

func TestSetupLinkRefusedOnceAnAdminExistsAnotherWay(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	link, _ := f.svc.CreateSetupLink(ctx)
	f.account(t, "cli@hill.school", accounts.RoleAdmin) // made with 'admin create' meanwhile
	in := accounts.SignupInput{Token: tokenOf(link), Email: "root@hill.school", DisplayName: "Root", Password: goodPassword}
	if _, _, err := f.svc.Setup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("setup after an admin exists: %v", err)
	}
	if _, err := f.svc.CheckLink(ctx, tokenOf(link)); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("check after an admin exists: %v", err)
	}
}

func TestInvites(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.account(t, "root@hill.school", accounts.RoleAdmin)
	who := accounts.ActorFor(&admin, netip.MustParseAddr("127.0.0.1"))
	var fe accounts.FieldErrors
	for _, bad := range []accounts.InviteInput{{Days: 0}, {Days: 31}, {Days: 7, Email: "nope"}, {Days: 7, Note: strings.Repeat("n", 121)},
		{Days: 7, Note: "see \u202eetoN"}, {Days: 7, Note: "soft\u00adhyphen"}} {
		if _, err := f.svc.CreateInvite(ctx, who, bad); !errors.As(err, &fe) {
			t.Errorf("invite %+v: %v", bad, err)
		}
	}
	open, err := f.svc.CreateInvite(ctx, who, accounts.InviteInput{Days: 7, Note: "anyone"})
	if err != nil {
		t.Fatal(err)
	}
	locked, _ := f.svc.CreateInvite(ctx, who, accounts.InviteInput{Days: 1, Email: "Ben@Hill.School"})
	list, _ := f.svc.Invites(ctx)
	if len(list) != 2 || list[0].Email != "ben@hill.school" {
		t.Fatalf("invites %+v", list)
	}
	in := accounts.SignupInput{Token: tokenOf(locked), Email: "other@hill.school", DisplayName: "Ben", Password: goodPassword}
	if _, _, err := f.svc.Signup(ctx, in, from); !errors.As(err, &fe) || !strings.Contains(fe["email"], "ben@hill.school") {
		t.Fatalf("email-locked invite with another email: %v", err)
	}
	in.Email = "ben@hill.school"
	ben, _, err := f.svc.Signup(ctx, in, from)
	if err != nil || ben.Role != accounts.RoleTeacher {
		t.Fatalf("signup: %+v %v", ben, err)
	}
	if _, _, err := f.svc.Signup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("invite used twice: %v", err)
	}
	// The open invite: an email already taken is a field error and uses nothing up.
	in = accounts.SignupInput{Token: tokenOf(open), Email: "ben@hill.school", DisplayName: "Ben", Password: goodPassword}
	if _, _, err := f.svc.Signup(ctx, in, from); !errors.As(err, &fe) || fe["email"] == "" {
		t.Fatalf("taken email: %v", err)
	}
	if err := f.svc.RevokeInvite(ctx, who, list[1].ID); err != nil {
		t.Fatal(err)
	}
	in.Email = "cy@hill.school"
	if _, _, err := f.svc.Signup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("revoked invite: %v", err)
	}
	if err := f.svc.RevokeInvite(ctx, who, list[1].ID); !errors.Is(err, accounts.ErrNotFound) {
		t.Fatalf("revoke twice: %v", err)
	}
	// An expired invite.
	late, _ := f.svc.CreateInvite(ctx, who, accounts.InviteInput{Days: 1})
	f.clock.Add(25 * time.Hour)
	in.Token = tokenOf(late)
	if _, _, err := f.svc.Signup(ctx, in, from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Fatalf("expired invite: %v", err)
	}
}

func TestSignupModes(t *testing.T) {
	ctx := context.Background()
	in := accounts.SignupInput{Email: "ben@hill.school", DisplayName: "Ben", Password: goodPassword}
	closed := newFixture(t, func(o *accounts.Options) { o.SignupMode = "closed"; o.SchoolInviteCode = "HILL-OWLS-2030" })
	if _, _, err := closed.svc.Signup(ctx, in, from); !errors.Is(err, accounts.ErrSignupClosed) {
		t.Errorf("closed: %v", err)
	}
	invite := newFixture(t)
	if _, _, err := invite.svc.Signup(ctx, in, from); !errors.Is(err, accounts.ErrSignupClosed) {
		t.Errorf("invite mode without a code: %v", err)
	}
	open := newFixture(t, func(o *accounts.Options) { o.SignupMode = "open" })
	if a, _, err := open.svc.Signup(ctx, in, from); err != nil || a.Role != accounts.RoleTeacher {
		t.Errorf("open: %+v %v", a, err)
	}
	code := newFixture(t, func(o *accounts.Options) { o.SchoolInviteCode = "HILL-OWLS-2030" })
	var fe accounts.FieldErrors
	for _, c := range []string{"", "hill-owls-2030", "HILL-OWLS-2031"} {
		in.SchoolCode = c
		if _, _, err := code.svc.Signup(ctx, in, from); !errors.As(err, &fe) || fe["schoolCode"] == "" {
			t.Errorf("school code %q: %v", c, err)
		}
	}
	in.SchoolCode = "HILL-OWLS-2030"
	if _, _, err := code.svc.Signup(ctx, in, from); err != nil {
		t.Errorf("right school code: %v", err)
	}
}

func TestResetLink(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.account(t, "root@hill.school", accounts.RoleAdmin)
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	old := f.login(t, "ana@hill.school")
	link, err := f.svc.CreateResetLink(ctx, accounts.ActorFor(&admin, netip.Addr{}), ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	info, err := f.svc.CheckLink(ctx, tokenOf(link))
	if err != nil || info.Email != "ana@hill.school" || info.Purpose != accounts.PurposeReset {
		t.Fatalf("check: %+v %v", info, err)
	}
	var fe accounts.FieldErrors
	if _, _, err := f.svc.ResetPassword(ctx, tokenOf(link), "short", from); !errors.As(err, &fe) {
		t.Fatalf("weak password: %v", err)
	}
	acct, fresh, err := f.svc.ResetPassword(ctx, tokenOf(link), "a whole new sentence", from)
	if err != nil || acct.ID != ana.ID {
		t.Fatalf("reset: %v", err)
	}
	if _, err := f.svc.Authenticate(ctx, old, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Error("session from before the reset still works")
	}
	if _, err := f.svc.Authenticate(ctx, fresh, accounts.KindAccount); err != nil {
		t.Errorf("session after the reset: %v", err)
	}
	if _, _, err := f.svc.ResetPassword(ctx, tokenOf(link), "yet another sentence", from); !errors.Is(err, accounts.ErrLinkInvalid) {
		t.Errorf("reset link used twice: %v", err)
	}
	// A link for an account made without a password lets its owner in.
	made, first, err := f.svc.CreateAccount(ctx, accounts.ActorFor(&admin, netip.Addr{}), "cy@hill.school", "Cy", "", accounts.RoleTeacher, "")
	if err != nil || first == nil || made.HasPassword {
		t.Fatalf("account without password: %+v %+v %v", made, first, err)
	}
	if _, _, err := f.svc.Login(ctx, "cy@hill.school", "", from); err == nil {
		t.Fatal("empty password logged in")
	}
	if _, _, err := f.svc.ResetPassword(ctx, tokenOf(*first), "cy's own sentence here", from); err != nil {
		t.Fatalf("first password: %v", err)
	}
}

// TestOlderResetLinksEnd: once a password is set (through a newer link, a
// change by the owner, or the command line), every reset link made before
// it stops working, on the check page and on use.
func TestOlderResetLinksEnd(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.account(t, "root@hill.school", accounts.RoleAdmin)
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	by := accounts.ActorFor(&admin, netip.Addr{})
	mk := func() string {
		t.Helper()
		l, err := f.svc.CreateResetLink(ctx, by, ana.ID)
		if err != nil {
			t.Fatal(err)
		}
		return tokenOf(l)
	}
	refused := func(how, tok string) {
		t.Helper()
		if _, err := f.svc.CheckLink(ctx, tok); !errors.Is(err, accounts.ErrLinkInvalid) {
			t.Errorf("%s: older link still checks: %v", how, err)
		}
		if _, _, err := f.svc.ResetPassword(ctx, tok, "an attacker's own sentence", from); !errors.Is(err, accounts.ErrLinkInvalid) {
			t.Errorf("%s: older link still sets a password: %v", how, err)
		}
	}
	older, newer := mk(), mk()
	if _, _, err := f.svc.ResetPassword(ctx, newer, "the newer link's sentence", from); err != nil {
		t.Fatal(err)
	}
	refused("after a newer link", older)

	older = mk()
	acct, err := f.svc.Account(ctx, ana.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.ChangePassword(ctx, &acct, "the newer link's sentence", "changed by ana herself", from); err != nil {
		t.Fatal(err)
	}
	refused("after a change", older)

	older = mk()
	if err := f.svc.SetPassword(ctx, accounts.CLIActor, ana.ID, "set on the command line"); err != nil {
		t.Fatal(err)
	}
	refused("after the command line", older)

	// A link made after the last change works.
	if _, _, err := f.svc.ResetPassword(ctx, mk(), "the latest sentence here", from); err != nil {
		t.Fatalf("fresh link: %v", err)
	}
}

// TestSignupProbesAreBudgeted: asking sign-up whether emails exist costs
// a failure of the per-address login budget each time, so the 32nd probe
// from one address is refused with 429 (as the 32nd wrong password is),
// while another address and honest sign-ups go on.
func TestSignupProbesAreBudgeted(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, func(o *accounts.Options) { o.SignupMode = "open" })
	f.account(t, "ana@hill.school", accounts.RoleTeacher)
	prober := accounts.Client{IP: netip.MustParseAddr("198.51.100.4")}
	probe := accounts.SignupInput{Email: "ana@hill.school", DisplayName: "Probe", Password: goodPassword}
	var fe accounts.FieldErrors
	for i := range 31 {
		if _, _, err := f.svc.Signup(ctx, probe, prober); !errors.As(err, &fe) || fe["email"] == "" {
			t.Fatalf("probe %d: %v", i+1, err)
		}
	}
	var tm *accounts.TooManyError
	fresh := accounts.SignupInput{Email: "new@hill.school", DisplayName: "New", Password: goodPassword}
	if _, _, err := f.svc.Signup(ctx, fresh, prober); !errors.As(err, &tm) || tm.RetryAfter <= 0 {
		t.Fatalf("32nd try from the prober: %v, want TooManyError", err)
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", "wrong password", prober); !errors.As(err, &tm) {
		t.Fatalf("login from the prober: %v, want TooManyError (one budget)", err)
	}
	if _, _, err := f.svc.Signup(ctx, fresh, accounts.Client{IP: netip.MustParseAddr("198.51.100.5")}); err != nil {
		t.Fatalf("another address: %v", err)
	}
}
