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

var from = accounts.Client{IP: netip.MustParseAddr("127.0.0.1"), UserAgent: "test"}

func TestLoginOutcomes(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)

	acct, tok, err := f.svc.Login(ctx, "  ANA@Hill.School ", goodPassword, from)
	if err != nil || acct.ID != ana.ID || tok == "" || acct.LastLoginAt.IsZero() {
		t.Fatalf("login: %+v %v", acct, err)
	}
	for name, tc := range map[string]struct{ email, password string }{
		"wrong password": {"ana@hill.school", "not the password"},
		"unknown email":  {"ghost@hill.school", goodPassword},
		"huge password":  {"ana@hill.school", strings.Repeat("x", 5000)},
	} {
		if _, _, err := f.svc.Login(ctx, tc.email, tc.password, accounts.Client{IP: netip.AddrFrom4([4]byte{10, 0, 0, name[0]})}); !errors.Is(err, accounts.ErrBadCredentials) {
			t.Errorf("%s: %v, want ErrBadCredentials", name, err)
		}
	}
	for _, tc := range []struct{ email, password, field string }{
		{"", goodPassword, "email"}, {"not-an-email", goodPassword, "email"}, {"ana@hill.school", "", "password"},
	} {
		var fe accounts.FieldErrors
		if _, _, err := f.svc.Login(ctx, tc.email, tc.password, from); !errors.As(err, &fe) || fe[tc.field] == "" {
			t.Errorf("login(%q, %q): %v, want a field error on %s", tc.email, tc.password, err, tc.field)
		}
	}
	// A disabled account says so only to someone who knows the password.
	admin := f.account(t, "root@hill.school", accounts.RoleAdmin)
	if _, err := f.svc.SetDisabled(ctx, accounts.ActorFor(&admin, netip.Addr{}), ana.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", goodPassword, from); !errors.Is(err, accounts.ErrDisabled) {
		t.Errorf("disabled account with the right password: %v", err)
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", "not the password", from); !errors.Is(err, accounts.ErrBadCredentials) {
		t.Errorf("disabled account with a wrong password: %v", err)
	}
}

func TestLoginFailureBudgets(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.account(t, "ana@hill.school", accounts.RoleTeacher)
	// Per account: 5 free failures, then waits that grow, whatever the address.
	for i := 0; i < 5; i++ {
		if _, _, err := f.svc.Login(ctx, "ana@hill.school", "wrong password", accounts.Client{IP: netip.MustParseAddr("10.0.1." + string(rune('1'+i)))}); !errors.Is(err, accounts.ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", "wrong password", accounts.Client{IP: netip.MustParseAddr("10.0.2.1")}); !errors.Is(err, accounts.ErrBadCredentials) {
		t.Fatalf("6th failure: %v", err)
	}
	var tm *accounts.TooManyError
	_, _, err := f.svc.Login(ctx, "ana@hill.school", goodPassword, accounts.Client{IP: netip.MustParseAddr("10.0.3.1")})
	if !errors.As(err, &tm) || tm.RetryAfter <= 0 || tm.RetryAfter > 2*time.Second {
		t.Fatalf("right password during the wait: %v; want TooManyError of up to 2s", err)
	}
	// An unknown email is budgeted the same way, so a 429 reveals nothing.
	for i := 0; i < 6; i++ {
		f.svc.Login(ctx, "ghost@hill.school", "wrong password", accounts.Client{IP: netip.MustParseAddr("10.0.4.1")})
	}
	if _, _, err := f.svc.Login(ctx, "ghost@hill.school", "wrong password", accounts.Client{IP: netip.MustParseAddr("10.0.5.1")}); !errors.As(err, &tm) {
		t.Fatalf("unknown email past its budget: %v", err)
	}
	// Waits grow: after the wait, one more failure doubles it.
	f.clock.Add(2 * time.Second)
	f.svc.Login(ctx, "ana@hill.school", "wrong password", accounts.Client{IP: netip.MustParseAddr("10.0.6.1")})
	_, _, err = f.svc.Login(ctx, "ana@hill.school", goodPassword, accounts.Client{IP: netip.MustParseAddr("10.0.6.1")})
	if !errors.As(err, &tm) || tm.RetryAfter <= 2*time.Second || tm.RetryAfter > 4*time.Second {
		t.Fatalf("second wait: %v; want 2-4s", err)
	}
	// After the wait the right password works and clears the account's count.
	f.clock.Add(4 * time.Second)
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", goodPassword, accounts.Client{IP: netip.MustParseAddr("10.0.7.1")}); err != nil {
		t.Fatalf("after waiting: %v", err)
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", "wrong password", accounts.Client{IP: netip.MustParseAddr("10.0.7.1")}); !errors.Is(err, accounts.ErrBadCredentials) {
		t.Fatalf("a success resets the account budget: %v", err)
	}
}

func TestLoginAddressBudget(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.account(t, "ana@hill.school", accounts.RoleTeacher)
	ip := accounts.Client{IP: netip.MustParseAddr("192.0.2.9")}
	// 30 different emails from one address: all free; the 31st failure starts the wait.
	for i := 0; i < 31; i++ {
		email := "guess" + string(rune('a'+i%26)) + string(rune('a'+i/26)) + "@hill.school"
		if _, _, err := f.svc.Login(ctx, email, "wrong password", ip); !errors.Is(err, accounts.ErrBadCredentials) {
			t.Fatalf("failure %d: %v", i+1, err)
		}
	}
	var tm *accounts.TooManyError
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", goodPassword, ip); !errors.As(err, &tm) {
		t.Fatalf("address past its budget: %v", err)
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", goodPassword, accounts.Client{IP: netip.MustParseAddr("192.0.2.10")}); err != nil {
		t.Fatalf("another address is not affected: %v", err)
	}
}

func TestChangePasswordEndsEverySessionAndStartsOne(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	here, there := f.login(t, "ana@hill.school"), f.login(t, "ana@hill.school")
	for _, tok := range []string{here, there} { // both cached
		if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); err != nil {
			t.Fatal(err)
		}
	}
	var revoked int
	f.svc.OnRevoke = func(kind string, id int64) {
		if kind == accounts.KindAccount && id == ana.ID {
			revoked++
		}
	}
	var fe accounts.FieldErrors
	if _, err := f.svc.ChangePassword(ctx, &ana, "wrong current", "a brand new sentence", from); !errors.As(err, &fe) || fe["currentPassword"] == "" {
		t.Fatalf("wrong current password: %v", err)
	}
	if _, err := f.svc.ChangePassword(ctx, &ana, goodPassword, "password123", from); !errors.As(err, &fe) || fe["newPassword"] == "" {
		t.Fatalf("common new password: %v", err)
	}
	if _, err := f.svc.ChangePassword(ctx, &ana, goodPassword, goodPassword, from); !errors.As(err, &fe) || fe["newPassword"] == "" {
		t.Fatalf("same password: %v", err)
	}
	fresh, err := f.svc.ChangePassword(ctx, &ana, goodPassword, "a brand new sentence", from)
	if err != nil {
		t.Fatal(err)
	}
	for _, tok := range []string{here, there} {
		if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("old session works after the password change: %v", err)
		}
	}
	if _, err := f.svc.Authenticate(ctx, fresh, accounts.KindAccount); err != nil {
		t.Errorf("fresh session: %v", err)
	}
	if revoked != 1 || f.sessionCount(t) != 1 {
		t.Errorf("OnRevoke %d times, %d sessions left; want 1 and 1", revoked, f.sessionCount(t))
	}
	if _, _, err := f.svc.Login(ctx, "ana@hill.school", "a brand new sentence", from); err != nil {
		t.Errorf("login with the new password: %v", err)
	}
}

func TestLogoutAndLogoutEverywhere(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	a, b, c := f.login(t, "ana@hill.school"), f.login(t, "ana@hill.school"), f.login(t, "ana@hill.school")
	var keys []string
	f.svc.OnRevokeSession = func(kind string, id int64, key string) { keys = append(keys, key) }
	sa, _ := f.svc.Authenticate(ctx, a, accounts.KindAccount)
	if err := f.svc.Logout(ctx, a, accounts.ActorFor(&ana, netip.Addr{})); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(ctx, a, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatal("logged-out session still works")
	}
	if len(keys) != 1 || keys[0] != sa.Key {
		t.Fatalf("OnRevokeSession keys %v, want [%s]", keys, sa.Key)
	}
	if _, err := f.svc.Authenticate(ctx, b, accounts.KindAccount); err != nil {
		t.Fatal("logout ended another session")
	}
	list, err := f.svc.Sessions(ctx, &ana, "")
	if err != nil || len(list) != 2 {
		t.Fatalf("sessions %v %v", list, err)
	}
	n, err := f.svc.LogoutEverywhere(ctx, &ana, accounts.ActorFor(&ana, netip.Addr{}))
	if err != nil || n != 2 {
		t.Fatalf("logout everywhere: %d %v", n, err)
	}
	for _, tok := range []string{b, c} {
		if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
			t.Error("session survived log out everywhere")
		}
	}
	// Logging out twice, or with garbage, is harmless.
	if err := f.svc.Logout(ctx, a, accounts.Actor{}); err != nil {
		t.Error(err)
	}
	if err := f.svc.Logout(ctx, "garbage", accounts.Actor{}); err != nil {
		t.Error(err)
	}
}

func TestProfileUpdateShowsOnTheNextRequest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	tok := f.login(t, "ana@hill.school")
	f.svc.Authenticate(ctx, tok, accounts.KindAccount) // cache it
	if _, err := f.svc.UpdateProfile(ctx, &ana, "  Ana   Ruiz ", "North School", from); err != nil {
		t.Fatal(err)
	}
	sess, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount)
	if err != nil || sess.Account.DisplayName != "Ana Ruiz" || sess.Account.School != "North School" {
		t.Fatalf("after update: %+v %v", sess.Account, err)
	}
	var fe accounts.FieldErrors
	for _, bad := range []string{"", "   ", strings.Repeat("n", 81), "tab\there", "\xffbad"} {
		if _, err := f.svc.UpdateProfile(ctx, &ana, bad, "", from); !errors.As(err, &fe) || fe["displayName"] == "" {
			t.Errorf("name %q: %v", bad, err)
		}
	}
	if _, err := f.svc.UpdateProfile(ctx, &ana, "Ana", strings.Repeat("s", 121), from); !errors.As(err, &fe) || fe["school"] == "" {
		t.Errorf("long school: %v", err)
	}
}

// An unknown email, an account without a password and a wrong password
// all cost exactly one argon2id computation, like a right password, so the
// answer's timing tells nothing about which emails exist.
func TestEveryLoginCostsOneHash(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	admin := f.account(t, "root@hill.school", accounts.RoleAdmin)
	f.account(t, "ana@hill.school", accounts.RoleTeacher)
	if _, _, err := f.svc.CreateAccount(ctx, accounts.ActorFor(&admin, netip.Addr{}), "nopw@hill.school", "No", "", accounts.RoleTeacher, ""); err != nil {
		t.Fatal(err)
	}
	for i, tc := range []struct {
		email, password string
		ok              bool
	}{
		{"ana@hill.school", goodPassword, true},
		{"ana@hill.school", "wrong but long enough", false},
		{"ghost@hill.school", "wrong but long enough", false},
		{"nopw@hill.school", "wrong but long enough", false},
	} {
		before := f.svc.HashesVerified()
		_, _, err := f.svc.Login(ctx, tc.email, tc.password, accounts.Client{IP: netip.MustParseAddr("10.9.9." + string(rune('1'+i)))})
		if (err == nil) != tc.ok || !tc.ok && !errors.Is(err, accounts.ErrBadCredentials) {
			t.Fatalf("%s: %v", tc.email, err)
		}
		if n := f.svc.HashesVerified() - before; n != 1 {
			t.Errorf("%s: %d hashes, want 1", tc.email, n)
		}
	}
}
