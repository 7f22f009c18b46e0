package gcpace

import (
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"testing"
	"time"
)

func TestPercentFor(t *testing.T) {
	const mib = 1 << 20
	for _, c := range []struct {
		live, floor uint64
		want        int
	}{
		{8 * mib, 64 * mib, 700}, // goal 64 MiB
		{16 * mib, 64 * mib, 300},
		{32 * mib, 64 * mib, 100}, // twice the live heap is the floor
		{100 * mib, 64 * mib, 100},
		{1024, 64 * mib, maxPercent},
		{8 * mib, 0, 100},
		{0, 64 * mib, 100},
	} {
		if got := PercentFor(c.live, c.floor); got != c.want {
			t.Errorf("PercentFor(%d, %d) = %d, want %d", c.live, c.floor, got, c.want)
		}
	}
}

var sink []byte

// churn allocates n bytes of garbage in 32 KiB pieces, with a small live set.
func churn(n int) {
	for i := 0; i < n/(32<<10); i++ {
		sink = make([]byte, 32<<10)
	}
}

func cycles() uint64 {
	s := []metrics.Sample{{Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func heapGoal() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/goal:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// With a small live heap the goal is the floor; a live heap over half the
// floor brings GOGC=100's pace back, through the hook every collection
// runs; Stop gives GOGC=100 back. (Counting collections of a burst of
// garbage shows the effect too, but the count depends on how much CPU the
// collector gets: on a loaded box a cycle spans most of a burst.)
func TestFloorSetsTheHeapGoal(t *testing.T) {
	t.Setenv("GOGC", "")
	prev := debug.SetGCPercent(100)
	defer debug.SetGCPercent(prev)
	runtime.GC()
	if g := heapGoal(); g >= 32<<20 {
		t.Fatalf("heap goal %d MiB at GOGC=100 before the pace: the test needs a small live heap", g>>20)
	}

	const floor = 64 << 20
	p := Start(Options{Floor: floor})
	defer p.Stop()
	if pct, g := p.Percent(), heapGoal(); pct <= 100 || g < floor*15/16 {
		t.Fatalf("under the floor: percent %d, heap goal %d MiB, want over 100 and about %d MiB", pct, g>>20, floor>>20)
	}
	c0 := cycles()
	churn(128 << 20)
	t.Logf("128 MiB of garbage under the floor: %d collections (percent %d)", cycles()-c0, p.Percent())

	// A live heap of 48 MiB: twice that is over the floor.
	live := make([][]byte, 48)
	for i := range live {
		live[i] = make([]byte, 1<<20)
	}
	runtime.GC()
	deadline := time.Now().Add(5 * time.Second)
	for p.Percent() != 100 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		runtime.GC() // the hook armed during a cycle runs after the next one
	}
	if pct := p.Percent(); pct != 100 {
		t.Fatalf("with 48 MiB alive the percent is %d, want 100", pct)
	}
	runtime.KeepAlive(live)
	live = nil
	runtime.GC()
	deadline = time.Now().Add(5 * time.Second)
	for p.Percent() <= 100 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
		runtime.GC()
	}
	if pct := p.Percent(); pct <= 100 {
		t.Fatalf("with the 48 MiB gone the percent is %d, want the floor back (over 100)", pct)
	}
	p.Stop()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after Stop the percent is %d, want 100", got)
	}
}

// GOGC set by the operator is left alone.
func TestGOGCVariableWins(t *testing.T) {
	t.Setenv("GOGC", "100")
	p := Start(Options{Floor: 64 << 20})
	churn(64 << 20)
	defer p.Stop()
	if p.Percent() != 100 || p.Tuned.Load() != 0 {
		t.Fatalf("percent %d, %d changes with GOGC set", p.Percent(), p.Tuned.Load())
	}
}

func heldAndReleased() (held, released uint64) {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}, {Name: "/memory/classes/heap/released:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64() + s[1].Value.Uint64() + s[2].Value.Uint64(), s[3].Value.Uint64()
}

// After a burst, a quiet tick gives the memory back, once.
func TestIdleGivesMemoryBackOnce(t *testing.T) {
	t.Setenv("GOGC", "")
	const tick = 50 * time.Millisecond
	p := Start(Options{Floor: 64 << 20, Tick: tick, IdleBytes: 1 << 20, Slack: 4 << 20})
	defer p.Stop()
	churn(48 << 20) // under the floor: garbage the runtime holds
	heldBefore, _ := heldAndReleased()
	deadline := time.Now().Add(15 * time.Second)
	for p.GaveBack.Load() == 0 && time.Now().Before(deadline) {
		time.Sleep(tick / 2)
	}
	if p.GaveBack.Load() == 0 {
		held, _ := heldAndReleased()
		t.Fatalf("nothing given back within 15 s of quiet: held %d MiB after the burst, %d MiB now; %d checks, %d found allocation",
			heldBefore>>20, held>>20, p.Ticks.Load(), p.Busy.Load())
	}
	held, released := heldAndReleased()
	t.Logf("held %d MiB after the burst, %d MiB once given back (%d MiB released)", heldBefore>>20, held>>20, released>>20)
	if held+16<<20 > heldBefore {
		t.Fatalf("held %d MiB after giving back, %d MiB before", held>>20, heldBefore>>20)
	}
	// Still quiet: nothing more to give back.
	time.Sleep(6 * tick)
	if n := p.GaveBack.Load(); n != 1 {
		t.Fatalf("given back %d times in a quiet spell", n)
	}
	// A new burst, then quiet again: given back again.
	churn(48 << 20)
	deadline = time.Now().Add(15 * time.Second)
	for p.GaveBack.Load() == 1 && time.Now().Before(deadline) {
		time.Sleep(tick / 2)
	}
	if n := p.GaveBack.Load(); n != 2 {
		t.Fatalf("given back %d times after a second burst, want 2", n)
	}
}
