package hub

import (
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
	fiberws "github.com/gofiber/contrib/websocket"
	"github.com/gofiber/fiber/v2"
	"github.com/valyala/fasthttp"

	"golang.org/x/time/rate"
)

// Endpoint returns the fiber handler of a socket endpoint. identify reads
// the session of the upgrade request (zero Subject when there is none): a
// socket with a session is authenticated from the start; any other must
// authenticate through handler within Options.AuthTimeout.
//
// The origin is checked before the upgrade (403). The caps are checked
// after it, so that a browser, which cannot read an HTTP status of a
// refused upgrade, gets the reason in the close frame.
func (h *Hub) Endpoint(identify func(c *fiber.Ctx) Subject, handler Handler) fiber.Handler {
	// The upgrader is used directly, not through fiber's websocket
	// middleware, which copies every header, cookie and query argument of
	// the request into maps kept for the life of the socket.
	upgrader := websocket.FastHTTPUpgrader{
		HandshakeTimeout: 10 * time.Second,
		ReadBufferSize:   readBufferSize,
		WriteBufferSize:  512, // unused: the hub frames its messages itself (writer.go)
		WriteBufferPool:  &sync.Pool{},
		CheckOrigin:      func(*fasthttp.RequestCtx) bool { return true }, // checked below, before the upgrade
	}
	return func(c *fiber.Ctx) error {
		if !fiberws.IsWebSocketUpgrade(c) {
			return refuse(c, fiber.StatusUpgradeRequired, "upgrade_required", "This address is for live connections (WebSocket) only.")
		}
		if !h.originAllowed(c) {
			h.met.refused.WithLabelValues("origin").Inc()
			return refuse(c, fiber.StatusForbidden, "origin", "Open the game from this server's own address.")
		}
		addr := h.opt.Proxies.Of(c)
		if !addr.IsValid() {
			return refuse(c, fiber.StatusBadRequest, "bad_request", "Your address could not be read.")
		}
		var subject Subject
		if identify != nil {
			subject = identify(c)
		}
		fctx := c.Context()
		err := upgrader.Upgrade(fctx, func(ws *websocket.Conn) {
			defer func() {
				if p := recover(); p != nil {
					h.opt.Logger.Error("panic in socket handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
				}
			}()
			// fasthttp keeps the request for as long as the socket lives;
			// its headers and buffers are no longer needed.
			fctx.Request = fasthttp.Request{}
			fctx.Response = fasthttp.Response{}
			h.serve(ws, addr, subject, handler)
		})
		if err != nil {
			return fiber.ErrUpgradeRequired
		}
		return nil
	}
}

// readBufferSize is the socket's read buffer: an answer frame is about 50
// bytes; longer frames (up to the read limit) take several reads.
const readBufferSize = 512

func refuse(c *fiber.Ctx, status int, code, message string) error {
	return c.Status(status).JSON(fiber.Map{"error": fiber.Map{"code": code, "message": message}})
}

// originAllowed accepts the server's own host, the configured extra
// origins, and requests without an Origin header (not from a browser, so
// no cross-site hijacking is possible).
func (h *Hub) originAllowed(c *fiber.Ctx) bool {
	origin := c.Get(fiber.HeaderOrigin)
	if origin == "" {
		return true
	}
	for _, o := range h.opt.AllowedOrigins {
		if strings.EqualFold(strings.TrimSuffix(o, "/"), origin) {
			return true
		}
	}
	u, err := url.Parse(origin)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return false
	}
	return strings.EqualFold(u.Host, c.Hostname())
}

// serve runs one socket on the goroutine fasthttp gave the hijacked
// connection: admission, then the reader loop here; the writer runs on its
// own goroutine only while there is something to write (writer.go).
func (h *Hub) serve(ws *websocket.Conn, addr netip.Addr, subject Subject, handler Handler) {
	if err := h.admit(addr); err != nil {
		h.refuseSocket(ws, err)
		return
	}
	defer h.release(addr)
	opt := &h.opt
	// fasthttp's hijacked connection ignores Close (it closes the socket
	// itself when this handler returns); abort needs the real one.
	conn := ws.NetConn()
	raw := conn
	if u, ok := raw.(interface{ UnsafeConn() net.Conn }); ok {
		raw = u.UnsafeConn()
	}
	c := &Conn{
		hub: h, id: h.nextID.Add(1), ws: ws, net: conn, raw: raw, addr: addr,
		limiter: rate.NewLimiter(opt.MsgRate, opt.MsgBurst),
		done:    make(chan struct{}),
		// An anonymous socket keeps its browser's device id (no Kind: it is
		// in no subject index); a signed-in one gets its subject below.
		subject: Subject{Device: subject.Device},
	}
	h.register(c)
	ws.SetReadLimit(opt.ReadLimit)
	_ = ws.SetReadDeadline(time.Now().Add(opt.PongWait))
	ws.SetPongHandler(func(string) error {
		if !c.isClosing() {
			_ = ws.SetReadDeadline(time.Now().Add(opt.PongWait))
		}
		return nil
	})
	// The peer's pings and close frames are answered through the writer,
	// after what is queued, so the library never writes between our frames.
	ws.SetPingHandler(c.answerPing)
	ws.SetCloseHandler(func(code int, _ string) error {
		c.Close(code, "")
		return nil
	})
	c.mu.Lock()
	c.pinger = time.AfterFunc(opt.PingInterval, c.ping)
	c.mu.Unlock()
	authTimer := time.AfterFunc(opt.AuthTimeout, func() {
		if !c.Authenticated() {
			h.met.refused.WithLabelValues("auth_timeout").Inc()
			c.Close(ClosePolicy, "Joining took too long. Please try again.")
		}
	})
	// Whatever happens in a handler (a panic included), the socket ends,
	// leaves its topics, and its slot and address count are given back
	// (release, deferred above).
	defer func() {
		p := recover()
		authTimer.Stop()
		if p != nil {
			h.met.panics.Inc()
			h.opt.Logger.Error("panic in socket handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			c.Close(CloseInternal, "Something went wrong on our side. Please join again.")
		}
		c.Close(websocket.CloseNormalClosure, "")
		// Closed first, so a ping firing now does not set the timer again.
		c.mu.Lock()
		c.pinger.Stop()
		c.mu.Unlock()
		<-c.done
		h.unregister(c)
		h.closeHandler(handler, c)
	}()
	if subject.Kind != "" {
		c.Authenticate(subject)
	}
	c.readLoop(handler)
}

// closeHandler runs handler.HandleClose, which must not take the hub down
// with a panic either.
func (h *Hub) closeHandler(handler Handler, c *Conn) {
	defer func() {
		if p := recover(); p != nil {
			h.met.panics.Inc()
			h.opt.Logger.Error("panic in socket close handler", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	handler.HandleClose(c)
}

// refuseSocket closes a socket over a cap with the reason in the close frame.
func (h *Hub) refuseSocket(ws *websocket.Conn, err error) {
	code, reason, label := 1013, "The server is full right now. Try again in a minute.", "box_full"
	switch err {
	case ErrAddrFull:
		code, reason, label = 1013, "Too many connections from your network. Try again in a minute.", "addr_full"
	case ErrStopping:
		code, reason, label = CloseGoingAway, "The server is stopping. Try again in a minute.", "stopping"
	}
	h.met.refused.WithLabelValues(label).Inc()
	deadline := time.Now().Add(2 * time.Second)
	_ = ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(code, reason), deadline)
	// Wait briefly for the close reply so the frame is not lost to a reset.
	_ = ws.SetReadDeadline(deadline)
	ws.SetReadLimit(512)
	for i := 0; i < 4; i++ {
		if _, _, err := ws.ReadMessage(); err != nil {
			return
		}
	}
}
