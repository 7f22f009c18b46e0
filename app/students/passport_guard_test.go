package students

import (
	"testing"
	"time"

	"animalgenius/app/devices"
)

// Only a pupil's device has a passport budget of its own: an adult's
// device (any teacher, or anyone in open sign-up) counts as unknown.
func TestAdultDevicesHaveNoPassportBudget(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	g := NewPassportGuard(DefaultPassportGuardOptions(200, 6), clk.now)
	teacher := devices.Device{ID: [16]byte{1}, Kind: devices.KindAccount, Owner: 7}
	pupil := devices.Device{ID: [16]byte{2}, Kind: devices.KindStudent, Owner: 7}
	if g.DeviceUsable(teacher) || g.DeviceUsable(devices.Device{}) {
		t.Fatal("a teacher's device or no device has a passport budget")
	}
	if !g.DeviceUsable(pupil) {
		t.Fatal("a pupil's device has no passport budget")
	}
}

// Known devices are made by taking the quiz, which anyone with a class
// code can do as often as the class has seats: the failures of all known
// devices together are bounded, and past that bound every device counts
// as unknown (the address, box and class-code rules apply).
func TestAllDevicesShareOneBound(t *testing.T) {
	clk := &fakeClock{t: time.Date(2026, 12, 3, 9, 0, 0, 0, time.UTC)}
	o := DefaultPassportGuardOptions(200, 6)
	g := NewPassportGuard(o, clk.now)
	fails := 0
	for pupil := int64(1); pupil <= int64(o.AllDevicesFailures); pupil++ {
		d := devices.Device{ID: [16]byte{byte(pupil), byte(pupil >> 8)}, Kind: devices.KindStudent, Owner: pupil}
		for g.DeviceUsable(d) && fails < 10*o.AllDevicesFailures {
			g.FailDevice(d)
			fails++
		}
	}
	if fails > o.AllDevicesFailures+1 {
		t.Fatalf("%d failures from fresh pupils' devices, want at most %d", fails, o.AllDevicesFailures+1)
	}
	fresh := devices.Device{ID: [16]byte{0xfe}, Kind: devices.KindStudent, Owner: 99_999}
	if g.DeviceUsable(fresh) {
		t.Fatal("a fresh pupil's device still skips the address and box budgets after the bound")
	}
	// The bound drains: an hour later a device has room again.
	clk.add(time.Hour)
	if !g.DeviceUsable(fresh) {
		t.Fatal("the bound never drains")
	}
}
