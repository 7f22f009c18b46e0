package accounts

import (
	"animalgenius/app/devices"
	"fmt"
	"net/netip"
	"time"

	"animalgenius/app/failbudget"
)

// TooManyError refuses an attempt until RetryAfter has passed.
type TooManyError struct{ RetryAfter time.Duration }

func (e *TooManyError) Error() string {
	return fmt.Sprintf("accounts: too many failed attempts, retry after %s", e.RetryAfter)
}

// loginBudget holds the per-account (by email, known or not, so it
// reveals nothing) and per-address failure budgets.
type loginBudget struct {
	byEmail  *failbudget.Budget[string]
	byAddr   *failbudget.Budget[netip.Addr]
	byDevice *failbudget.Budget[[16]byte]
	now      func() time.Time
}

func newLoginBudget(now func() time.Time) *loginBudget {
	return &loginBudget{
		// An account: 5 free tries in 15 minutes, then 2 s, 4 s, ... up to 15 minutes between tries.
		byEmail: failbudget.New[string](failbudget.Options{MaxKeys: 20_000, Free: 5, Window: 15 * time.Minute, BlockBase: 2 * time.Second, BlockMax: 15 * time.Minute}),
		// An address: 30 free tries (a school shares one address), then the same growth.
		byAddr: failbudget.New[netip.Addr](failbudget.Options{MaxKeys: 20_000, Free: 30, Window: 15 * time.Minute, BlockBase: 2 * time.Second, BlockMax: 15 * time.Minute}),
		// A known device: 5 free tries, then the same growth; once spent it
		// counts as unknown (the account's budget applies again).
		byDevice: failbudget.New[[16]byte](failbudget.Options{MaxKeys: 20_000, Free: 5, Window: 15 * time.Minute, BlockBase: 2 * time.Second, BlockMax: 15 * time.Minute}),
		now:      now,
	}
}

// check refuses with TooManyError while either budget is spent.
func (l *loginBudget) check(email string, ip netip.Addr) error {
	now := l.now()
	w := max(l.byEmail.Wait(email, now), l.byAddr.Wait(ip, now))
	if w > 0 {
		return &TooManyError{RetryAfter: w}
	}
	return nil
}

func (l *loginBudget) failed(email string, ip netip.Addr) {
	now := l.now()
	if email != "" {
		l.byEmail.Fail(email, now)
	}
	l.byAddr.Fail(ip, now)
}

// deviceSpent tells whether a known device has used up its own budget.
func (l *loginBudget) deviceSpent(d devices.Device) bool {
	return l.byDevice.Wait(d.ID, l.now()) > 0
}

// failedFrom counts a failed login against the known device d, or, for an
// unknown device (zero d), against the account and the address.
func (l *loginBudget) failedFrom(d devices.Device, email string, ip netip.Addr) {
	if d.Known() {
		l.byDevice.Fail(d.ID, l.now())
		return
	}
	l.failed(email, ip)
}

func (l *loginBudget) succeeded(email string) { l.byEmail.Forget(email) }
