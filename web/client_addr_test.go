package web

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/sqlitestore/storetest"
)

// liveServer is the web server with accounts on a real loopback listener,
// so requests have a real peer address and share keep-alive connections
// (fasthttp then reuses one request buffer for all of them).
type liveServer struct {
	url    string
	svc    *accounts.Service
	client *http.Client
}

func startLive(t *testing.T, mutate func(*config.Config)) *liveServer {
	t.Helper()
	cfg := config.Default()
	if mutate != nil {
		mutate(&cfg)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := accounts.New(storetest.New(t), accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>t</title>")}}
	srv, err := New(Deps{Config: cfg, Logger: log, UI: ui, Accounts: svc, Registry: prometheus.NewRegistry()})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { _ = srv.App().ShutdownWithTimeout(5 * time.Second) })
	// One connection, kept alive: every request reuses the server's buffers.
	tr := &http.Transport{MaxConnsPerHost: 1, MaxIdleConnsPerHost: 1}
	t.Cleanup(tr.CloseIdleConnections)
	return &liveServer{url: "http://" + ln.Addr().String(), svc: svc, client: &http.Client{Transport: tr, Timeout: 10 * time.Second}}
}

func (ls *liveServer) do(t *testing.T, method, path, body string, header map[string]string) (int, http.Header, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, ls.url+path, r)
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.AddCookie(&http.Cookie{Name: csrfCookie, Value: testCSRF})
	req.Header.Set(csrfHeader, testCSRF)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	resp, err := ls.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, resp.Header, string(b)
}

// TestLoginBudgetBehindTrustedProxy: failures are counted against the
// right-most untrusted X-Forwarded-For entry, whatever the client writes
// left of it, and the budget still holds after the request buffers were
// reused by other requests on the same connection. Keeping fiber's c.IP()
// (or any string into the buffer) as the key makes this fail.
func TestLoginBudgetBehindTrustedProxy(t *testing.T) {
	ls := startLive(t, func(c *config.Config) { c.Server.TrustedProxies = []string{"127.0.0.1"} })
	const attacker = "198.51.100.7"
	for i := range 31 {
		// A fresh email each time (the per-account budget stays out of
		// it) and a fresh client-chosen first entry; other requests of
		// different lengths in between rewrite the connection's buffer.
		body := fmt.Sprintf(`{"email":"nobody%d@hill.school","password":"not the password"}`, i)
		xff := fmt.Sprintf("10.%d.%d.%d, %s", i, i*7%256, i*13%256, attacker)
		if st, _, b := ls.do(t, "POST", "/api/v1/auth/login", body, map[string]string{"X-Forwarded-For": xff}); st != 401 {
			t.Fatalf("try %d: %d %s, want 401", i+1, st, b)
		}
		ls.do(t, "GET", "/healthz"+strings.Repeat("?x=1", i%5), "", map[string]string{"X-Forwarded-For": fmt.Sprintf("203.0.113.%d", i)})
	}
	st, h, b := ls.do(t, "POST", "/api/v1/auth/login", `{"email":"last@hill.school","password":"not the password"}`,
		map[string]string{"X-Forwarded-For": "192.0.2.200, " + attacker})
	if st != http.StatusTooManyRequests || h.Get("Retry-After") == "" {
		t.Fatalf("32nd try from %s: %d %s, want 429 with Retry-After", attacker, st, b)
	}
	// Another client behind the same proxy keeps its own budget.
	if st, _, b := ls.do(t, "POST", "/api/v1/auth/login", `{"email":"other@hill.school","password":"not the password"}`,
		map[string]string{"X-Forwarded-For": "198.51.100.8"}); st != 401 {
		t.Fatalf("other client: %d %s, want 401", st, b)
	}
	// A client that is not a trusted proxy cannot choose its address.
	direct := startLive(t, nil)
	for i := range 31 {
		body := fmt.Sprintf(`{"email":"n%d@hill.school","password":"not the password"}`, i)
		direct.do(t, "POST", "/api/v1/auth/login", body, map[string]string{"X-Forwarded-For": fmt.Sprintf("10.0.0.%d", i)})
	}
	if st, _, b := direct.do(t, "POST", "/api/v1/auth/login", `{"email":"z@hill.school","password":"not the password"}`,
		map[string]string{"X-Forwarded-For": "10.9.9.9"}); st != http.StatusTooManyRequests {
		t.Fatalf("untrusted peer rotating X-Forwarded-For: %d %s, want 429", st, b)
	}
}

// TestForwardedHeadersOnlyFromTrustedProxies: X-Forwarded-Proto makes
// cookies Secure only when a trusted proxy sent it.
func TestForwardedHeadersOnlyFromTrustedProxies(t *testing.T) {
	for _, tc := range []struct {
		name    string
		trusted []string
		secure  bool
	}{
		{"no trusted proxy", nil, false},
		{"another proxy trusted", []string{"10.0.0.1"}, false},
		{"loopback trusted", []string{"127.0.0.0/8"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ls := startLive(t, func(c *config.Config) { c.Server.TrustedProxies = tc.trusted })
			req, _ := http.NewRequest("GET", ls.url+"/", nil)
			req.Header.Set("X-Forwarded-Proto", "https")
			resp, err := ls.client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			sc := resp.Header.Get("Set-Cookie")
			if !strings.Contains(sc, csrfCookie) {
				t.Fatalf("no csrf cookie: %q", sc)
			}
			if got := strings.Contains(strings.ToLower(sc), "secure"); got != tc.secure {
				t.Fatalf("Set-Cookie %q: secure=%v, want %v", sc, got, tc.secure)
			}
			if got := resp.Header.Get("Strict-Transport-Security") != ""; got != tc.secure {
				t.Fatalf("HSTS sent=%v, want %v", got, tc.secure)
			}
		})
	}
}

// TestMetricsRelayedIsRemote: /metrics answers a loopback caller, but a
// request relayed by a proxy on this machine needs the token.
func TestMetricsRelayedIsRemote(t *testing.T) {
	ls := startLive(t, func(c *config.Config) {
		c.Server.TrustedProxies = []string{"127.0.0.1"}
		c.Metrics.Token = "metrics-secret-token"
	})
	cases := []struct {
		name   string
		header map[string]string
		status int
	}{
		{"loopback", nil, 200},
		{"relayed with X-Forwarded-For", map[string]string{"X-Forwarded-For": "198.51.100.7"}, 403},
		{"relayed claiming loopback", map[string]string{"X-Forwarded-For": "127.0.0.1"}, 403},
		{"relayed with Forwarded", map[string]string{"Forwarded": "for=198.51.100.7"}, 403},
		{"relayed with X-Real-IP", map[string]string{"X-Real-IP": "198.51.100.7"}, 403},
		{"relayed with a wrong token", map[string]string{"X-Forwarded-For": "198.51.100.7", "Authorization": "Bearer nope"}, 403},
		{"relayed with the token", map[string]string{"X-Forwarded-For": "198.51.100.7", "Authorization": "Bearer metrics-secret-token"}, 200},
	}
	for _, tc := range cases {
		st, _, b := ls.do(t, "GET", "/metrics", "", tc.header)
		if st != tc.status {
			t.Errorf("%s: %d %.80s, want %d", tc.name, st, b, tc.status)
		}
	}
}
