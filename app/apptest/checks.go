package apptest

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"fmt"
	"net"
	"net/url"
	"sync"
	"time"

	"github.com/fasthttp/websocket"
)

// DBDigest summarises every row of the accounts area, so a test can show
// that a refused request changed nothing.
func (ta *App) DBDigest() string {
	ta.T.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT id, email, display_name, school, role, password_hash, coalesce(disabled_at, -1), updated_at, last_login_at FROM accounts ORDER BY id`,
		`SELECT hex(token_hash), subject_kind, subject_id, expires_at FROM sessions ORDER BY token_hash`,
		`SELECT id, purpose, coalesce(used_at, -1), expires_at FROM account_tokens ORDER BY id`,
		`SELECT id, action, actor_label, target_label, detail FROM audit_log ORDER BY id`,
	} {
		rows, err := ta.App.Store().Reader.Query(q)
		if err != nil {
			ta.T.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]sql.RawBytes, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				ta.T.Fatal(err)
			}
			for _, v := range vals {
				fmt.Fprintf(h, "%q|", v)
			}
			h.Write([]byte("\n"))
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// WaitSetupURL returns the first-run link the appliance logged at start.
func (ta *App) WaitSetupURL() string {
	ta.T.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if u := ta.App.SetupURL(); u != "" {
			return u
		}
		time.Sleep(10 * time.Millisecond)
	}
	ta.T.Fatal("the appliance logged no setup link within 10s")
	return ""
}

// DialFrom opens /ws from a given loopback address (127.0.0.x).
func (ta *App) DialFrom(local string) (*WSClient, error) {
	u, _ := url.Parse(ta.URL)
	d := websocket.Dialer{HandshakeTimeout: 5 * time.Second, NetDial: func(network, addr string) (net.Conn, error) {
		nd := net.Dialer{LocalAddr: &net.TCPAddr{IP: net.ParseIP(local)}, Timeout: 5 * time.Second}
		return nd.Dial(network, addr)
	}}
	ws, resp, err := d.Dial("ws://"+u.Host+"/ws", nil)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	if err != nil {
		return nil, err
	}
	ta.T.Cleanup(func() { _ = ws.Close() })
	return &WSClient{T: ta.T, WS: ws, Name: local}, nil
}

// LockedBuffer is a log destination safe for the server's goroutines.
type LockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (l *LockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.Write(p)
}

func (l *LockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.buf.String()
}
