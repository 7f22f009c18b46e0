package accounts

import (
	"animalgenius/app/jsontime"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"log/slog"
	"net/netip"
	"strconv"
	"sync/atomic"
	"time"
	"unicode/utf8"
)

const (
	// sessionCacheTTL bounds how long a cached session or account is
	// trusted without the database. Changes made in this process drop the
	// cache at once; changes made by the command line while the server
	// runs take effect within this time.
	sessionCacheTTL = 30 * time.Second
	// touchEvery: last_seen_at is written at most this often per session.
	touchEvery = time.Minute
	// touchFlushEvery: pending last-seen times are written in one batch.
	touchFlushEvery = 15 * time.Second
	// TokenLen is the length of a session token in a cookie (256 bits, base64url).
	TokenLen = 43
	// maxPendingTouches bounds the batch; past it the oldest wait for the next flush.
	maxPendingTouches = 50_000
)

// Session is a checked, live session.
type Session struct {
	// Key names the session without being its secret (the first 16 hex
	// digits of the token's hash): for session lists and socket hooks.
	Key       string
	Kind      string
	SubjectID int64
	CreatedAt time.Time
	ExpiresAt time.Time
	// Account is the signed-in adult (nil for a student session).
	Account *Account
}

type cachedSession struct {
	sess     Session
	hash     [32]byte
	lastSeen atomic.Int64 // unix ms, newest known
}

// NewToken makes a random 256-bit token (base64url, 43 characters) and its SHA-256.
func NewToken() (string, [32]byte) {
	raw := randomKey()
	return base64.RawURLEncoding.EncodeToString(raw[:]), sha256.Sum256(raw[:])
}

// RandomToken is NewToken for a token nothing stores a hash of (the CSRF
// cookie, minted for a visitor that lacks one).
func RandomToken() string {
	raw := randomKey()
	return base64.RawURLEncoding.EncodeToString(raw[:])
}

func randomKey() [32]byte {
	var raw [32]byte
	if _, err := rand.Read(raw[:]); err != nil {
		panic("accounts: no randomness: " + err.Error())
	}
	return raw
}

// HashToken checks the form of a token and returns its SHA-256. Anything
// that is not 43 base64url characters is refused without a database read.
// ValidToken tells whether tok has the shape of a token (43 base64url
// characters, 256 bits) without hashing it.
func ValidToken(tok string) bool {
	if len(tok) != TokenLen {
		return false
	}
	var raw [33]byte
	n, err := base64.RawURLEncoding.Decode(raw[:], []byte(tok))
	return err == nil && n == 32
}

func HashToken(tok string) ([32]byte, bool) {
	if len(tok) != TokenLen || !utf8.ValidString(tok) {
		return [32]byte{}, false
	}
	var raw [32]byte
	n, err := base64.RawURLEncoding.Decode(raw[:], []byte(tok))
	if err != nil || n != 32 {
		return [32]byte{}, false
	}
	return sha256.Sum256(raw[:]), true
}

func sessionKey(h [32]byte) string { return hex.EncodeToString(h[:8]) }

func cacheKeySession(h [32]byte) string { return "s:" + string(h[:]) }
func cacheKeyAccount(id int64) string   { return "a:" + strconv.FormatInt(id, 10) }

// cacheEpoch is read before a database read whose result will be cached:
// forget and forgetSession bump it under the same lock as the cache insert,
// so a session read just before its revocation is never cached after it.
func (s *Service) cacheEpoch() uint64 {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	return s.epoch
}

func (s *Service) idleFor(kind string) time.Duration {
	if kind == KindStudent {
		return s.opts.StudentSessionIdle
	}
	return s.opts.SessionIdle
}

// newSession makes a token and the row to store for it.
func (s *Service) newSession(kind string, id int64, ip netip.Addr, userAgent string) (string, SessionRow) {
	tok, h := NewToken()
	now := s.now()
	userAgent = truncateRunes(userAgent, 200)
	return tok, SessionRow{TokenHash: h, Kind: kind, SubjectID: id, CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(s.opts.SessionAbsolute), IP: AddrText(ip), UserAgent: userAgent}
}

// Authenticate checks a session cookie's token for a subject of kind and
// returns the live session. Cached sessions cost no database access.
// ErrNoSession covers every refusal: unknown, malformed, expired, idle,
// revoked, disabled account.
func (s *Service) Authenticate(ctx context.Context, token, kind string) (Session, error) {
	h, ok := HashToken(token)
	if !ok {
		return Session{}, ErrNoSession
	}
	now := s.now()
	var cs *cachedSession
	if v, found := s.cache.Get(cacheKeySession(h)); found {
		cs = v.(*cachedSession)
	} else {
		var err error
		if cs, err = s.loadSession(ctx, h); err != nil {
			return Session{}, err
		}
	}
	if cs.sess.Kind != kind {
		return Session{}, ErrNoSession
	}
	nowMs := now.UnixMilli()
	last := cs.lastSeen.Load()
	if now.After(cs.sess.ExpiresAt) || nowMs-last > s.idleFor(kind).Milliseconds() {
		s.cache.Delete(cacheKeySession(h))
		return Session{}, ErrNoSession
	}
	if nowMs-last >= touchEvery.Milliseconds() && cs.lastSeen.CompareAndSwap(last, nowMs) {
		s.queueTouch(h, now)
	}
	sess := cs.sess
	if kind == KindAccount {
		acct, err := s.cachedAccount(ctx, sess.SubjectID)
		if err != nil {
			return Session{}, err
		}
		sess.Account = acct
	}
	return sess, nil
}

func (s *Service) loadSession(ctx context.Context, h [32]byte) (*cachedSession, error) {
	epoch := s.cacheEpoch()
	row, err := s.store.SessionByHash(ctx, h[:])
	if errors.Is(err, ErrNotFound) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, err
	}
	cs := &cachedSession{hash: h, sess: Session{Key: sessionKey(h), Kind: row.Kind, SubjectID: row.SubjectID,
		CreatedAt: row.CreatedAt, ExpiresAt: row.ExpiresAt}}
	cs.lastSeen.Store(row.LastSeenAt.UnixMilli())
	s.touchMu.Lock()
	if t, ok := s.touches[h]; ok && t.UnixMilli() > row.LastSeenAt.UnixMilli() {
		cs.lastSeen.Store(t.UnixMilli())
	}
	s.touchMu.Unlock()
	s.cacheMu.Lock()
	if s.epoch == epoch {
		s.cache.SetDefault(cacheKeySession(h), cs)
	}
	s.cacheMu.Unlock()
	return cs, nil
}

// cachedAccount returns the account for a session check; a disabled or
// deleted account has no valid session.
func (s *Service) cachedAccount(ctx context.Context, id int64) (*Account, error) {
	if v, ok := s.cache.Get(cacheKeyAccount(id)); ok {
		return v.(*Account), nil
	}
	epoch := s.cacheEpoch()
	a, err := s.store.AccountByID(ctx, id)
	if errors.Is(err, ErrNotFound) {
		return nil, ErrNoSession
	}
	if err != nil {
		return nil, err
	}
	if a.Disabled {
		return nil, ErrNoSession
	}
	s.cacheMu.Lock()
	if s.epoch == epoch {
		s.cache.SetDefault(cacheKeyAccount(id), &a)
	}
	s.cacheMu.Unlock()
	return &a, nil
}

// forget drops the cached sessions of a subject, and its cached account,
// after a change was committed.
func (s *Service) forget(kind string, id int64) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	s.epoch++
	if kind == KindAccount {
		s.cache.Delete(cacheKeyAccount(id))
	}
	for k, item := range s.cache.Items() {
		if cs, ok := item.Object.(*cachedSession); ok && cs.sess.Kind == kind && cs.sess.SubjectID == id {
			s.cache.Delete(k)
		}
	}
}

// forgetAccount drops the cached account (its sessions stay cached).
func (s *Service) forgetAccount(id int64) {
	s.cacheMu.Lock()
	s.epoch++
	s.cache.Delete(cacheKeyAccount(id))
	s.cacheMu.Unlock()
}

func (s *Service) forgetSession(h [32]byte) {
	s.cacheMu.Lock()
	s.epoch++
	s.cache.Delete(cacheKeySession(h))
	s.cacheMu.Unlock()
}

// revoked runs after every session of a subject was deleted.
func (s *Service) revoked(kind string, id int64) {
	s.forget(kind, id)
	if s.OnRevoke != nil {
		s.OnRevoke(kind, id)
	}
}

// CreateStudentSession starts a session for a student (after a passport
// login) and returns the token for the cookie.
func (s *Service) CreateStudentSession(ctx context.Context, studentID int64) (string, error) {
	return s.CreateStudentSessionFrom(ctx, studentID, netip.Addr{}, "")
}

// CreateStudentSessionFrom is CreateStudentSession noting the address and
// browser, shown to the teacher nowhere but kept like adults' sessions.
func (s *Service) CreateStudentSessionFrom(ctx context.Context, studentID int64, ip netip.Addr, userAgent string) (string, error) {
	if studentID <= 0 {
		return "", ErrNotFound
	}
	tok, row := s.newSession(KindStudent, studentID, ip, userAgent)
	if err := s.store.CreateSession(ctx, row); err != nil {
		return "", err
	}
	return tok, nil
}

// NewStudentSession makes a student session's token and row without
// storing them, for a caller that stores the row in its own transaction
// (the quiz submission creates the student and its session in one
// commit). The caller sets the row's SubjectID to the student's id.
func (s *Service) NewStudentSession(ip netip.Addr, userAgent string) (string, SessionRow) {
	return s.newSession(KindStudent, 0, ip, userAgent)
}

// RevokeStudentSessions ends every session of a student at once (passport
// code rotated, student deleted), including open sockets.
func (s *Service) RevokeStudentSessions(ctx context.Context, studentID int64) error {
	if _, err := s.store.DeleteSubjectSessions(ctx, KindStudent, studentID, nil); err != nil {
		return err
	}
	s.revoked(KindStudent, studentID)
	return nil
}

// Logout ends the one session behind token (no error if it is already gone).
func (s *Service) Logout(ctx context.Context, token string, who Actor) error {
	h, ok := HashToken(token)
	if !ok {
		return nil
	}
	row, err := s.store.SessionByHash(ctx, h[:])
	if errors.Is(err, ErrNotFound) {
		s.forgetSession(h)
		return nil
	}
	if err != nil {
		return err
	}
	var a *Audit
	if row.Kind == KindAccount {
		entry := s.audit(who, "logout", nil, "")
		entry.TargetID, entry.TargetLabel = who.ID, who.Label
		a = &entry
	}
	if err := s.store.DeleteSession(ctx, h[:], a); err != nil {
		return err
	}
	s.forgetSession(h)
	if s.OnRevokeSession != nil {
		s.OnRevokeSession(row.Kind, row.SubjectID, sessionKey(h))
	}
	return nil
}

// LogoutEverywhere ends every session of the account, this one included.
func (s *Service) LogoutEverywhere(ctx context.Context, acct *Account, who Actor) (int, error) {
	a := s.audit(who, "logout.everywhere", acct, "")
	n, err := s.store.DeleteSubjectSessions(ctx, KindAccount, acct.ID, &a)
	if err != nil {
		return 0, err
	}
	s.revoked(KindAccount, acct.ID)
	return n, nil
}

// SweepSocketSessions closes the sockets of sessions that ended without
// this process knowing: deleted by the command line (admin
// reset-password) or another process, past their absolute end, or unused
// for longer than their kind's idle limit (a socket is not a use: a
// session that HTTP refuses as idle has ended, and its sockets with it). It
// reads one indexed row per session with sockets and returns how many
// sessions it found ended. Run calls it every Options.SocketSweep, which
// keeps revocation within the README's 30 seconds.
func (s *Service) SweepSocketSessions(ctx context.Context) int {
	if s.SocketSessions == nil || s.OnRevokeSession == nil {
		return 0
	}
	keys := s.SocketSessions()
	if len(keys) == 0 {
		return 0
	}
	// Last-seen times still in memory first, so the idle check reads them.
	s.FlushTouches(ctx)
	now := s.now()
	ended := 0
	for _, key := range keys {
		prefix, err := hex.DecodeString(key)
		if err != nil || len(prefix) != 8 {
			continue
		}
		live, err := s.store.SessionLive(ctx, prefix, now, now.Add(-s.opts.SessionIdle), now.Add(-s.opts.StudentSessionIdle))
		if err != nil {
			s.log.Warn("accounts: unable to check the sessions of open sockets", slog.Any("error", err))
			return ended
		}
		if !live {
			ended++
			s.forgetSessionKey(key)
			s.OnRevokeSession("", 0, key)
		}
	}
	return ended
}

// forgetSessionKey drops a cached session by its Key.
func (s *Service) forgetSessionKey(key string) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	s.epoch++
	for k, item := range s.cache.Items() {
		if cs, ok := item.Object.(*cachedSession); ok && cs.sess.Key == key {
			s.cache.Delete(k)
		}
	}
}

// SessionInfo describes one of an account's sessions for its owner.
type SessionInfo struct {
	Key        string        `json:"key"`
	CreatedAt  jsontime.Time `json:"createdAt"`
	LastSeenAt jsontime.Time `json:"lastSeenAt"`
	IP         string        `json:"ip"`
	UserAgent  string        `json:"userAgent"`
	Current    bool          `json:"current"`
}

// Sessions lists the account's live sessions, newest first.
func (s *Service) Sessions(ctx context.Context, acct *Account, currentKey string) ([]SessionInfo, error) {
	rows, err := s.store.ListSubjectSessions(ctx, KindAccount, acct.ID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	out := make([]SessionInfo, 0, len(rows))
	for _, r := range rows {
		key := sessionKey(r.TokenHash)
		last := r.LastSeenAt
		s.touchMu.Lock()
		if t, ok := s.touches[r.TokenHash]; ok && t.After(last) {
			last = t
		}
		s.touchMu.Unlock()
		if now.After(r.ExpiresAt) || now.Sub(last) > s.opts.SessionIdle {
			continue
		}
		out = append(out, SessionInfo{Key: key, CreatedAt: jsontime.Of(r.CreatedAt), LastSeenAt: jsontime.Of(last), IP: r.IP,
			UserAgent: r.UserAgent, Current: key == currentKey})
	}
	return out, nil
}

func (s *Service) queueTouch(h [32]byte, at time.Time) {
	s.touchMu.Lock()
	if len(s.touches) < maxPendingTouches {
		s.touches[h] = at
	}
	s.touchMu.Unlock()
}

// FlushTouches writes pending last-seen times in one transaction.
func (s *Service) FlushTouches(ctx context.Context) {
	s.touchMu.Lock()
	if len(s.touches) == 0 {
		s.touchMu.Unlock()
		return
	}
	batch := s.touches
	s.touches = make(map[[32]byte]time.Time, len(batch))
	s.touchMu.Unlock()
	if err := s.store.TouchSessions(ctx, batch); err != nil {
		s.log.Warn("accounts: unable to save session last-seen times", slog.Int("sessions", len(batch)), slog.Any("error", err))
	}
}

// PurgeExpired deletes ended sessions and spent one-time links; the
// hourly background job calls it.
func (s *Service) PurgeExpired(ctx context.Context) (int, error) {
	s.FlushTouches(ctx)
	now := s.now()
	return s.store.PurgeSessions(ctx, now, now.Add(-s.opts.SessionIdle), now.Add(-s.opts.StudentSessionIdle))
}

func truncateRunes(s string, n int) string {
	if !utf8.ValidString(s) {
		s = string([]rune(s)) // replaces invalid bytes
	}
	r := []rune(s)
	if len(r) > n {
		return string(r[:n])
	}
	return s
}
