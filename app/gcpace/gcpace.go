// Package gcpace sets the garbage collector's pace for a small server:
// a floor under the heap goal while the live heap is small, and the
// memory given back to the system once the server goes quiet.
//
// With GOGC=100 the runtime collects whenever the heap reaches twice what
// survived the last collection. The appliance keeps little alive (about
// 10 MB while 200 pupils submit the quiz at once), so under load it
// collected about ten times a second, and the collector and its assists
// took a sixth of the one core that served the requests. Under the floor
// the garbage may grow to Floor bytes before a collection; once twice the
// live heap is more than the floor (a 5,000-player game), the pace is
// GOGC=100's again, so the floor adds at most Floor bytes to the peak.
// A soft memory limit (server.memory_limit_mb, GOMEMLIMIT) still wins: the
// runtime collects at the limit whatever the percent.
//
// Garbage allowed to grow is memory the runtime then keeps. So when a
// whole Tick allocates less than IdleBytes while the runtime holds more
// than Slack beyond what it held after the last give-back, the memory is
// returned (debug.FreeOSMemory): the box idles small again within two
// ticks of a burst of any kind. (Not "beyond the live heap": a collection
// that ran during a burst counts the burst's newest garbage as live until
// the next one, which an idle box does not run for minutes.)
package gcpace

import (
	"context"
	"os"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"time"
)

// Options are the pace's settings.
type Options struct {
	// Floor is the least heap goal, in bytes (0: none).
	Floor uint64
	// Tick is how often the allocation rate is read for idleness.
	Tick time.Duration
	// IdleBytes is the allocation in one Tick under which the box is idle.
	IdleBytes uint64
	// Slack is how much the runtime's heap may grow past what it held
	// after the last give-back before, once idle, it is given back.
	Slack uint64
}

// Defaults are the appliance's: a 64 MiB floor, memory given back within
// 2-4 s of quiet once the heap grew 4 MiB past the last give-back.
var Defaults = Options{Floor: 64 << 20, Tick: 2 * time.Second, IdleBytes: 2 << 20, Slack: 4 << 20}

// basePercent is GOGC's default, the pace above the floor.
const basePercent = 100

// maxPercent bounds the percent when the live heap is tiny.
const maxPercent = 2000

// Pace is the running pace; Stop ends it.
type Pace struct {
	o       Options
	stopped atomic.Bool
	cancel  context.CancelFunc
	done    chan struct{}

	mu      sync.Mutex // the cleanup goroutine and Stop
	percent int
	samples []metrics.Sample

	// Counters for tests.
	Tuned    atomic.Int64 // percent changes
	GaveBack atomic.Int64 // times memory was given back when idle
	Ticks    atomic.Int64 // idle checks made
	Busy     atomic.Int64 // of which found the box allocating
}

// Start sets the pace until Stop. It leaves the percent alone when the
// GOGC variable is set (the operator decided), but still gives memory back
// when idle.
func Start(o Options) *Pace {
	ctx, cancel := context.WithCancel(context.Background())
	p := &Pace{o: o, cancel: cancel, done: make(chan struct{}), percent: basePercent,
		samples: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	if o.Floor > 0 && os.Getenv("GOGC") == "" {
		p.afterGC()
		p.arm()
	}
	go p.idleLoop(ctx)
	return p
}

// Stop restores GOGC=100 (when it was changed) and stops giving back.
func (p *Pace) Stop() {
	if p.stopped.Swap(true) {
		return
	}
	p.cancel()
	<-p.done
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.percent != basePercent {
		debug.SetGCPercent(basePercent)
		p.percent = basePercent
	}
}

// Percent is the GC percent the pace set last.
func (p *Pace) Percent() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.percent
}

// sentinel is collected by every GC cycle; its cleanup runs the pace and
// makes the next one. It holds a pointer so it is not a tiny allocation
// (tiny objects share a block and may outlive a cycle).
type sentinel struct {
	_ *int
	_ [2]uint64
}

func (p *Pace) arm() {
	runtime.AddCleanup(new(sentinel), func(p *Pace) {
		if p.stopped.Load() {
			return
		}
		p.afterGC()
		p.arm()
	}, p)
}

// afterGC sets the percent for the next cycle: the goal is twice the live
// heap, or the floor when that is more.
func (p *Pace) afterGC() {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped.Load() {
		return
	}
	metrics.Read(p.samples)
	live := max(p.samples[0].Value.Uint64(), 1)
	want := PercentFor(live, p.o.Floor)
	// Small moves of the live heap are not worth a change.
	if want == p.percent || (want > basePercent && p.percent > basePercent && absDiff(want, p.percent)*8 < p.percent) {
		return
	}
	debug.SetGCPercent(want)
	p.percent = want
	p.Tuned.Add(1)
}

// PercentFor is the GC percent whose goal is max(2 × live, floor).
func PercentFor(live, floor uint64) int {
	if live == 0 || floor <= 2*live {
		return basePercent
	}
	pct := floor*100/live - 100
	return int(min(pct, maxPercent))
}

func absDiff(a, b int) int {
	if a > b {
		return a - b
	}
	return b - a
}

// idleLoop gives the memory back when a tick allocated under IdleBytes
// and the runtime holds more than Slack beyond what it held after the last
// give-back (the first quiet tick after the start gives back once).
func (p *Pace) idleLoop(ctx context.Context) {
	defer close(p.done)
	if p.o.Tick <= 0 {
		return
	}
	s := []metrics.Sample{{Name: "/gc/heap/allocs:bytes"},
		{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"},
		{Name: "/memory/classes/heap/free:bytes"}}
	t := time.NewTicker(p.o.Tick)
	defer t.Stop()
	metrics.Read(s)
	lastAllocs := s[0].Value.Uint64()
	var afterGiveBack uint64
	held := func() uint64 { return s[1].Value.Uint64() + s[2].Value.Uint64() + s[3].Value.Uint64() }
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		metrics.Read(s)
		allocs := s[0].Value.Uint64()
		busy := allocs-lastAllocs >= p.o.IdleBytes
		lastAllocs = allocs
		p.Ticks.Add(1)
		if busy {
			p.Busy.Add(1)
			continue
		}
		if held() > afterGiveBack+p.o.Slack {
			debug.FreeOSMemory()
			p.GaveBack.Add(1)
			metrics.Read(s)
			lastAllocs = s[0].Value.Uint64()
			afterGiveBack = held()
		}
	}
}
