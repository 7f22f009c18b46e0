package game_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sort"
	"sync"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// fakeClock is moved by hand; due timers fire during Advance.
type fakeClock struct {
	mu     sync.Mutex
	now    time.Time
	timers []*fakeTimer
}

type fakeTimer struct {
	at      time.Time
	f       func()
	stopped bool
}

func newFakeClock() *fakeClock { return &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)} }

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) AfterFunc(d time.Duration, f func()) func() bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	t := &fakeTimer{at: c.now.Add(d), f: f}
	c.timers = append(c.timers, t)
	return func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		was := !t.stopped
		t.stopped = true
		return was
	}
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	var due []*fakeTimer
	keep := c.timers[:0]
	for _, t := range c.timers {
		switch {
		case t.stopped:
		case !t.at.After(c.now):
			t.stopped = true
			due = append(due, t)
		default:
			keep = append(keep, t)
		}
	}
	c.timers = keep
	c.mu.Unlock()
	sort.Slice(due, func(i, j int) bool { return due[i].at.Before(due[j].at) })
	for _, t := range due {
		t.f()
	}
}

// recorder is the Outbox of the tests: it keeps every message as JSON.
type recorder struct {
	mu      sync.Mutex
	all     []map[string]any
	host    []map[string]any
	players map[int][]map[string]any
	dropped map[int]string
	over    bool
}

func newRecorder() *recorder {
	return &recorder{players: map[int][]map[string]any{}, dropped: map[int]string{}}
}

func asMap(msg any) map[string]any {
	b, err := json.Marshal(msg)
	if err != nil {
		panic(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		panic(err)
	}
	return m
}

func (r *recorder) ToAll(_ int64, msg any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, asMap(msg))
}
func (r *recorder) ToHost(_ int64, msg any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.host = append(r.host, asMap(msg))
}
func (r *recorder) ToPlayer(_ int64, p int, msg any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.players[p] = append(r.players[p], asMap(msg))
}

// Reveal keeps the reveal as the host gets it in all, and as each player
// gets it (with "you") in that player's list.
func (r *recorder) Reveal(_ int64, msg *game.MsgReveal, you []game.MsgYou) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.all = append(r.all, asMap(msg))
	for _, y := range you {
		m := asMap(msg)
		m["you"] = asMap(y)
		r.players[y.Player] = append(r.players[y.Player], m)
	}
}
func (r *recorder) DropPlayer(_ int64, p int, why *game.Error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dropped[p] = why.Code
}
func (r *recorder) Over(int64) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.over = true
}

// last returns the last message of type typ in list (nil when none).
func last(list []map[string]any, typ string) map[string]any {
	for i := len(list) - 1; i >= 0; i-- {
		if list[i]["type"] == typ {
			return list[i]
		}
	}
	return nil
}

func (r *recorder) lastAll(typ string) map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return last(r.all, typ)
}

func (r *recorder) lastPlayer(p int, typ string) map[string]any {
	r.mu.Lock()
	defer r.mu.Unlock()
	return last(r.players[p], typ)
}

func (r *recorder) countAll(typ string) int {
	r.mu.Lock()
	defer r.mu.Unlock()
	n := 0
	for _, m := range r.all {
		if m["type"] == typ {
			n++
		}
	}
	return n
}

// waitUntil polls cond (bounded) for what the game's goroutine does on a timer.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 1000; i++ {
		if cond() {
			return
		}
		time.Sleep(2 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

type fixture struct {
	store *sqlitestore.Store
	clock *fakeClock
	out   *recorder
	mgr   *game.Manager
}

func newFixture(t *testing.T, opt game.Options) *fixture {
	t.Helper()
	f := &fixture{store: storetest.New(t), clock: newFakeClock(), out: newRecorder()}
	opt.Store, opt.Outbox, opt.Clock = f.store, f.out, f.clock
	if opt.FlushEvery == 0 {
		opt.FlushEvery = time.Millisecond
	}
	// Hosts are real teacher accounts (ids 1 to 7; host is 7).
	for i := 1; i <= 7; i++ {
		a, err := f.store.CreateAccount(context.Background(), accounts.NewAccount{Email: fmt.Sprintf("t%d@school.test", i),
			DisplayName: "Teacher", Role: "teacher", CreatedAt: f.clock.Now()}, accounts.Audit{At: f.clock.Now(), Action: "test"})
		if err != nil || a.ID != int64(i) {
			t.Fatalf("create account %d: %v %v", i, a.ID, err)
		}
	}
	f.mgr = game.NewManager(opt)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		f.mgr.Shutdown(ctx)
	})
	return f
}

// testSet has questions of 20 s with the right answer at option 1.
func testSet(n int) game.Set {
	s := game.Set{Title: "Test set"}
	for i := range n {
		s.Questions = append(s.Questions, game.Question{Text: fmt.Sprintf("Question %d?", i+1),
			Options: []string{"Wrong", "Right", "Also wrong"}, Correct: 1, Seconds: 20})
	}
	return s
}

type joined struct {
	player, gen int
	msg         game.MsgJoined
}

func join(t *testing.T, g *game.Game, req game.JoinRequest) (joined, error) {
	t.Helper()
	var j joined
	req.Attach = func(p, gen int, msg game.MsgJoined) { j = joined{p, gen, msg} }
	err := g.Join(context.Background(), req)
	return j, err
}

func mustJoin(t *testing.T, g *game.Game, nick string) joined {
	t.Helper()
	j, err := join(t, g, game.JoinRequest{Nickname: nick})
	if err != nil {
		t.Fatalf("join %s: %v", nick, err)
	}
	return j
}

func wantCode(t *testing.T, err error, code string) {
	t.Helper()
	ge, ok := err.(*game.Error)
	if !ok || ge.Code != code {
		t.Fatalf("got %v, want error code %s", err, code)
	}
}
