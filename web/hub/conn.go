package hub

import (
	"encoding/json"
	"errors"
	"net"
	"net/netip"
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
	raw     net.Conn // the TCP connection itself, for abort
	addr    netip.Addr
	send    chan []byte
	limiter *rate.Limiter

	closing     chan struct{}
	closeOnce   sync.Once
	closeCode   int
	closeReason string
	aborted     atomic.Bool
	authed      atomic.Bool

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
	if c.isClosing() {
		return false
	}
	select {
	case c.send <- msg:
		return true
	default:
		c.hub.met.slow.Inc()
		c.abort()
		return false
	}
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
	c.closeOnce.Do(func() {
		if len(reason) > 120 { // a close frame carries at most 123 bytes of reason
			reason = reason[:120]
		}
		c.closeCode, c.closeReason = code, reason
		close(c.closing)
	})
}

func (c *Conn) isClosing() bool {
	select {
	case <-c.closing:
		return true
	default:
		return false
	}
}

// abort drops the connection without a close frame: the peer is not
// reading, so a goodbye would only wait for the write deadline.
func (c *Conn) abort() {
	if c.aborted.Swap(true) {
		return
	}
	c.Close(websocket.ClosePolicyViolation, "too slow")
	_ = c.raw.Close()
}

// writeLoop is the socket's only writer (control frames aside).
func (c *Conn) writeLoop(done chan<- struct{}) {
	defer close(done)
	opt := &c.hub.opt
	ping := time.NewTicker(opt.PingInterval)
	defer ping.Stop()
	write := func(msg []byte) bool {
		_ = c.ws.SetWriteDeadline(time.Now().Add(opt.WriteWait))
		if err := c.ws.WriteMessage(websocket.TextMessage, msg); err != nil {
			c.abort()
			return false
		}
		c.hub.met.out.Inc()
		return true
	}
	for {
		select {
		case msg := <-c.send:
			if !write(msg) {
				return
			}
		case <-ping.C:
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(opt.WriteWait)); err != nil {
				c.abort()
				return
			}
		case <-c.closing:
			// Deliver what was queued before the close (a "you were
			// kicked" message, the final results), then say goodbye.
			for !c.aborted.Load() && len(c.send) > 0 {
				if !write(<-c.send) {
					return
				}
			}
			if c.aborted.Load() {
				return
			}
			grace := min(opt.WriteWait, 2*time.Second)
			_ = c.ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(c.closeCode, c.closeReason), time.Now().Add(grace))
			// The reader now waits for the peer's close reply, not longer.
			_ = c.ws.SetReadDeadline(time.Now().Add(grace))
			return
		}
	}
}

// readLoop reads frames until the socket ends.
func (c *Conn) readLoop(handler Handler) {
	opt := &c.hub.opt
	var drops int
	var lastNotice time.Time
	for {
		mt, data, err := c.ws.ReadMessage()
		if err != nil {
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
