package apptest

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

// WSClient is a test browser's socket: JSON frames in and out.
type WSClient struct {
	T    testing.TB
	WS   *websocket.Conn
	Name string // shown in failure messages
}

// Dial opens /ws like a browser of this app would (same Origin), with the
// session cookies of client (nil: none); query is e.g. "as=student".
func (ta *App) Dial(client *http.Client, query string) *WSClient {
	ta.T.Helper()
	ws, err := ta.TryDial(client, query, ta.URL)
	if err != nil {
		ta.T.Fatalf("dial /ws: %v", err)
	}
	c := &WSClient{T: ta.T, WS: ws}
	ta.T.Cleanup(func() { _ = ws.Close() })
	return c
}

func (ta *App) TryDial(client *http.Client, query, origin string) (*websocket.Conn, error) {
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

func (c *WSClient) Send(v any) {
	c.T.Helper()
	var b []byte
	switch m := v.(type) {
	case string:
		b = []byte(m)
	default:
		b, _ = json.Marshal(v)
	}
	_ = c.WS.SetWriteDeadline(time.Now().Add(5 * time.Second))
	if err := c.WS.WriteMessage(websocket.TextMessage, b); err != nil {
		c.T.Fatalf("%s: send: %v", c.Name, err)
	}
}

// Next reads frames until one of type typ (skipping the others) and
// returns it; an error frame when typ is not "error" fails the test.
func (c *WSClient) Next(typ string) map[string]any {
	c.T.Helper()
	_ = c.WS.SetReadDeadline(time.Now().Add(10 * time.Second))
	for i := 0; i < 500; i++ {
		_, data, err := c.WS.ReadMessage()
		if err != nil {
			c.T.Fatalf("%s: waiting for %q: %v", c.Name, typ, err)
		}
		var m map[string]any
		if err := json.Unmarshal(data, &m); err != nil {
			c.T.Fatalf("%s: not JSON: %s", c.Name, data)
		}
		if m["type"] == typ {
			return m
		}
		if m["type"] == "error" {
			c.T.Fatalf("%s: waiting for %q got error %v", c.Name, typ, m)
		}
	}
	c.T.Fatalf("%s: no %q in 500 frames", c.Name, typ)
	return nil
}

// Error expects an error frame with code.
func (c *WSClient) Error(code string) map[string]any {
	c.T.Helper()
	m := c.Next("error")
	if m["code"] != code {
		c.T.Fatalf("%s: error %v, want %s", c.Name, m, code)
	}
	if msg, _ := m["message"].(string); msg == "" {
		c.T.Fatalf("%s: error without a message: %v", c.Name, m)
	}
	return m
}

// Closed reads until the server closes the socket and returns the code.
func (c *WSClient) Closed() (int, string) {
	c.T.Helper()
	_ = c.WS.SetReadDeadline(time.Now().Add(10 * time.Second))
	for i := 0; i < 1000; i++ {
		if _, _, err := c.WS.ReadMessage(); err != nil {
			var ce *websocket.CloseError
			if errors.As(err, &ce) {
				return ce.Code, ce.Text
			}
			c.T.Fatalf("%s: socket ended without a close frame: %v", c.Name, err)
		}
	}
	c.T.Fatalf("%s: socket did not close", c.Name)
	return 0, ""
}

func Num(m map[string]any, Key string) int {
	f, _ := m[Key].(float64)
	return int(f)
}
