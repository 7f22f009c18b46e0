package hub

import (
	"encoding/json"
	"errors"
	"io"
	"net"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
	"golang.org/x/time/rate"
)

// Handler gives meaning to the messages of a socket. Both methods run on
// the socket's reader goroutine, one call at a time per socket.
type Handler interface {
	// HandleMessage gets each text frame that passed the rate limit.
	HandleMessage(c *Conn, data []byte)
	// HandleClose runs once, after the socket has left every topic.
	HandleClose(c *Conn)
}

// Conn is one open socket. Send, Close, Subscribe and Authenticate may be
// called from any goroutine.
type Conn struct {
	hub     *Hub
	id      uint64
	ws      *websocket.Conn
	net     net.Conn // what the websocket library writes to; the writer frames onto it
	raw     net.Conn // the TCP connection itself, for abort
	addr    netip.Addr
	limiter *rate.Limiter

	// The send queue and the on-demand writer (writer.go).
	mu          sync.Mutex
	queue       [][]byte // bounded by Options.SendQueue
	writing     bool     // a writer goroutine runs
	finished    bool     // the writer said goodbye (or gave up): done is closed
	pingDue     bool
	pong        []byte      // reply to the peer's ping, when due
	pinger      *time.Timer // runs ping every Options.PingInterval
	closed      bool
	closeCode   int
	closeReason string
	done        chan struct{}

	writeDeadline time.Time // set on the connection; only the writer touches it

	closing       atomic.Bool // Close was called
	aborted       atomic.Bool
	authed        atomic.Bool
	libraryClosed atomic.Bool // the websocket library sent a close frame itself

	// guarded by hub.mu
	topics  []string
	subject Subject

	// State belongs to the Handler and is touched only on the reader
	// goroutine (in HandleMessage and HandleClose).
	State any
}

// ID is unique among the sockets of this process.
func (c *Conn) ID() uint64 { return c.id }

// Addr is the client's address (after trusted proxies).
func (c *Conn) Addr() netip.Addr { return c.addr }

// Subject is who the socket acts for (zero when anonymous).
func (c *Conn) Subject() Subject {
	c.hub.mu.RLock()
	defer c.hub.mu.RUnlock()
	return c.subject
}

// Authenticated reports whether the socket has said who it is.
func (c *Conn) Authenticated() bool { return c.authed.Load() }

// Authenticate marks the socket as known, so the authentication deadline no
// longer applies. A subject with a Kind is remembered for CloseSubject (and
// its Session for CloseSession).
func (c *Conn) Authenticate(s Subject) {
	h := c.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	c.authed.Store(true)
	if s.Kind == "" || s == c.subject {
		return
	}
	h.forgetSubject(c)
	c.subject = s
	add := func(set map[*Conn]struct{}) map[*Conn]struct{} {
		if set == nil {
			set = make(map[*Conn]struct{})
		}
		set[c] = struct{}{}
		return set
	}
	h.bySubject[s.who()] = add(h.bySubject[s.who()])
	if s.Session != "" {
		h.bySession[s.Session] = add(h.bySession[s.Session])
	}
}

// Subscribe adds the socket to topic, unless the topic is at its cap.
func (c *Conn) Subscribe(topic string) error {
	h := c.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if c.isClosing() {
		return ErrClosed
	}
	set := h.topics[topic]
	if _, ok := set[c]; ok {
		return nil
	}
	if h.opt.TopicCap != nil {
		if limit := h.opt.TopicCap(topic); limit > 0 && len(set) >= limit {
			return ErrTopicFull
		}
	}
	if set == nil {
		set = make(map[*Conn]struct{})
		h.topics[topic] = set
	}
	set[c] = struct{}{}
	c.topics = append(c.topics, topic)
	return nil
}

// Unsubscribe removes the socket from topic.
func (c *Conn) Unsubscribe(topic string) {
	h := c.hub
	h.mu.Lock()
	defer h.mu.Unlock()
	if set := h.topics[topic]; set != nil {
		delete(set, c)
		if len(set) == 0 {
			delete(h.topics, topic)
		}
	}
	for i, t := range c.topics {
		if t == topic {
			c.topics = append(c.topics[:i], c.topics[i+1:]...)
			break
		}
	}
}

// Send queues msg without waiting. A socket whose queue is full has fallen
// behind: it is cut off at once so it cannot hold anyone else up.
func (c *Conn) Send(msg []byte) bool {
	c.mu.Lock()
	if c.closed {
		c.mu.Unlock()
		return false
	}
	if len(c.queue) >= c.hub.opt.SendQueue {
		c.mu.Unlock()
		c.hub.met.slow.Inc()
		c.abort()
		return false
	}
	c.queue = append(c.queue, msg)
	c.kickLocked()
	c.mu.Unlock()
	return true
}

// SendJSON marshals v and sends it.
func (c *Conn) SendJSON(v any) bool {
	b, err := json.Marshal(v)
	if err != nil {
		c.hub.opt.Logger.Error("socket message not encodable", "error", err)
		return false
	}
	return c.Send(b)
}

// Close sends a close frame with code and reason (after what is already
// queued) and ends the socket. Only the first call counts.
func (c *Conn) Close(code int, reason string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	if len(reason) > 120 { // a close frame carries at most 123 bytes of reason
		reason = reason[:120]
	}
	c.closed, c.closeCode, c.closeReason = true, code, reason
	c.closing.Store(true)
	c.kickLocked()
}

func (c *Conn) isClosing() bool { return c.closing.Load() }

// abort drops the connection without a close frame: the peer is not
// reading, so a goodbye would only wait for the write deadline.
func (c *Conn) abort() {
	if c.aborted.Swap(true) {
		return
	}
	c.Close(websocket.ClosePolicyViolation, "too slow")
	_ = c.raw.Close()
}

// ping queues a ping frame and sets the next one (the ping timer calls it).
func (c *Conn) ping() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.pingDue = true
	c.kickLocked()
	c.pinger.Reset(c.hub.opt.PingInterval)
}

// answerPing queues the pong for a ping of the peer.
func (c *Conn) answerPing(data string) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !c.closed {
		c.pong = []byte(data)
		c.kickLocked()
	}
	return nil
}

// readLoop reads frames until the socket ends.
func (c *Conn) readLoop(handler Handler) {
	opt := &c.hub.opt
	var drops int
	var lastNotice time.Time
	for {
		mt, data, err := c.ws.ReadMessage()
		if err != nil {
			if libraryWroteClose(err) {
				c.libraryClosed.Store(true)
			}
			if errors.Is(err, websocket.ErrReadLimit) {
				c.hub.met.tooBig.Inc()
				// The library already sent close 1009; stop our writer too.
				c.Close(CloseTooBig, "message too big")
			}
			return
		}
		if c.isClosing() {
			continue // draining until the peer's close reply
		}
		c.hub.met.in.Inc()
		if mt != websocket.TextMessage {
			c.Close(CloseUnsupported, "Send text messages only.")
			continue
		}
		if !c.limiter.Allow() {
			drops++
			c.hub.met.limited.Inc()
			if drops >= opt.FloodDrops {
				c.Close(ClosePolicy, "Too many messages. Wait a moment, then join again.")
				continue
			}
			if now := time.Now(); now.Sub(lastNotice) >= time.Second {
				lastNotice = now
				c.Send(ErrorFrame("rate_limited", "You are sending too fast. Wait a moment and try again."))
			}
			continue
		}
		handler.HandleMessage(c, data)
	}
}

// libraryWroteClose tells the read errors after which the websocket
// library has written a close frame of its own: a frame over the read
// limit and protocol errors. After a close from the peer, a timeout or a
// broken connection, the writer says goodbye itself.
func libraryWroteClose(err error) bool {
	if errors.Is(err, websocket.ErrReadLimit) {
		return true
	}
	var ce *websocket.CloseError
	var ne net.Error
	if errors.As(err, &ce) || errors.As(err, &ne) || errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, net.ErrClosed) {
		return false
	}
	return strings.HasPrefix(err.Error(), "websocket: ")
}

// ErrorFrame is the error message every socket handler sends:
// {"type":"error","code":"...","message":"..."}.
func ErrorFrame(code, message string) []byte {
	b, _ := json.Marshal(struct {
		Type    string `json:"type"`
		Code    string `json:"code"`
		Message string `json:"message"`
	}{"error", code, message})
	return b
}
