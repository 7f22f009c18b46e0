package main

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// wsClient is a test browser's socket: JSON frames in and out.
type wsClient struct {
	t    testing.TB
	ws   *websocket.Conn
	name string
}

// Dial opens /ws like a browser of this app would (same Origin), with the
// session cookies of client (nil: none); query is e.g. "as=student".
func (ta *testApp) Dial(client *http.Client, query string) *wsClient {
	ta.t.Helper()
	ws, err := ta.tryDial(client, query, ta.URL)
	if err != nil {
		ta.t.Fatalf("dial /ws: %v", err)
	}
	c := &wsClient{t: ta.t, ws: ws}
	ta.t.Cleanup(func() { _ = ws.Close() })
	return c
}

func (ta *testApp) tryDial(client *http.Client, query, origin string) (*websocket.Conn, error) {
	u, _ := url.Parse(ta.URL)
	h := http.Header{}
	if origin != "" {
		h.Set("Origin", origin)
	}
	if client != nil {
		var parts []string
		for _, ck := range client.Jar.Cookies(u) {
			parts = append(parts, ck.Name+"="+ck.Value)
		}
		h.Set("Cookie", strings.Join(parts, "; "))
	}
	target := "ws://" + u.Host + "/ws"
	if query != "" {
		target += "?" + query
	}
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
	ws, resp, err := d.Dial(target, h)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	return ws, err
}

func (c *wsClient) Send(v any) {
	c.t.Helper()
	var b []byte
	switch m := v.(type) {
	case string:
		b = []byte(m)
	default:
		b, _ = json.Marshal(v)
	}
	_ = c.ws.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := c.ws.WriteMessage(websocket.TextMessage, b); err != nil {
		c.t.Fatalf("%s: send: %v", c.name, err)
	}
}

// Next reads frames until one of type typ (skipping the others) and
// returns it; an error frame when typ is not "error" fails the test.
func (c *wsClient) Next(typ string) map[string]any {
	c.t.Helper()
	_ = c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	for i := 0; i < 500; i++ {
		_, data, err := c.ws.ReadMessage()
		if err != nil {
			c.t.Fatalf("%s: waiting for %q: %v", c.name, typ, err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			c.t.Fatalf("%s: not JSON: %s", c.name, data)
		}
		if m["type"] == typ {
			return m
		}
		if m["type"] == "error" {
			c.t.Fatalf("%s: waiting for %q got error %v", c.name, typ, m)
		}
	}
	c.t.Fatalf("%s: no %q in 500 frames", c.name, typ)
	return nil
}

// Error expects an error frame with code.
func (c *wsClient) Error(code string) map[string]any {
	c.t.Helper()
	m := c.Next("error")
	if m["code"] != code {
		c.t.Fatalf("%s: error %v, want %s", c.name, m, code)
	}
	if msg, _ := m["message"].(string); msg == "" {
		c.t.Fatalf("%s: error without a message: %v", c.name, m)
	}
	return m
}

// Closed reads until the server closes the socket and returns the code.
func (c *wsClient) Closed() (int, string) {
	c.t.Helper()
	_ = c.ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	for i := 0; i < 1000; i++ {
		if _, _, err := c.ws.ReadMessage(); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				return ce.Code, ce.Text
			}
			c.t.Fatalf("%s: socket ended without a close frame: %v", c.name, err)
		}
	}
	c.t.Fatalf("%s: socket did not close", c.name)
	return 0, ""
}

func num(m map[string]any, key string) int {
	f, _ := m[key].(float64)
	return int(f)
}
