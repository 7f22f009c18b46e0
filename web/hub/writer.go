package hub

import (
	"sync"
	"time"

	"github.com/fasthttp/websocket"
)

// The writer of a socket runs only while the socket has something to
// write: Send (or Close, a ping, a pong) starts it when the socket is idle,
// and it exits once it has drained the queue. At most one runs per socket
// (Conn.writing, under Conn.mu). It writes every queued frame of a round
// with one Write call on the TCP connection, framing the messages itself
// (server frames are not masked and the appliance negotiates no
// compression), instead of one syscall per frame.
//
// The websocket library itself writes only close frames now (on a frame
// over the read limit and on protocol errors, from the reader goroutine);
// a Write on a net.Conn is never interleaved with another one, so those
// frames cannot split ours. The peer's pings and close frames are answered
// through this writer (handlers set in serve).

// batchPool holds the buffers a writer frames a round into, so an idle
// socket holds none.
var batchPool = sync.Pool{New: func() any { b := make([]byte, 0, 4096); return &b }}

// maxPooledBatch keeps a rare huge round from staying in the pool.
const maxPooledBatch = 64 << 10

// appendFrame appends one unmasked, final frame of type op with payload.
func appendFrame(b []byte, op int, payload []byte) []byte {
	b = append(b, 0x80|byte(op))
	switch n := len(payload); {
	case n < 126:
		b = append(b, byte(n))
	case n <= 0xFFFF:
		b = append(b, 126, byte(n>>8), byte(n))
	default:
		b = append(b, 127, byte(n>>56), byte(n>>48), byte(n>>40), byte(n>>32), byte(n>>24), byte(n>>16), byte(n>>8), byte(n))
	}
	return append(b, payload...)
}

// kickLocked starts the writer unless it runs already or has finished;
// c.mu is held.
func (c *Conn) kickLocked() {
	if c.writing || c.finished {
		return
	}
	c.writing = true
	go c.writeLoop()
}

// writeLoop writes until the queue is empty, then exits; after Close it
// says goodbye (close frame) once everything queued before is out.
func (c *Conn) writeLoop() {
	var batch [][]byte
	for range maxWriterRounds {
		c.mu.Lock()
		if c.aborted.Load() {
			c.finishLocked()
			c.mu.Unlock()
			return
		}
		batch, c.queue = c.queue, batch[:0]
		ping, pong := c.pingDue, c.pong
		c.pingDue, c.pong = false, nil
		if len(batch) == 0 && !ping && pong == nil {
			if !c.closed {
				c.writing = false
				c.mu.Unlock()
				return
			}
			code, reason := c.closeCode, c.closeReason
			c.mu.Unlock()
			c.goodbye(code, reason)
			c.mu.Lock()
			c.finishLocked()
			c.mu.Unlock()
			return
		}
		c.mu.Unlock()
		if !c.flush(batch, ping, pong) {
			c.abort()
		}
		clear(batch)
	}
	// Not reached in practice: every round either writes or exits, and a
	// socket that keeps the writer busy this long is fed faster than it
	// can be written. Hand over to a fresh goroutine rather than spin.
	c.mu.Lock()
	c.writing = false
	c.kickLocked()
	c.mu.Unlock()
}

// maxWriterRounds bounds one writer goroutine's loop.
const maxWriterRounds = 1 << 20

// finishLocked marks the writer done for good; c.mu is held.
func (c *Conn) finishLocked() {
	c.writing = false
	if !c.finished {
		c.finished = true
		c.queue = nil
		close(c.done)
	}
}

// flush writes one round: the pong and ping first, then the messages.
func (c *Conn) flush(batch [][]byte, ping bool, pong []byte) bool {
	bp := batchPool.Get().(*[]byte)
	b := (*bp)[:0]
	if pong != nil {
		b = appendFrame(b, websocket.PongMessage, pong)
	}
	if ping {
		b = appendFrame(b, websocket.PingMessage, nil)
	}
	for _, msg := range batch {
		b = appendFrame(b, websocket.TextMessage, msg)
	}
	c.refreshWriteDeadline()
	_, err := c.net.Write(b)
	if cap(b) <= maxPooledBatch {
		*bp = b[:0]
		batchPool.Put(bp)
	}
	if err != nil {
		return false
	}
	c.hub.met.out.Add(float64(len(batch)))
	return true
}

// refreshWriteDeadline keeps a write deadline of Options.WriteWait ahead
// (less a tenth: re-arming the deadline for every round costs a timer
// update, and rounds come in bursts). Only the writer calls it.
func (c *Conn) refreshWriteDeadline() {
	wait := c.hub.opt.WriteWait
	now := time.Now()
	if c.writeDeadline.Sub(now) >= wait-wait/10 {
		return
	}
	c.writeDeadline = now.Add(wait)
	_ = c.net.SetWriteDeadline(c.writeDeadline)
}

// goodbye sends the close frame (unless the library sent one already) and
// gives the peer a short while to answer it.
func (c *Conn) goodbye(code int, reason string) {
	if c.libraryClosed.Load() {
		return
	}
	grace := min(c.hub.opt.WriteWait, 2*time.Second)
	var frame [2 + 2 + 125]byte
	b := appendFrame(frame[:0], websocket.CloseMessage, websocket.FormatCloseMessage(code, reason))
	_ = c.net.SetWriteDeadline(time.Now().Add(grace))
	_, _ = c.net.Write(b)
	// The reader now waits for the peer's close reply, not longer.
	_ = c.ws.SetReadDeadline(time.Now().Add(grace))
}
