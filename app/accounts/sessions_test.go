package accounts_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/netip"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// clock is a settable time for tests of timeouts.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

// fastHash keeps tests quick; production uses DefaultHashParams.
var fastHash = accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}

type fixture struct {
	svc   *accounts.Service
	store *sqlitestore.Store
	clock *clock
}

func newFixture(t testing.TB, mutate ...func(*accounts.Options)) *fixture {
	t.Helper()
	st := storetest.New(t)
	clk := &clock{now: time.Date(2030, 3, 4, 9, 0, 0, 0, time.UTC)}
	o := accounts.Options{Hash: fastHash, Now: clk.Now, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		SessionIdle: 12 * time.Hour, SessionAbsolute: 7 * 24 * time.Hour, StudentSessionIdle: 2 * time.Hour}
	for _, m := range mutate {
		m(&o)
	}
	return &fixture{svc: accounts.New(st, o), store: st, clock: clk}
}

const goodPassword = "purple hedgehog reads maps"

// account makes an account with goodPassword and returns it.
func (f *fixture) account(t testing.TB, email, role string) accounts.Account {
	t.Helper()
	a, _, err := f.svc.CreateAccount(context.Background(), accounts.CLIActor, email, "Ms "+strings.Split(email, "@")[0], "Hill School", role, goodPassword)
	if err != nil {
		t.Fatalf("create account %s: %v", email, err)
	}
	return a
}

// login signs in and returns the session token.
func (f *fixture) login(t testing.TB, email string) string {
	t.Helper()
	_, tok, err := f.svc.Login(context.Background(), email, goodPassword, accounts.Client{IP: netip.MustParseAddr("127.0.0.1"), UserAgent: "test"})
	if err != nil {
		t.Fatalf("login %s: %v", email, err)
	}
	return tok
}

func (f *fixture) sessionCount(t testing.TB) int {
	t.Helper()
	var n int
	if err := f.store.Reader.QueryRow(`SELECT count(*) FROM sessions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestStudentSessionLifecycle(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, err := f.svc.CreateStudentSession(ctx, 42)
	if err != nil {
		t.Fatal(err)
	}
	if len(tok) != accounts.TokenLen {
		t.Fatalf("token length %d", len(tok))
	}
	sess, err := f.svc.Authenticate(ctx, tok, accounts.KindStudent)
	if err != nil || sess.SubjectID != 42 || sess.Account != nil {
		t.Fatalf("authenticate: %+v %v", sess, err)
	}
	// A student token is not an adult session.
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatalf("student token accepted as account: %v", err)
	}
	// Only the hash is stored.
	var stored []byte
	if err := f.store.Reader.QueryRow(`SELECT token_hash FROM sessions`).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(stored), tok) || len(stored) != 32 {
		t.Fatalf("stored token is not a 32-byte hash: %q", stored)
	}

	var revoked []string
	f.svc.OnRevoke = func(kind string, id int64) { revoked = append(revoked, kind) }
	// Cached now; revocation must still take effect on the very next check.
	if err := f.svc.RevokeStudentSessions(ctx, 42); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindStudent); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatalf("revoked session still works: %v", err)
	}
	if len(revoked) != 1 || revoked[0] != accounts.KindStudent {
		t.Fatalf("OnRevoke calls: %v", revoked)
	}
}

func TestStudentSessionIdleTimeout(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, _ := f.svc.CreateStudentSession(ctx, 7)
	f.clock.Add(90 * time.Minute)
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindStudent); err != nil {
		t.Fatalf("used within idle time: %v", err)
	}
	// Used at 90 min, so it lives until 90+120 min.
	f.clock.Add(119 * time.Minute)
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindStudent); err != nil {
		t.Fatalf("use renewed the idle time: %v", err)
	}
	f.clock.Add(121 * time.Minute)
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindStudent); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatalf("idle student session still works: %v", err)
	}
}

func TestAccountSessionAbsoluteTimeout(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.account(t, "ana@hill.school", accounts.RoleTeacher)
	tok := f.login(t, "ana@hill.school")
	// Used every 11 hours, it never idles out, but ends after 7 days.
	for i := 0; i < 15; i++ {
		f.clock.Add(11 * time.Hour)
		if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); err != nil {
			t.Fatalf("after %d h: %v", (i+1)*11, err)
		}
	}
	f.clock.Add(11 * time.Hour) // 176 h > 168 h
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatalf("session past its absolute end still works: %v", err)
	}
}

func TestLastSeenIsWrittenInBatchesAndSurvivesCacheExpiry(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	tok, _ := f.svc.CreateStudentSession(ctx, 9)
	f.clock.Add(100 * time.Minute)
	if _, err := f.svc.Authenticate(ctx, tok, accounts.KindStudent); err != nil {
		t.Fatal(err)
	}
	var seen int64
	f.store.Reader.QueryRow(`SELECT last_seen_at FROM sessions`).Scan(&seen)
	if seen == f.clock.Now().UnixMilli() {
		t.Fatal("last_seen_at written on the request path; it should wait for the batch")
	}
	f.svc.FlushTouches(ctx)
	f.store.Reader.QueryRow(`SELECT last_seen_at FROM sessions`).Scan(&seen)
	if seen != f.clock.Now().UnixMilli() {
		t.Fatalf("last_seen_at %d after flush, want %d", seen, f.clock.Now().UnixMilli())
	}
}

func TestMalformedAndForgedTokens(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	forged, _ := accounts.NewToken()
	for _, tok := range []string{"", "x", strings.Repeat("A", 42), strings.Repeat("A", 44), strings.Repeat("!", 43),
		"\xff" + strings.Repeat("A", 42), forged} {
		if _, err := f.svc.Authenticate(ctx, tok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
			t.Errorf("token %q: %v", tok, err)
		}
	}
}

func TestPurgeExpired(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.account(t, "bo@hill.school", accounts.RoleTeacher)
	f.login(t, "bo@hill.school")
	f.svc.CreateStudentSession(ctx, 1)
	f.clock.Add(3 * time.Hour) // student idle (2h) passed, adult (12h) not
	n, err := f.svc.PurgeExpired(ctx)
	if err != nil || n != 1 || f.sessionCount(t) != 1 {
		t.Fatalf("purged %d (%v), left %d; want 1 purged, 1 left", n, err, f.sessionCount(t))
	}
	f.clock.Add(10 * time.Hour)
	if n, _ := f.svc.PurgeExpired(ctx); n != 1 || f.sessionCount(t) != 0 {
		t.Fatalf("second purge %d, left %d", n, f.sessionCount(t))
	}
}

// TestSweepClosesSocketsOfSessionsEndedElsewhere: the command line runs
// its own Service on the same database; sessions it ends (reset-password
// with a new password) have their sockets closed by the server's sweep,
// and only those; a session past its absolute end too.
func TestSweepClosesSocketsOfSessionsEndedElsewhere(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	f.account(t, "bo@hill.school", accounts.RoleTeacher)
	anaSess, err := f.svc.Authenticate(ctx, f.login(t, "ana@hill.school"), accounts.KindAccount)
	if err != nil {
		t.Fatal(err)
	}
	boTok := f.login(t, "bo@hill.school")
	boSess, err := f.svc.Authenticate(ctx, boTok, accounts.KindAccount)
	if err != nil {
		t.Fatal(err)
	}
	var closed []string
	f.svc.SocketSessions = func() []string { return []string{anaSess.Key, boSess.Key, "not-hex", "00"} }
	f.svc.OnRevokeSession = func(_ string, _ int64, key string) { closed = append(closed, key) }
	if n := f.svc.SweepSocketSessions(ctx); n != 0 || len(closed) != 0 {
		t.Fatalf("live sessions swept: %d %v", n, closed)
	}
	cli := accounts.New(f.store, accounts.Options{Hash: fastHash, Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := cli.SetPassword(ctx, accounts.CLIActor, ana.ID, "a brand new long password"); err != nil {
		t.Fatal(err)
	}
	if n := f.svc.SweepSocketSessions(ctx); n != 1 || len(closed) != 1 || closed[0] != anaSess.Key {
		t.Fatalf("after the command line's reset: swept %d, closed %v; want only %s", n, closed, anaSess.Key)
	}
	// The swept session is no longer served from the cache either.
	if _, err := f.svc.Authenticate(ctx, f.login(t, "bo@hill.school"), accounts.KindAccount); err != nil {
		t.Fatal(err)
	}
	f.clock.now = f.clock.now.Add(8 * 24 * time.Hour)
	closed = nil
	if n := f.svc.SweepSocketSessions(ctx); n != 2 {
		t.Fatalf("past the absolute end: swept %d (%v), want both sessions", n, closed)
	}
}

// A session unused for longer than its idle limit has ended (HTTP refuses
// it), so the sweep closes its sockets too; a session used within the
// limit keeps them, the use still in memory included.
func TestSweepClosesSocketsOfIdleSessions(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.account(t, "ana@hill.school", accounts.RoleTeacher)
	f.account(t, "bo@hill.school", accounts.RoleTeacher)
	anaTok, boTok := f.login(t, "ana@hill.school"), f.login(t, "bo@hill.school")
	anaSess, err := f.svc.Authenticate(ctx, anaTok, accounts.KindAccount)
	if err != nil {
		t.Fatal(err)
	}
	boSess, err := f.svc.Authenticate(ctx, boTok, accounts.KindAccount)
	if err != nil {
		t.Fatal(err)
	}
	f.svc.FlushTouches(ctx)
	var closed []string
	f.svc.SocketSessions = func() []string { return []string{anaSess.Key, boSess.Key} }
	f.svc.OnRevokeSession = func(_ string, _ int64, key string) { closed = append(closed, key) }
	// Bo keeps using the site (the touch stays in memory); Ana only has
	// her sockets open.
	const idle = 12 * time.Hour // the fixture's SessionIdle
	f.clock.now = f.clock.now.Add(idle / 2)
	if _, err := f.svc.Authenticate(ctx, boTok, accounts.KindAccount); err != nil {
		t.Fatal(err)
	}
	f.clock.now = f.clock.now.Add(idle/2 + time.Minute)
	if _, err := f.svc.Authenticate(ctx, anaTok, accounts.KindAccount); err == nil {
		t.Fatal("Ana's idle session still authenticates")
	}
	if n := f.svc.SweepSocketSessions(ctx); n != 1 || len(closed) != 1 || closed[0] != anaSess.Key {
		t.Fatalf("after Ana's idle limit: swept %d, closed %v; want only %s", n, closed, anaSess.Key)
	}
}

// The CSRF cookie's token has a session token's form and is never the same twice.
func TestRandomToken(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		tok := accounts.RandomToken()
		if !accounts.ValidToken(tok) || seen[tok] {
			t.Fatalf("token %q: valid %v, seen before %v", tok, accounts.ValidToken(tok), seen[tok])
		}
		seen[tok] = true
	}
}
