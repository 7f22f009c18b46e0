package hub

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
	"github.com/gofiber/fiber/v2"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/testutil"
)

// testHandler understands a tiny text protocol:
// "auth", "auth:account:5", "sub:TOPIC", "echo:TEXT".
type testHandler struct {
	messages     atomic.Int64
	closed       atomic.Int64
	panicOnClose atomic.Bool
}

func (th *testHandler) HandleMessage(c *Conn, data []byte) {
	th.messages.Add(1)
	msg := string(data)
	switch {
	case msg == "auth":
		c.Authenticate(Subject{})
		c.Send([]byte("authed"))
	case strings.HasPrefix(msg, "auth:"):
		parts := strings.Split(msg, ":")
		id, _ := strconv.ParseInt(parts[2], 10, 64)
		c.Authenticate(Subject{Kind: parts[1], ID: id})
		c.Send([]byte("authed"))
	case strings.HasPrefix(msg, "sub:"):
		if err := c.Subscribe(msg[4:]); err != nil {
			c.Send([]byte("full"))
			return
		}
		c.Send([]byte("subscribed"))
	case strings.HasPrefix(msg, "echo:"):
		c.Send(data[5:])
	case msg == "panic":
		panic("test handler panics")
	}
}

func (th *testHandler) HandleClose(c *Conn) {
	th.closed.Add(1)
	if th.panicOnClose.Load() {
		panic("test close handler panics")
	}
}

type testServer struct {
	hub     *Hub
	handler *testHandler
	url     string
	host    string
}

func startHub(t *testing.T, opt Options) *testServer {
	t.Helper()
	if opt.Registerer == nil {
		opt.Registerer = prometheus.NewRegistry()
	}
	h := New(opt)
	th := &testHandler{}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/ws", h.Endpoint(nil, th))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	t.Cleanup(func() {
		h.Shutdown(closedAfter(2 * time.Second))
		_ = app.Shutdown()
	})
	return &testServer{hub: h, handler: th, url: "ws://" + ln.Addr().String() + "/ws", host: ln.Addr().String()}
}

func closedAfter(d time.Duration) <-chan struct{} {
	ch := make(chan struct{})
	time.AfterFunc(d, func() { close(ch) })
	return ch
}

func (ts *testServer) dial(t *testing.T, header http.Header) *websocket.Conn {
	t.Helper()
	ws, resp, err := ts.tryDial(header)
	if err != nil {
		status := 0
		if resp != nil {
			status = resp.StatusCode
		}
		t.Fatalf("dial: %v (status %d)", err, status)
	}
	t.Cleanup(func() { _ = ws.Close() })
	return ws
}

func (ts *testServer) tryDial(header http.Header) (*websocket.Conn, *http.Response, error) {
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	return d.Dial(ts.url, header)
}

// expect reads the next text message and checks it.
func expect(t *testing.T, ws *websocket.Conn, want string) {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(5 * time.Second))
	_, got, err := ws.ReadMessage()
	if err != nil {
		t.Fatalf("reading %q: %v", want, err)
	}
	if string(got) != want {
		t.Fatalf("got %q, want %q", got, want)
	}
}

func send(t *testing.T, ws *websocket.Conn, msg string) {
	t.Helper()
	_ = ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := ws.WriteMessage(websocket.TextMessage, []byte(msg)); err != nil {
		t.Fatalf("send %q: %v", msg, err)
	}
}

// expectClose reads until the socket closes and returns the close error.
func expectClose(t *testing.T, ws *websocket.Conn, wantCode int) *websocket.CloseError {
	t.Helper()
	_ = ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	for i := 0; i < 10_000; i++ {
		_, _, err := ws.ReadMessage()
		if err == nil {
			continue
		}
		var ce *websocket.CloseError
		if !errors.As(err, &ce) {
			t.Fatalf("want close %d, got %v", wantCode, err)
		}
		if ce.Code != wantCode {
			t.Fatalf("close code %d (%q), want %d", ce.Code, ce.Text, wantCode)
		}
		return ce
	}
	t.Fatal("socket did not close")
	return nil
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for i := 0; i < 500; i++ {
		if cond() {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestEchoAndPublish(t *testing.T) {
	ts := startHub(t, Options{})
	a, b := ts.dial(t, nil), ts.dial(t, nil)
	for _, ws := range []*websocket.Conn{a, b} {
		send(t, ws, "auth")
		expect(t, ws, "authed")
		send(t, ws, "sub:game:1")
		expect(t, ws, "subscribed")
	}
	send(t, a, "echo:hello")
	expect(t, a, "hello")
	if n := ts.hub.Publish("game:1", []byte("question")); n != 2 {
		t.Fatalf("published to %d sockets, want 2", n)
	}
	expect(t, a, "question")
	expect(t, b, "question")
	if n := ts.hub.Publish("game:2", []byte("nobody")); n != 0 {
		t.Fatalf("published to %d sockets of an empty topic", n)
	}
}

func TestSlowConsumerIsClosedAndDoesNotBlockOthers(t *testing.T) {
	ts := startHub(t, Options{SendQueue: 8})
	slow, fast := ts.dial(t, nil), ts.dial(t, nil)
	for _, ws := range []*websocket.Conn{slow, fast} {
		send(t, ws, "auth")
		expect(t, ws, "authed")
		send(t, ws, "sub:t")
		expect(t, ws, "subscribed")
	}
	// The fast socket reads everything; the slow one reads nothing, so its
	// TCP buffers fill, its writer blocks, and its queue overflows.
	got := make(chan int, 1)
	go func() {
		n := 0
		_ = fast.SetReadDeadline(time.Now().Add(60 * time.Second))
		for {
			if _, _, err := fast.ReadMessage(); err != nil {
				return
			}
			n++
			got <- n
		}
	}()
	payload := []byte(strings.Repeat("x", 64<<10))
	rounds := 0
	for ; rounds < 5000 && ts.hub.Subscribers("t") == 2; rounds++ {
		ts.hub.Publish("t", payload)
		select {
		case <-got:
		case <-time.After(10 * time.Second):
			t.Fatalf("fast socket stopped receiving at round %d", rounds)
		}
	}
	if ts.hub.Subscribers("t") != 1 {
		t.Fatalf("slow socket still subscribed after %d rounds", rounds)
	}
	if v := testutil.ToFloat64(ts.hub.met.slow); v != 1 {
		t.Fatalf("slow closed metric = %v, want 1", v)
	}
	// The fast one carries on.
	for i := 0; i < 20; i++ {
		if n := ts.hub.Publish("t", []byte("more")); n != 1 {
			t.Fatalf("publish reached %d sockets, want 1", n)
		}
		select {
		case <-got:
		case <-time.After(10 * time.Second):
			t.Fatal("fast socket stopped receiving after the slow one was cut")
		}
	}
	// The slow socket is really gone: reading ends in an error.
	_ = slow.SetReadDeadline(time.Now().Add(10 * time.Second))
	var err error
	for i := 0; i < 100_000 && err == nil; i++ {
		_, _, err = slow.ReadMessage()
	}
	if err == nil {
		t.Fatal("slow socket never ended")
	}
}

func TestReadLimit(t *testing.T) {
	ts := startHub(t, Options{})
	ws := ts.dial(t, nil)
	send(t, ws, "auth")
	expect(t, ws, "authed")
	send(t, ws, "echo:"+strings.Repeat("a", 4096))
	expectClose(t, ws, CloseTooBig)
	// Exactly at the limit is fine.
	ws2 := ts.dial(t, nil)
	send(t, ws2, "auth")
	expect(t, ws2, "authed")
	body := strings.Repeat("b", 4096-len("echo:"))
	send(t, ws2, "echo:"+body)
	expect(t, ws2, body)
}

func TestAuthenticationDeadline(t *testing.T) {
	ts := startHub(t, Options{AuthTimeout: 200 * time.Millisecond})
	silent := ts.dial(t, nil)
	ce := expectClose(t, silent, ClosePolicy)
	if !strings.Contains(ce.Text, "too long") {
		t.Fatalf("close reason %q", ce.Text)
	}
	authed := ts.dial(t, nil)
	send(t, authed, "auth")
	expect(t, authed, "authed")
	time.Sleep(400 * time.Millisecond) // past the deadline: must still be open
	send(t, authed, "echo:still here")
	expect(t, authed, "still here")
}

func TestSessionOnUpgradeAuthenticates(t *testing.T) {
	h := New(Options{AuthTimeout: 100 * time.Millisecond, Registerer: prometheus.NewRegistry()})
	th := &testHandler{}
	app := fiber.New(fiber.Config{DisableStartupMessage: true})
	app.Get("/ws", h.Endpoint(func(c *fiber.Ctx) Subject {
		if c.Cookies("session") == "teacher" {
			return Subject{Kind: "account", ID: 9, Session: "k1"}
		}
		return Subject{}
	}, th))
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go func() { _ = app.Listener(ln) }()
	defer func() { _ = app.Shutdown() }()
	ts := &testServer{hub: h, handler: th, url: "ws://" + ln.Addr().String() + "/ws"}
	ws := ts.dial(t, http.Header{"Cookie": {"session=teacher"}})
	time.Sleep(300 * time.Millisecond)
	send(t, ws, "echo:ok")
	expect(t, ws, "ok")
	h.CloseSession("other")
	send(t, ws, "echo:still")
	expect(t, ws, "still")
	h.CloseSession("k1")
	expectClose(t, ws, CloseSignedOut)
	ws2 := ts.dial(t, http.Header{"Cookie": {"session=teacher"}})
	send(t, ws2, "echo:ok")
	expect(t, ws2, "ok")
	h.CloseSubject("account", 9)
	expectClose(t, ws2, CloseSignedOut)
}

func TestFloodIsRateLimitedThenClosed(t *testing.T) {
	ts := startHub(t, Options{MsgRate: 5, MsgBurst: 5, FloodDrops: 30})
	ws := ts.dial(t, nil)
	for i := 0; i < 200; i++ {
		if err := ws.WriteMessage(websocket.TextMessage, []byte("echo:x")); err != nil {
			break // the server may already have closed
		}
	}
	sawLimited := false
	_ = ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	var ce *websocket.CloseError
	for i := 0; i < 1000; i++ {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			if !errors.As(err, &ce) {
				t.Fatalf("want a close frame, got %v", err)
			}
			break
		}
		if strings.Contains(string(msg), `"rate_limited"`) {
			sawLimited = true
		}
	}
	if ce == nil || ce.Code != ClosePolicy {
		t.Fatalf("want close %d, got %v", ClosePolicy, ce)
	}
	if !sawLimited {
		t.Fatal("no rate_limited error frame before the close")
	}
	if n := ts.handler.messages.Load(); n > 10 {
		t.Fatalf("handler saw %d messages of a flood limited to a burst of 5", n)
	}
}

func TestBoxAndAddressCaps(t *testing.T) {
	t.Run("box", func(t *testing.T) {
		ts := startHub(t, Options{MaxTotal: 3, MaxPerAddr: 3})
		for i := 0; i < 3; i++ {
			ws := ts.dial(t, nil)
			send(t, ws, "auth")
			expect(t, ws, "authed")
		}
		over := ts.dial(t, nil)
		ce := expectClose(t, over, 1013)
		if !strings.Contains(ce.Text, "full") {
			t.Fatalf("reason %q", ce.Text)
		}
		if v := testutil.ToFloat64(ts.hub.met.refused.WithLabelValues("box_full")); v != 1 {
			t.Fatalf("box_full refusals = %v", v)
		}
	})
	t.Run("address", func(t *testing.T) {
		ts := startHub(t, Options{MaxTotal: 10, MaxPerAddr: 2})
		a, b := ts.dial(t, nil), ts.dial(t, nil)
		for _, ws := range []*websocket.Conn{a, b} {
			send(t, ws, "auth")
			expect(t, ws, "authed")
		}
		ce := expectClose(t, ts.dial(t, nil), 1013)
		if !strings.Contains(ce.Text, "your network") {
			t.Fatalf("reason %q", ce.Text)
		}
		// A slot frees when a socket leaves.
		_ = a.Close()
		waitFor(t, "a slot to free", func() bool { return ts.hub.Open() == 1 })
		c := ts.dial(t, nil)
		send(t, c, "auth")
		expect(t, c, "authed")
	})
	t.Run("trusted network exempt", func(t *testing.T) {
		ts := startHub(t, Options{MaxTotal: 10, MaxPerAddr: 1,
			TrustedNetworks: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8")}})
		for i := 0; i < 3; i++ {
			ws := ts.dial(t, nil)
			send(t, ws, "auth")
			expect(t, ws, "authed")
		}
	})
	t.Run("topic", func(t *testing.T) {
		ts := startHub(t, Options{TopicCap: func(topic string) int {
			if strings.HasPrefix(topic, "game:") {
				return 2
			}
			return 0
		}})
		for i := 0; i < 3; i++ {
			ws := ts.dial(t, nil)
			send(t, ws, "sub:game:1")
			if i < 2 {
				expect(t, ws, "subscribed")
			} else {
				expect(t, ws, "full")
			}
			send(t, ws, "sub:class:1")
			expect(t, ws, "subscribed")
		}
	})
}

func TestOriginCheck(t *testing.T) {
	ts := startHub(t, Options{AllowedOrigins: []string{"https://games.school.example"}})
	for _, tc := range []struct {
		origin string
		ok     bool
	}{
		{"", true},
		{"http://" + ts.host, true},
		{"https://games.school.example", true},
		{"http://evil.example", false},
		{"null", false},
		{"http://" + ts.host + ".evil.example", false},
		{"ftp://" + ts.host, false},
	} {
		h := http.Header{}
		if tc.origin != "" {
			h.Set("Origin", tc.origin)
		}
		ws, resp, err := ts.tryDial(h)
		if tc.ok {
			if err != nil {
				t.Errorf("origin %q refused: %v", tc.origin, err)
				continue
			}
			_ = ws.Close()
			continue
		}
		if err == nil {
			_ = ws.Close()
			t.Errorf("origin %q accepted", tc.origin)
			continue
		}
		if resp == nil || resp.StatusCode != http.StatusForbidden {
			t.Errorf("origin %q: want 403, got %v", tc.origin, resp)
		}
	}
}

func TestPlainHTTPIsRefused(t *testing.T) {
	ts := startHub(t, Options{})
	resp, err := http.Get("http://" + ts.host + "/ws")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusUpgradeRequired {
		t.Fatalf("status %d", resp.StatusCode)
	}
}

func TestBinaryFrameIsRefused(t *testing.T) {
	ts := startHub(t, Options{})
	ws := ts.dial(t, nil)
	if err := ws.WriteMessage(websocket.BinaryMessage, []byte{1, 2, 3}); err != nil {
		t.Fatal(err)
	}
	expectClose(t, ws, CloseUnsupported)
}

func TestMissingPongsCloseTheSocket(t *testing.T) {
	// The pong wait leaves a loaded box (CI runs packages side by side)
	// room to schedule the answering client: at 300 ms it was once reaped
	// too.
	const pongWait = 1500 * time.Millisecond
	ts := startHub(t, Options{PingInterval: 100 * time.Millisecond, PongWait: pongWait})
	alive, silent := ts.dial(t, nil), ts.dial(t, nil)
	// Replying to pings happens while the client reads; the silent one
	// reads but swallows the pings.
	silent.SetPingHandler(func(string) error { return nil })
	for _, ws := range []*websocket.Conn{alive, silent} {
		send(t, ws, "auth")
		expect(t, ws, "authed")
	}
	silentDone := make(chan struct{})
	go func() {
		defer close(silentDone)
		_ = silent.SetReadDeadline(time.Now().Add(10 * time.Second))
		for {
			if _, _, err := silent.ReadMessage(); err != nil {
				return
			}
		}
	}()
	aliveErr := make(chan error, 1)
	go func() {
		_ = alive.SetReadDeadline(time.Now().Add(30 * time.Second))
		_, _, err := alive.ReadMessage() // answers pings meanwhile
		aliveErr <- err
	}()
	select {
	case <-silentDone:
	case <-time.After(10 * time.Second):
		t.Fatal("the silent socket was not reaped")
	}
	// Two pong waits later the answering socket is still open.
	time.Sleep(2 * pongWait)
	select {
	case err := <-aliveErr:
		t.Fatalf("the answering socket ended: %v", err)
	default:
	}
	if n := ts.hub.Open(); n != 1 {
		t.Fatalf("open sockets = %d, want 1", n)
	}
}

func TestCloseSubject(t *testing.T) {
	ts := startHub(t, Options{})
	var mine []*websocket.Conn
	for i := 0; i < 2; i++ {
		ws := ts.dial(t, nil)
		send(t, ws, "auth:student:5")
		expect(t, ws, "authed")
		mine = append(mine, ws)
	}
	other := ts.dial(t, nil)
	send(t, other, "auth:student:6")
	expect(t, other, "authed")
	ts.hub.CloseSubject("student", 5)
	for _, ws := range mine {
		expectClose(t, ws, CloseSignedOut)
	}
	send(t, other, "echo:fine")
	expect(t, other, "fine")
}

func TestShutdownTellsEverySocket(t *testing.T) {
	ts := startHub(t, Options{})
	var socks []*websocket.Conn
	for i := 0; i < 5; i++ {
		ws := ts.dial(t, nil)
		send(t, ws, "auth")
		expect(t, ws, "authed")
		socks = append(socks, ws)
	}
	go ts.hub.Shutdown(closedAfter(5 * time.Second))
	for _, ws := range socks {
		ce := expectClose(t, ws, CloseGoingAway)
		if !strings.Contains(ce.Text, "stopping") {
			t.Fatalf("reason %q", ce.Text)
		}
	}
	expectClose(t, ts.dial(t, nil), CloseGoingAway)
	waitFor(t, "handlers to see the closes", func() bool { return ts.handler.closed.Load() == 5 })
}

func TestPanicInHandlerFreesTheSlot(t *testing.T) {
	ts := startHub(t, Options{MaxTotal: 2, MaxPerAddr: 2})
	for round := 0; round < 3; round++ {
		ts.handler.panicOnClose.Store(round == 2)
		a, b := ts.dial(t, nil), ts.dial(t, nil)
		for _, ws := range []*websocket.Conn{a, b} {
			send(t, ws, "auth")
			expect(t, ws, "authed")
			send(t, ws, "sub:t")
			expect(t, ws, "subscribed")
		}
		send(t, a, "panic")
		expectClose(t, a, CloseInternal)
		send(t, b, "panic")
		expectClose(t, b, CloseInternal)
		waitFor(t, "both sockets to be released", func() bool {
			ts.hub.mu.RLock()
			defer ts.hub.mu.RUnlock()
			return len(ts.hub.conns) == 0 && ts.hub.reserved == 0 && len(ts.hub.perAddr) == 0 && len(ts.hub.topics) == 0
		})
		if got := ts.handler.closed.Load(); got != int64(2*(round+1)) {
			t.Fatalf("round %d: HandleClose ran %d times, want %d", round, got, 2*(round+1))
		}
	}
	if v := testutil.ToFloat64(ts.hub.met.panics); v != 8 {
		t.Fatalf("panics metric = %v, want 8 (6 handler + 2 close handler)", v)
	}
	// The slots are free: two sockets fit again.
	for i := 0; i < 2; i++ {
		ws := ts.dial(t, nil)
		send(t, ws, "echo:hi")
		expect(t, ws, "hi")
	}
}

func TestManyFramesKeepTheirOrderAndWritersExit(t *testing.T) {
	ts := startHub(t, Options{SendQueue: 4096})
	const sockets, frames = 20, 2000
	var conns []*websocket.Conn
	for i := 0; i < sockets; i++ {
		ws := ts.dial(t, nil)
		send(t, ws, "auth")
		expect(t, ws, "authed")
		send(t, ws, "sub:t")
		expect(t, ws, "subscribed")
		conns = append(conns, ws)
	}
	errs := make(chan error, sockets)
	for _, ws := range conns {
		go func(ws *websocket.Conn) {
			_ = ws.SetReadDeadline(time.Now().Add(30 * time.Second))
			for i := 0; i < frames; i++ {
				_, got, err := ws.ReadMessage()
				if err != nil {
					errs <- fmt.Errorf("frame %d: %w", i, err)
					return
				}
				if prefix := strconv.Itoa(i) + ":"; !strings.HasPrefix(string(got), prefix) {
					errs <- fmt.Errorf("frame %d out of order: %.20q", i, got)
					return
				}
			}
			errs <- nil
		}(ws)
	}
	for i := 0; i < frames; i++ {
		// Sizes cross the 125- and 65535-byte length encodings.
		size := []int{1, 125, 126, 300, 1, 40}[i%6]
		if i%100 == 99 {
			size = []int{65535, 65536, 70000}[(i/100)%3]
		}
		msg := []byte(strconv.Itoa(i) + ":" + strings.Repeat("x", size))
		if n := ts.hub.Publish("t", msg); n != sockets {
			t.Fatalf("frame %d reached %d sockets", i, n)
		}
	}
	for range conns {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	waitFor(t, "every writer to exit", func() bool {
		ts.hub.mu.RLock()
		defer ts.hub.mu.RUnlock()
		for c := range ts.hub.conns {
			c.mu.Lock()
			w := c.writing
			c.mu.Unlock()
			if w {
				return false
			}
		}
		return true
	})
	if v := testutil.ToFloat64(ts.hub.met.out); v != float64(2*sockets+sockets*frames) {
		t.Fatalf("messages out = %v, want %d", v, 2*sockets+sockets*frames)
	}
}

func TestPeerPingGetsPong(t *testing.T) {
	ts := startHub(t, Options{})
	ws := ts.dial(t, nil)
	pong := make(chan string, 1)
	ws.SetPongHandler(func(s string) error { pong <- s; return nil })
	send(t, ws, "auth")
	expect(t, ws, "authed")
	if err := ws.WriteControl(websocket.PingMessage, []byte("are you there"), time.Now().Add(5*time.Second)); err != nil {
		t.Fatal(err)
	}
	send(t, ws, "echo:after")
	expect(t, ws, "after") // reading processes the pong first
	select {
	case got := <-pong:
		if got != "are you there" {
			t.Fatalf("pong %q", got)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no pong")
	}
}

func TestClientCloseIsEchoed(t *testing.T) {
	ts := startHub(t, Options{})
	ws := ts.dial(t, nil)
	send(t, ws, "auth")
	expect(t, ws, "authed")
	if err := ws.WriteControl(websocket.CloseMessage, websocket.FormatCloseMessage(4100, "bye"), time.Now().Add(5*time.Second)); err != nil {
		t.Fatal(err)
	}
	expectClose(t, ws, 4100)
	waitFor(t, "the socket to be released", func() bool { return ts.hub.Open() == 0 })
}

func TestQueuedFramesGoOutBeforeTheCloseFrame(t *testing.T) {
	ts := startHub(t, Options{})
	ws := ts.dial(t, nil)
	send(t, ws, "auth")
	expect(t, ws, "authed")
	var c *Conn
	ts.hub.mu.RLock()
	for k := range ts.hub.conns {
		c = k
	}
	ts.hub.mu.RUnlock()
	waitFor(t, "the writer to go idle", func() bool {
		c.mu.Lock()
		defer c.mu.Unlock()
		return !c.writing
	})
	for i := 0; i < 50; i++ {
		if !c.Send([]byte("frame " + strconv.Itoa(i))) {
			t.Fatalf("send %d refused", i)
		}
	}
	c.Close(CloseKicked, "You were removed from the game.")
	if c.Send([]byte("after close")) {
		t.Fatal("a closed socket took a frame")
	}
	for i := 0; i < 50; i++ {
		expect(t, ws, "frame "+strconv.Itoa(i))
	}
	if ce := expectClose(t, ws, CloseKicked); ce.Text != "You were removed from the game." {
		t.Fatalf("close reason %q", ce.Text)
	}
	select {
	case <-c.done:
	case <-time.After(5 * time.Second):
		t.Fatal("the writer did not finish after the close")
	}
	waitFor(t, "the socket to be released", func() bool { return ts.hub.Open() == 0 })
}
