package students

import (
	"net/netip"
	"time"

	"animalgenius/app/devices"
	"animalgenius/app/failbudget"
)

// PassportGuard budgets wrong passport codes the way OWASP's "device
// cookies" do, so that guessing is slow for an attacker with many
// addresses while no pupil can be locked out by someone else:
//
//   - A pupil's own device (its signed cookie names the pupil who signed
//     in on it last) signs that pupil in with the passport code alone,
//     before any budget is looked at (Service.Login).
//   - For other codes, a known device keeps its own
//     budget, shared by every device of the pupil that signed in on it; its
//     failures count nowhere else. While that budget has room, the device
//     signs in with the passport code alone whatever else is spent.
//   - Any other try counts against its address, the code's prefix and the
//     box. While none of those is spent the passport code alone is enough;
//     once one is, those tries must also give the class code (printed on
//     the passport card): a right pair gets in, the passport alone is not
//     even looked up. No 429 here: nobody is refused.
//   - With a class code, wrong passport codes count against that class;
//     past its budget the class code path of that class answers 429 (known
//     devices still get in). Wrong class codes count against the address
//     like wrong join codes.
//
// The box budget drains slowly (BoxRate an hour), so however an attacker
// paces itself it gets BoxRate guesses an hour after the first
// BoxFailures: README "Passport guessing" has the arithmetic.
type PassportGuard struct {
	addr   *failbudget.Budget[netip.Addr]
	prefix *failbudget.Budget[string]
	box    *failbudget.Leaky[struct{}]
	device *failbudget.Leaky[[16]byte]
	owner  *failbudget.Leaky[int64]
	all    *failbudget.Leaky[struct{}] // every known device's failures together
	class  *failbudget.Leaky[int64]
	now    func() time.Time
	o      PassportGuardOptions
}

// PassportGuardOptions size a PassportGuard.
type PassportGuardOptions struct {
	// AddrFailures and PrefixFailures per Window before unknown devices
	// from that address or with that prefix need the class code.
	AddrFailures   int
	PrefixFailures int
	Window         time.Duration
	// BoxFailures is the box-wide room before every unknown device needs
	// the class code; BoxRate failures an hour drain from it.
	BoxFailures int
	BoxRate     float64
	// DeviceFailures per known device and per pupil's devices, draining
	// DeviceRate an hour; past them the device counts as unknown.
	DeviceFailures int
	DeviceRate     float64
	// AllDevicesFailures is the room for the failures of every known
	// device together, draining AllDevicesRate an hour; past it every
	// device counts as unknown. A device is known by taking the quiz, so
	// whoever has a class code can make pupils, and devices, at will:
	// without this bound each would bring its own DeviceFailures.
	AllDevicesFailures int
	AllDevicesRate     float64
	// ClassFailures wrong passport codes with a class's right code, draining
	// ClassRate an hour; past them that class's code path answers 429.
	ClassFailures int
	ClassRate     float64
	// SlowStep is the added answer time per failure past half a budget,
	// up to SlowMax.
	SlowStep time.Duration
	SlowMax  time.Duration
	MaxAddrs int
}

// DefaultPassportGuardOptions derives the budgets from the per-address one
// (auth.passport_addr_failures) and the box's drain rate
// (auth.passport_box_rate).
func DefaultPassportGuardOptions(addrFailures int, boxRate float64) PassportGuardOptions {
	return PassportGuardOptions{
		AddrFailures: addrFailures, PrefixFailures: 5 * addrFailures, Window: 10 * time.Minute,
		BoxFailures: 10 * addrFailures, BoxRate: boxRate,
		DeviceFailures: 10, DeviceRate: 2,
		AllDevicesFailures: 200, AllDevicesRate: 2,
		ClassFailures: 30, ClassRate: 20,
		SlowStep: 50 * time.Millisecond, SlowMax: time.Second,
		MaxAddrs: 20_000,
	}
}

// NewPassportGuard makes a guard; now is the clock (time.Now when nil).
func NewPassportGuard(o PassportGuardOptions, now func() time.Time) *PassportGuard {
	if now == nil {
		now = time.Now
	}
	soft := failbudget.Options{Window: o.Window, BlockBase: o.Window, BlockMax: o.Window, SlowStep: o.SlowStep, SlowMax: o.SlowMax}
	addr, prefix := soft, soft
	addr.Free, addr.MaxKeys = o.AddrFailures, max(o.MaxAddrs, 1)
	prefix.Free, prefix.MaxKeys = o.PrefixFailures, 64
	return &PassportGuard{
		addr:   failbudget.New[netip.Addr](addr),
		prefix: failbudget.New[string](prefix),
		box:    failbudget.NewLeaky[struct{}](o.BoxFailures, o.BoxRate, 1),
		device: failbudget.NewLeaky[[16]byte](o.DeviceFailures, o.DeviceRate, 50_000),
		owner:  failbudget.NewLeaky[int64](o.DeviceFailures, o.DeviceRate, 50_000),
		all:    failbudget.NewLeaky[struct{}](o.AllDevicesFailures, o.AllDevicesRate, 1),
		class:  failbudget.NewLeaky[int64](o.ClassFailures, o.ClassRate, 10_000),
		now:    now,
		o:      o,
	}
}

// DeviceUsable tells whether d is a pupil's known device with room in its
// budget, its pupil's and all devices'. An adult's device (a teacher's
// sign-up or login) has no passport budget of its own.
func (g *PassportGuard) DeviceUsable(d devices.Device) bool {
	if !d.Known() || d.Kind != devices.KindStudent {
		return false
	}
	now := g.now()
	spent, _ := g.device.Spent(d.ID, now)
	if !spent {
		spent, _ = g.owner.Spent(d.OwnerKey(), now)
	}
	if !spent {
		spent, _ = g.all.Spent(struct{}{}, now)
	}
	return !spent
}

// NeedsClassCode tells whether an unknown device at addr must also give
// the class code: its address, the prefix or the box budget is spent.
func (g *PassportGuard) NeedsClassCode(addr netip.Addr, prefix string) bool {
	now := g.now()
	if g.addr.Wait(addr, now) > 0 || prefix != "" && g.prefix.Wait(prefix, now) > 0 {
		return true
	}
	spent, _ := g.box.Spent(struct{}{}, now)
	return spent
}

// CheckClass refuses the class code path of a class whose budget is spent.
func (g *PassportGuard) CheckClass(classID int64) error {
	if spent, wait := g.class.Spent(classID, g.now()); spent {
		return &TooManyError{RetryAfter: wait}
	}
	return nil
}

// FailDevice counts a known device's failure.
func (g *PassportGuard) FailDevice(d devices.Device) {
	now := g.now()
	g.device.Fail(d.ID, now)
	g.owner.Fail(d.OwnerKey(), now)
	g.all.Fail(struct{}{}, now)
}

// FailUnknown counts an unknown device's failure and returns how long to
// hold its answer.
func (g *PassportGuard) FailUnknown(addr netip.Addr, prefix string) time.Duration {
	now := g.now()
	hold := g.addr.Fail(addr, now)
	if prefix != "" {
		hold = max(hold, g.prefix.Fail(prefix, now))
	}
	g.box.Fail(struct{}{}, now)
	return hold
}

// FailClass counts a wrong passport code given with classID's right code.
func (g *PassportGuard) FailClass(classID int64) { g.class.Fail(classID, g.now()) }

// BoxLevel is the box budget's failures (for tests).
func (g *PassportGuard) BoxLevel() float64 { return g.box.Level(struct{}{}, g.now()) }
