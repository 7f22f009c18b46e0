package bench

import (
	"fmt"
	"io"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// opStats collects the outcome of one kind of operation in the load tool.
type opStats struct {
	mu        sync.Mutex
	latencies []time.Duration
	errors    map[string]int
	bounded   int // keep at most this many samples (reservoir of the first N)
}

func newOpStats() *opStats { return &opStats{errors: map[string]int{}, bounded: 2_000_000} }

func (o *opStats) ok(d time.Duration) {
	o.mu.Lock()
	if len(o.latencies) < o.bounded {
		o.latencies = append(o.latencies, d)
	}
	o.mu.Unlock()
}

func (o *opStats) fail(kind string) {
	o.mu.Lock()
	o.errors[kind]++
	o.mu.Unlock()
}

// OpReport is one row of the final table (and of --json).
type OpReport struct {
	Name       string         `json:"name"`
	Count      int            `json:"count"`
	Errors     int            `json:"errors"`
	ErrorKinds map[string]int `json:"errorKinds,omitempty"`
	PerSecond  float64        `json:"perSecond"`
	P50ms      float64        `json:"p50ms"`
	P95ms      float64        `json:"p95ms"`
	P99ms      float64        `json:"p99ms"`
	Maxms      float64        `json:"maxms"`
}

func (o *opStats) report(name string, elapsed time.Duration) OpReport {
	o.mu.Lock()
	defer o.mu.Unlock()
	l := slices.Clone(o.latencies)
	slices.Sort(l)
	r := OpReport{Name: name, Count: len(l), ErrorKinds: map[string]int{}}
	for k, v := range o.errors {
		r.Errors += v
		r.ErrorKinds[k] = v
	}
	if elapsed > 0 {
		r.PerSecond = float64(len(l)) / elapsed.Seconds()
	}
	pct := func(p float64) float64 {
		if len(l) == 0 {
			return 0
		}
		i := int(float64(len(l)-1) * p)
		return float64(l[i]) / 1e6
	}
	r.P50ms, r.P95ms, r.P99ms, r.Maxms = pct(.50), pct(.95), pct(.99), pct(1)
	return r
}

// statsSet holds every operation's stats by name.
type statsSet struct {
	mu  sync.Mutex
	ops map[string]*opStats
}

func (s *statsSet) op(name string) *opStats {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.ops == nil {
		s.ops = map[string]*opStats{}
	}
	o := s.ops[name]
	if o == nil {
		o = newOpStats()
		s.ops[name] = o
	}
	return o
}

func (s *statsSet) reports(elapsed time.Duration) []OpReport {
	s.mu.Lock()
	names := make([]string, 0, len(s.ops))
	for n := range s.ops {
		names = append(names, n)
	}
	s.mu.Unlock()
	sort.Strings(names)
	out := make([]OpReport, 0, len(names))
	for _, n := range names {
		out = append(out, s.op(n).report(n, elapsed))
	}
	return out
}

func (s *statsSet) total() (ok, failed int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.ops {
		o.mu.Lock()
		ok += len(o.latencies)
		for _, v := range o.errors {
			failed += v
		}
		o.mu.Unlock()
	}
	return
}

func printTable(w io.Writer, rows []OpReport) {
	fmt.Fprintf(w, "%-48s %9s %7s %10s %9s %9s %9s %9s\n", "operation", "count", "errors", "per sec", "p50 ms", "p95 ms", "p99 ms", "max ms")
	fmt.Fprintln(w, strings.Repeat("-", 118))
	for _, r := range rows {
		fmt.Fprintf(w, "%-48s %9d %7d %10.1f %9.2f %9.2f %9.2f %9.2f\n", r.Name, r.Count, r.Errors, r.PerSecond, r.P50ms, r.P95ms, r.P99ms, r.Maxms)
		for k, v := range r.ErrorKinds {
			fmt.Fprintf(w, "    error %-40s %d\n", k, v)
		}
	}
}
