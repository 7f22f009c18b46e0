package accounts

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/crypto/argon2"
)

// HashParams are argon2id's costs.
type HashParams struct {
	MemoryKiB uint32
	Time      uint32
	Threads   uint8
}

// DefaultHashParams: 32 MiB and two passes, about 40-80 ms on a small box.
// With auth.hash_concurrency hashes at once, password checks use at most
// concurrency x 32 MiB of memory however many logins arrive.
var DefaultHashParams = HashParams{MemoryKiB: 32 * 1024, Time: 2, Threads: 1}

const (
	saltLen = 16
	keyLen  = 32
	// Params outside these bounds in a stored hash are refused, so a
	// damaged row cannot make one login allocate gigabytes.
	maxMemoryKiB = 256 * 1024
	maxTime      = 16
)

var b64 = base64.RawStdEncoding

// hasher computes argon2id with at most n hashes at once: a flood of logins
// waits for a slot (or gives up with ErrBusy) instead of starving the box.
type hasher struct {
	params HashParams
	slots  chan struct{}
	wait   time.Duration
	dummy  string // a well-formed hash to check against when the email is unknown
	// verified counts argon2id computations in Verify (tests show that an
	// unknown email costs the same work as a known one).
	verified atomic.Int64

	// Each argon2id computation allocates its whole memory cost (32 MiB by
	// default), and the Go runtime keeps freed heap for minutes before it
	// returns it. Once no hash has started for quiet, the memory of the
	// burst is given back to the system (debug.FreeOSMemory), so a box
	// that served a morning's logins idles small again. During a burst
	// nothing is given back: the next login reuses the same heap.
	quiet    time.Duration
	running  atomic.Int32  // hashes in progress
	started  atomic.Uint64 // hashes started since the start
	released atomic.Int64  // times memory was given back (for tests)
}

// hashQuiet is how long after the last hash the memory is given back.
const hashQuiet = 2 * time.Second

func newHasher(p HashParams, n int, wait time.Duration) *hasher {
	h := &hasher{params: p, slots: make(chan struct{}, n), wait: wait, quiet: hashQuiet}
	// The dummy is checked with the same parameters as a real hash, so an
	// unknown email costs the same; its key is random instead of derived
	// (no password can match it), which saves computing a hash, and
	// holding its 32 MiB, at every start.
	salt, key := make([]byte, saltLen), make([]byte, keyLen)
	rand.Read(salt)
	rand.Read(key)
	h.dummy = encodeHash(p, salt, key)
	return h
}

// idKey runs argon2id and, when it was the last one running, arranges
// for its memory to be given back once no other hash starts for h.quiet.
func (h *hasher) idKey(password, salt []byte, p HashParams, n uint32) []byte {
	h.running.Add(1)
	h.started.Add(1)
	key := argon2.IDKey(password, salt, p.Time, p.MemoryKiB, p.Threads, n)
	if h.running.Add(-1) == 0 {
		gen := h.started.Load()
		time.AfterFunc(h.quiet, func() {
			if h.running.Load() == 0 && h.started.Load() == gen {
				debug.FreeOSMemory()
				h.released.Add(1)
			}
		})
	}
	return key
}

func (h *hasher) acquire(ctx context.Context) error {
	t := time.NewTimer(h.wait)
	defer t.Stop()
	select {
	case h.slots <- struct{}{}:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return ErrBusy
	}
}

func (h *hasher) release() { <-h.slots }

// Hash makes a PHC-format argon2id hash of password.
func (h *hasher) Hash(ctx context.Context, password string) (string, error) {
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	salt := make([]byte, saltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	p := h.params
	return encodeHash(p, salt, h.idKey([]byte(password), salt, p, keyLen)), nil
}

// Verify checks password against encoded. An empty encoded (no password
// set) is checked against the dummy hash so it costs the same and fails.
func (h *hasher) Verify(ctx context.Context, password, encoded string) (bool, error) {
	real := encoded != ""
	if !real {
		encoded = h.dummy
	}
	p, salt, key, err := decodeHash(encoded)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	h.verified.Add(1)
	got := h.idKey([]byte(password), salt, p, uint32(len(key)))
	return real && subtle.ConstantTimeCompare(got, key) == 1, nil
}

func encodeHash(p HashParams, salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, p.MemoryKiB, p.Time, p.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

var errBadHash = errors.New("accounts: stored password hash is not a valid argon2id hash")

func decodeHash(s string) (HashParams, []byte, []byte, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return HashParams{}, nil, nil, errBadHash
	}
	var v int
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return HashParams{}, nil, nil, errBadHash
	}
	var p HashParams
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &p.MemoryKiB, &p.Time, &p.Threads); err != nil {
		return HashParams{}, nil, nil, errBadHash
	}
	if p.MemoryKiB < 8 || p.MemoryKiB > maxMemoryKiB || p.Time < 1 || p.Time > maxTime || p.Threads < 1 {
		return HashParams{}, nil, nil, errBadHash
	}
	salt, err := b64.DecodeString(parts[4])
	if err != nil || len(salt) < 8 {
		return HashParams{}, nil, nil, errBadHash
	}
	key, err := b64.DecodeString(parts[5])
	if err != nil || len(key) < 16 || len(key) > 64 {
		return HashParams{}, nil, nil, errBadHash
	}
	return p, salt, key, nil
}
