package bench

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// The writes sweep (issue 19's write goals): quiz submissions, then
// purchases, each in a closed loop at every level of --levels clients for
// --level-time: each client sends its next request the moment the last is
// answered. Per level it reports requests/s, p50/p99, errors, and from the
// server's /metrics how many writes each commit carried; the bare commit
// loop runs on the server's CPUs before and after the sweep, and every
// level is a ratio to the mean of the two.
//
// What is measured is the real path and nothing else:
//   - a submission is a fresh pupil each time (a class holds at most
//     classes.MaxStudents, so the sweep makes classes ahead of each level
//     for more than it can submit); the server needs nothing before the
//     submit (the name check only records a pending join, which the submit
//     ends if there is one), so only the submit is sent;
//   - a purchase succeeds: every (student, item) pair is bought once, by a
//     pupil the submissions created, whose class was given the coins for
//     every item of the store. Items can only be added by an admin, which
//     a bench driving --url cannot be, so the sweep uses many students
//     and the store's own items instead of many items; the pairs go round
//     the students of one class before the next item, so the clients of a
//     level buy for different students at once.
//
// The client is cheap: one keep-alive connection per client (MaxIdleConnsPerHost
// covers the largest level), bodies built by appending bytes to prepared
// parts, no JSON encoding or decoding while a level runs.

// DefaultLevels and DefaultLevelTime are the sweep's defaults: the
// client counts and the time of issue 19's goals.
var (
	DefaultLevels    = []int{1, 8, 64, 200}
	DefaultLevelTime = 4 * time.Second
)

// writesFloorRate is the rate (requests/s) the sweep prepares for at
// least, before a level has shown a faster one: three times the fastest
// level so far, or this.
const writesFloorRate = 10_000

// refWritesOp names the reference of the sweep's ratios.
const refWritesOp = "bare commit loop, mean of before and after"

// writesRise is how far below the best lower level a level may be and
// still count as "not falling" (identical runs differ by a few percent).
const writesRise = 0.95

// checkLevels validates --levels and --level-time.
func checkLevels(o Options) error {
	if len(o.Levels) == 0 || len(o.Levels) > 16 {
		return fmt.Errorf("--levels takes 1 to 16 client counts, e.g. 1,8,64,200")
	}
	for i, n := range o.Levels {
		if n < 1 || n > 5000 || (i > 0 && n <= o.Levels[i-1]) {
			return fmt.Errorf("--levels must rise, each from 1 to 5000 clients: %v", o.Levels)
		}
	}
	if o.LevelTime < 100*time.Millisecond || o.LevelTime > time.Minute {
		return fmt.Errorf("--level-time must be between 100ms and 1m")
	}
	return nil
}

// writesTimeout bounds the whole sweep: two operations at every level, the
// setup between levels and the two reference loops.
func writesTimeout(o Options) time.Duration {
	return time.Duration(2*len(o.Levels))*(o.LevelTime+30*time.Second) + 5*time.Minute
}

// writesSweep holds what the sweep set up and how far it got.
type writesSweep struct {
	e       *benchEnv
	client  *http.Client
	run     string
	teacher string // the teacher's session cookie
	answers [][]byte

	classes []benchClass
	slots   atomic.Int64 // next submission seat: class slot/MaxStudents, seat slot%MaxStudents
	// sessions[slot] is the pupil's student session once its submit was answered.
	sessions []string

	items  []writesItem
	gens   []purchaseGen
	pairs  atomic.Int64 // next (student, item) pair to buy
	fresh  int          // next class whose pupils are not buyers yet (given coins, made a generation)
	perKid int          // coins one pupil needs for every item
}

type writesItem struct {
	id    int64
	price int
	body  []byte // {"itemId":N}
}

// purchaseGen is one class's students: pairs start..start+len(cookies)*items.
type purchaseGen struct {
	start   int64
	cookies []string // "ag_csrf=...; ag_student=..." of each student
}

func benchWrites(ctx context.Context, e *benchEnv) error {
	w := &writesSweep{e: e, run: fmt.Sprintf("%x", time.Now().UnixNano())}
	maxLevel := slices.Max(e.opts.Levels)
	w.client = &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{
		MaxIdleConnsPerHost: max(256, maxLevel+16), IdleConnTimeout: 90 * time.Second, DisableCompression: true}}
	defer w.client.CloseIdleConnections()
	for _, a := range benchQuizAnswers() {
		w.answers = append(w.answers, []byte(a))
	}
	rep := &WritesReport{Levels: e.opts.Levels, LevelSeconds: e.opts.LevelTime.Seconds()}
	e.writes = rep

	e.setPhase("writes: setup")
	if err := w.signUp(ctx); err != nil {
		return err
	}
	e.setPhase("writes: reference before")
	before, err := commitLoopOn(ctx, e.cpus)
	if err != nil {
		return fmt.Errorf("bare commit loop: %w", err)
	}
	rep.References = append(rep.References, before)

	submit := WritesOp{Name: "POST /api/v1/join/:code/submit", About: "quiz submissions, a fresh pupil each", short: "submit"}
	for _, n := range e.opts.Levels {
		e.setPhase(fmt.Sprintf("writes: submit, %d clients", n))
		if err := w.prepareSeats(ctx, w.need(submit, n)); err != nil {
			return err
		}
		lv, err := w.level(ctx, n, w.nextSubmit, http.StatusCreated, w.saveSession)
		if err != nil {
			return err
		}
		submit.Levels = append(submit.Levels, lv)
	}

	purchase := WritesOp{Name: "POST /api/v1/student/store/purchases", About: "purchases that succeed, each a pair of student and item bought once",
		short: "purchase"}
	for _, n := range e.opts.Levels {
		e.setPhase(fmt.Sprintf("writes: purchase, %d clients", n))
		if err := w.preparePairs(ctx, w.need(purchase, n)); err != nil {
			return err
		}
		lv, err := w.level(ctx, n, w.nextPurchase, http.StatusCreated, nil)
		if err != nil {
			return err
		}
		purchase.Levels = append(purchase.Levels, lv)
	}

	e.setPhase("writes: reference after")
	after, err := commitLoopOn(ctx, e.cpus)
	if err != nil {
		return fmt.Errorf("bare commit loop: %w", err)
	}
	rep.References = append(rep.References, after)
	rep.RefPerSecond = (before.PerSecond + after.PerSecond) / 2
	for _, op := range []*WritesOp{&submit, &purchase} {
		op.judge(rep.RefPerSecond)
		for _, lv := range op.Levels {
			e.ratio(RatioReport{Name: fmt.Sprintf("writes: %s, %d clients", op.short, lv.Clients), Value: lv.PerSecond, Unit: "req/s",
				Reference: refWritesOp, RefValue: rep.RefPerSecond})
		}
	}
	rep.Operations = []WritesOp{submit, purchase}
	return nil
}

// need is how many requests the next level of op must find prepared: three
// times the fastest level so far (at least writesFloorRate) for the level's
// time, plus one in flight per client.
func (w *writesSweep) need(op WritesOp, clients int) int64 {
	rate := float64(writesFloorRate)
	for _, lv := range op.Levels {
		rate = max(rate, 3*lv.PerSecond)
	}
	return int64(rate*w.e.opts.LevelTime.Seconds()) + int64(clients)
}

// level runs clients closed loops for --level-time: each takes the next
// prepared request from next and sends it when the last was answered.
// Counters of the server's commits are read before and after.
func (w *writesSweep) level(ctx context.Context, clients int, next func(context.Context) (*http.Request, int64, bool),
	want int, answered func(k int64, resp *http.Response)) (WritesLevel, error) {
	// Every client opens its connection before the clock starts.
	var ready sync.WaitGroup
	for range clients {
		ready.Add(1)
		go func() {
			defer ready.Done()
			req, _ := http.NewRequestWithContext(ctx, http.MethodGet, w.e.base+"/healthz", nil)
			if resp, err := w.client.Do(req); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}()
	}
	ready.Wait()
	c0, cerr := w.counters(ctx)
	load0, server0 := selfCPU(), w.serverTicks()

	lats := make([][]time.Duration, clients)
	fails := make([]map[string]int, clients)
	var wg sync.WaitGroup
	start := time.Now()
	deadline := start.Add(w.e.opts.LevelTime)
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			mine := make([]time.Duration, 0, 1024)
			failed := map[string]int{}
			defer func() { lats[c], fails[c] = mine, failed }()
			for ctx.Err() == nil && time.Now().Before(deadline) {
				if !w.e.allow() {
					return
				}
				req, k, ok := next(ctx)
				if !ok {
					failed["bench: ran out of prepared requests"]++
					return
				}
				t := time.Now()
				resp, err := w.client.Do(req)
				if err != nil {
					if ctx.Err() == nil {
						failed["transport: "+shortErr(err)]++
					}
					continue
				}
				if resp.StatusCode != want {
					body, _ := io.ReadAll(io.LimitReader(resp.Body, 4<<10))
					resp.Body.Close()
					failed[fmt.Sprintf("status %d %s", resp.StatusCode, errorCode(body))]++
					continue
				}
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				took := time.Since(t)
				if err != nil {
					failed["read: "+shortErr(err)]++
					continue
				}
				mine = append(mine, took)
				if answered != nil {
					answered(k, resp)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	load1, server1 := selfCPU(), w.serverTicks()
	c1, cerr1 := w.counters(ctx)
	if err := ctx.Err(); err != nil {
		return WritesLevel{}, fmt.Errorf("the writes sweep ran out of time at %d clients: %w", clients, err)
	}

	var all []time.Duration
	lv := WritesLevel{Clients: clients, Seconds: elapsed.Seconds(), ErrorKinds: map[string]int{},
		LoadCPU: 100 * (load1 - load0).Seconds() / elapsed.Seconds()}
	if server0 >= 0 {
		lv.ServerCPU = float64(server1-server0) / elapsed.Seconds() // ticks are 1/100 s
	}
	for c := range clients {
		all = append(all, lats[c]...)
		for k, v := range fails[c] {
			lv.Errors += v
			lv.ErrorKinds[k] += v
		}
	}
	slices.Sort(all)
	lv.Count = len(all)
	lv.PerSecond = float64(lv.Count) / elapsed.Seconds()
	if len(all) > 0 {
		lv.P50ms = float64(all[(len(all)-1)/2]) / 1e6
		lv.P99ms = float64(all[int(float64(len(all)-1)*0.99)]) / 1e6
	}
	if cerr == nil && cerr1 == nil {
		lv.Commits = int64(c1.commits - c0.commits)
		lv.Groups = int64(c1.groups - c0.groups)
		lv.GroupedWrites = int64(c1.grouped - c0.grouped)
		if lv.Groups > 0 {
			lv.WritesPerGroup = float64(lv.GroupedWrites) / float64(lv.Groups)
		}
		if lv.Commits > 0 {
			lv.RequestsPerCommit = float64(lv.Count) / float64(lv.Commits)
		}
	} else {
		lv.CountersMissing = errors.Join(cerr, cerr1).Error()
	}
	return lv, nil
}

// selfCPU is the CPU time this process (the load) has used.
func selfCPU() time.Duration {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// serverTicks is the CPU time of the server bench started, in clock
// ticks (-1 when driving --url).
func (w *writesSweep) serverTicks() int64 {
	if w.e.server == nil {
		return -1
	}
	return w.e.server.cpuTicks()
}

// errorCode is the "error" field of an error answer, found without
// decoding (for the error kinds of the report).
func errorCode(body []byte) string {
	_, rest, ok := bytes.Cut(body, []byte(`"error":"`))
	if !ok {
		return ""
	}
	code, _, _ := bytes.Cut(rest, []byte(`"`))
	if len(code) > 40 {
		code = code[:40]
	}
	return string(code)
}

// dbCounters are the server's commit counters from /metrics.
type dbCounters struct{ commits, groups, grouped float64 }

// counters reads the server's commit counters (served to loopback).
func (w *writesSweep) counters(ctx context.Context) (dbCounters, error) {
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, w.e.base+"/metrics", nil)
	resp, err := w.client.Do(req)
	if err != nil {
		return dbCounters{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(io.LimitReader(resp.Body, 8<<20))
	if err != nil || resp.StatusCode != http.StatusOK {
		return dbCounters{}, fmt.Errorf("GET /metrics: status %d %v", resp.StatusCode, err)
	}
	var c dbCounters
	found := 0
	for line := range strings.SplitSeq(string(raw), "\n") {
		name, val, ok := strings.Cut(line, " ")
		if !ok {
			continue
		}
		var into *float64
		switch name {
		case "animalgenius_db_commits_total":
			into = &c.commits
		case "animalgenius_db_write_groups_total":
			into = &c.groups
		case "animalgenius_db_grouped_writes_total":
			into = &c.grouped
		default:
			continue
		}
		if *into, err = strconv.ParseFloat(strings.TrimSpace(val), 64); err == nil {
			found++
		}
	}
	if found != 3 {
		return c, errors.New("GET /metrics: the db commit counters are missing (a server older than issue 19)")
	}
	return c, nil
}
