package failbudget

import (
	"sync"
	"time"
)

// Leaky is a failure budget that drains at a steady rate instead of
// starting over after a window: each failure adds one, Rate failures an
// hour drain away, and the key is spent while it has no room for one
// more. A guesser who keeps going gets exactly Rate tries an hour after
// the first Capacity, however it paces itself, and the key is open again
// 1/Rate after the guessing stops. A nil *Leaky is turned off.
type Leaky[K comparable] struct {
	mu       sync.Mutex
	capacity float64
	perNano  float64 // drained per nanosecond
	maxKeys  int
	m        map[K]*level
}

type level struct {
	v  float64
	at time.Time
}

// NewLeaky makes a budget of capacity failures draining rate an hour,
// remembering at most maxKeys keys (the emptiest go first when full).
func NewLeaky[K comparable](capacity int, ratePerHour float64, maxKeys int) *Leaky[K] {
	return &Leaky[K]{capacity: float64(max(capacity, 1)), perNano: ratePerHour / float64(time.Hour), maxKeys: max(maxKeys, 1), m: map[K]*level{}}
}

func (l *Leaky[K]) drained(e *level, now time.Time) float64 {
	v := e.v - float64(now.Sub(e.at))*l.perNano
	return max(v, 0)
}

// Spent tells whether key has no room for another failure, and how long
// until it has.
func (l *Leaky[K]) Spent(key K, now time.Time) (bool, time.Duration) {
	key = normKey(key)
	if l == nil {
		return false, 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.m[key]
	if e == nil {
		return false, 0
	}
	v := l.drained(e, now)
	if v+1 <= l.capacity {
		return false, 0
	}
	wait := time.Duration((v + 1 - l.capacity) / l.perNano)
	return true, max(wait, time.Second)
}

// Fail counts one failure for key (never above the capacity, so the key
// opens again 1/Rate after the failures stop).
func (l *Leaky[K]) Fail(key K, now time.Time) {
	key = normKey(key)
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.m[key]
	if e == nil {
		if len(l.m) >= l.maxKeys {
			l.evict(now)
		}
		e = &level{}
		l.m[key] = e
	}
	e.v = min(l.drained(e, now)+1, l.capacity)
	e.at = now
}

// Level is key's current count of failures (for tests and metrics).
func (l *Leaky[K]) Level(key K, now time.Time) float64 {
	key = normKey(key)
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	if e := l.m[key]; e != nil {
		return l.drained(e, now)
	}
	return 0
}

// Len is the number of keys held.
func (l *Leaky[K]) Len() int {
	if l == nil {
		return 0
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.m)
}

// evict drops drained keys, or else the emptiest of a sample.
func (l *Leaky[K]) evict(now time.Time) {
	var low K
	lowV, n := -1.0, 0
	for k, e := range l.m {
		v := l.drained(e, now)
		if v == 0 {
			delete(l.m, k)
			return
		}
		if lowV < 0 || v < lowV {
			low, lowV = k, v
		}
		if n++; n >= 16 {
			break
		}
	}
	delete(l.m, low)
}
