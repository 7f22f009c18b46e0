// Package hub is the box's one WebSocket hub: it accepts sockets, enforces
// the limits every socket of the appliance shares (origin, caps, read limit,
// authentication deadline, ping/pong, write deadline, message rate) and fans
// messages out to topics ("class:42", "game:7", "game:7/p/3") without ever
// waiting for a slow socket. What a message means is up to a Handler.
package hub

import (
	"errors"
	"log/slog"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"golang.org/x/time/rate"

	"animalgenius/web/clientaddr"
)

// Close codes the hub and its handlers send. 1xxx are the protocol's own,
// 4xxx are ours; the browser shows the reason text.
const (
	CloseGoingAway   = 1001 // server stopping
	CloseUnsupported = 1003 // binary frame
	ClosePolicy      = 1008 // flood, authentication timeout
	CloseTooBig      = 1009 // frame over the read limit
	CloseInternal    = 1011 // a handler failed (panic)
	CloseReplaced    = 4000 // the same player opened a newer socket
	CloseSignedOut   = 4001 // the session behind the socket ended
	CloseKicked      = 4002 // the host removed the player
	CloseGameOver    = 4003 // the game ended or was stopped
	CloseReconnect   = 4004 // what the subject may see changed: connect again
)

// Subject is who a socket acts for: an account or a student session
// ("account"/"student" and the id), or the zero value for a player who
// joined a game with a PIN and a nickname.
type Subject struct {
	Kind string
	ID   int64
	// Session names the session the socket was opened under (not its
	// secret), so a logout closes exactly that session's sockets.
	Session string
	// Device is the browser's device cookie ("" for none).
	Device string
}

func (s Subject) who() Subject { return Subject{Kind: s.Kind, ID: s.ID} }

// Options are the limits of the hub. Zero values take the defaults of
// SPEC.md section 6.
type Options struct {
	MaxTotal   int // sockets on the box
	MaxPerAddr int // sockets from one address (trusted networks exempt)
	// TopicCap returns how many sockets may subscribe to topic (0: no cap).
	TopicCap        func(topic string) int
	TrustedNetworks []netip.Prefix
	// Proxies find a socket's client address behind trusted reverse
	// proxies (nil: the peer's address).
	Proxies *clientaddr.Resolver
	// AllowedOrigins are extra origins ("https://games.school.example")
	// besides the server's own host.
	AllowedOrigins []string

	AuthTimeout  time.Duration // to authenticate after connecting (10 s)
	PingInterval time.Duration // ping every (25 s)
	PongWait     time.Duration // close after this long without a pong (60 s)
	WriteWait    time.Duration // write deadline (10 s)
	ReadLimit    int64         // largest frame read (4 KiB)
	SendQueue    int           // messages queued per socket before it counts as slow (64)
	MsgRate      rate.Limit    // messages per second a socket may send (10)
	MsgBurst     int           // burst above the rate (20)
	// FloodDrops is how many over-rate messages a socket may send before it
	// is closed (100).
	FloodDrops int

	Registerer prometheus.Registerer
	Logger     *slog.Logger
}

func (o *Options) defaults() {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.AuthTimeout, 10*time.Second)
	def(&o.PingInterval, 25*time.Second)
	def(&o.PongWait, 60*time.Second)
	def(&o.WriteWait, 10*time.Second)
	if o.MaxTotal <= 0 {
		o.MaxTotal = 5000
	}
	if o.MaxPerAddr <= 0 {
		o.MaxPerAddr = 2000
	}
	if o.ReadLimit <= 0 {
		o.ReadLimit = 4096
	}
	if o.SendQueue <= 0 {
		o.SendQueue = 64
	}
	if o.MsgRate <= 0 {
		o.MsgRate = 10
	}
	if o.MsgBurst <= 0 {
		o.MsgBurst = 20
	}
	if o.FloodDrops <= 0 {
		o.FloodDrops = 100
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
}

// Errors of Subscribe and of the upgrade's admission.
var (
	ErrBoxFull   = errors.New("hub: too many sockets on this box")
	ErrAddrFull  = errors.New("hub: too many sockets from this address")
	ErrTopicFull = errors.New("hub: too many sockets on this topic")
	ErrStopping  = errors.New("hub: server stopping")
	ErrClosed    = errors.New("hub: socket closed")
)

// Hub holds every open socket of the box.
type Hub struct {
	opt Options
	met *metrics

	mu        sync.RWMutex
	conns     map[*Conn]struct{}
	perAddr   map[netip.Addr]int
	reserved  int // admitted upgrades (open sockets plus handshakes in flight)
	topics    map[string]map[*Conn]struct{}
	bySubject map[Subject]map[*Conn]struct{} // by Kind and ID
	bySession map[string]map[*Conn]struct{}
	stopping  bool

	nextID atomic.Uint64
	wg     sync.WaitGroup // admitted sockets, until released
}

// New makes a hub.
func New(opt Options) *Hub {
	opt.defaults()
	return &Hub{
		opt:       opt,
		met:       newMetrics(opt.Registerer),
		conns:     make(map[*Conn]struct{}),
		perAddr:   make(map[netip.Addr]int),
		topics:    make(map[string]map[*Conn]struct{}),
		bySubject: make(map[Subject]map[*Conn]struct{}),
		bySession: make(map[string]map[*Conn]struct{}),
	}
}

func (h *Hub) trusted(a netip.Addr) bool {
	for _, p := range h.opt.TrustedNetworks {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// admit reserves a socket slot for addr before the upgrade.
func (h *Hub) admit(addr netip.Addr) error {
	h.mu.Lock()
	defer h.mu.Unlock()
	switch {
	case h.stopping:
		return ErrStopping
	case h.reserved >= h.opt.MaxTotal:
		return ErrBoxFull
	case !h.trusted(addr) && h.perAddr[addr] >= h.opt.MaxPerAddr:
		return ErrAddrFull
	}
	h.reserved++
	h.perAddr[addr]++
	h.wg.Add(1)
	return nil
}

// release gives back a slot taken by admit.
func (h *Hub) release(addr netip.Addr) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.reserved--
	if h.perAddr[addr]--; h.perAddr[addr] <= 0 {
		delete(h.perAddr, addr)
	}
	h.wg.Done()
}

func (h *Hub) register(c *Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.conns[c] = struct{}{}
	h.met.open.Inc()
	if h.stopping {
		c.Close(CloseGoingAway, "The server is stopping. Try again in a minute.")
	}
}

func (h *Hub) unregister(c *Conn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns, c)
	for _, t := range c.topics {
		if set := h.topics[t]; set != nil {
			delete(set, c)
			if len(set) == 0 {
				delete(h.topics, t)
			}
		}
	}
	c.topics = nil
	h.forgetSubject(c)
	h.met.open.Dec()
}

// Open is the number of sockets open now.
func (h *Hub) Open() int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.conns)
}

// Subscribers is the number of sockets subscribed to topic.
func (h *Hub) Subscribers(topic string) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	return len(h.topics[topic])
}

// Publish queues msg on every socket of topic without waiting; a socket
// whose queue is full is closed. It returns how many sockets got it.
func (h *Hub) Publish(topic string, msg []byte) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	n := 0
	for c := range h.topics[topic] {
		if c.Send(msg) {
			n++
		}
	}
	return n
}

// PublishBytesTopic is Publish with the topic's name in a byte slice (the
// lookup does not allocate a string).
func (h *Hub) PublishBytesTopic(topic []byte, msg []byte) int {
	h.mu.RLock()
	defer h.mu.RUnlock()
	n := 0
	for c := range h.topics[string(topic)] {
		if c.Send(msg) {
			n++
		}
	}
	return n
}

// CloseTopic closes every socket subscribed to topic.
func (h *Hub) CloseTopic(topic string, code int, reason string) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.topics[topic] {
		c.Close(code, reason)
	}
}

// CloseSubject closes every socket of a session subject: called when the
// session is revoked (logout, password change, account disabled).
func (h *Hub) CloseSubject(kind string, id int64) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.bySubject[Subject{Kind: kind, ID: id}] {
		c.Close(CloseSignedOut, "You were signed out. Sign in again to carry on.")
	}
}

// ReconnectSubject closes a subject's sockets asking them to connect
// again (an account's role changed): their subscriptions are then checked
// anew.
func (h *Hub) ReconnectSubject(kind string, id int64) {
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.bySubject[Subject{Kind: kind, ID: id}] {
		c.Close(CloseReconnect, "What you may see changed. Reconnecting.")
	}
}

// CloseSession closes the sockets opened under one session (a logout).
func (h *Hub) CloseSession(key string) {
	if key == "" {
		return
	}
	h.mu.RLock()
	defer h.mu.RUnlock()
	for c := range h.bySession[key] {
		c.Close(CloseSignedOut, "You were signed out. Sign in again to carry on.")
	}
}

// SessionKeys are the sessions that have open sockets, for the check that
// closes the sockets of sessions ended by another process.
func (h *Hub) SessionKeys() []string {
	h.mu.RLock()
	defer h.mu.RUnlock()
	keys := make([]string, 0, len(h.bySession))
	for k := range h.bySession {
		keys = append(keys, k)
	}
	return keys
}

// forgetSubject drops c from the subject indexes; h.mu is held.
func (h *Hub) forgetSubject(c *Conn) {
	drop := func(m map[Subject]map[*Conn]struct{}, k Subject) {
		if set := m[k]; set != nil {
			delete(set, c)
			if len(set) == 0 {
				delete(m, k)
			}
		}
	}
	if c.subject.Kind != "" {
		drop(h.bySubject, c.subject.who())
	}
	if c.subject.Session != "" {
		if set := h.bySession[c.subject.Session]; set != nil {
			delete(set, c)
			if len(set) == 0 {
				delete(h.bySession, c.subject.Session)
			}
		}
	}
}

// Shutdown refuses new sockets, tells every open socket the server is
// stopping with a close frame, and waits for them to finish until done
// is closed (nil: do not wait).
func (h *Hub) Shutdown(done <-chan struct{}) {
	h.mu.Lock()
	h.stopping = true
	for c := range h.conns {
		c.Close(CloseGoingAway, "The server is stopping. Try again in a minute.")
	}
	h.mu.Unlock()
	if done == nil {
		return
	}
	finished := make(chan struct{})
	go func() { h.wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-done:
	}
}
