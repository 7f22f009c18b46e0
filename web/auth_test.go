package web

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

type testServer struct {
	srv   *Server
	svc   *accounts.Service
	store *sqlitestore.Store
}

const testPassword = "purple hedgehog reads maps"

func newTestServer(t testing.TB) *testServer {
	t.Helper()
	st := storetest.New(t)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	svc := accounts.New(st, accounts.Options{Hash: accounts.HashParams{MemoryKiB: 64, Time: 1, Threads: 1}, Logger: log})
	ui := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>t</title>")}}
	srv, err := New(Deps{Config: config.Default(), Logger: log, UI: ui, Accounts: svc})
	if err != nil {
		t.Fatal(err)
	}
	return &testServer{srv: srv, svc: svc, store: st}
}

func (ts *testServer) account(t testing.TB, email, role string) accounts.Account {
	t.Helper()
	a, _, err := ts.svc.CreateAccount(context.Background(), accounts.CLIActor, email, "Sam", "", role, testPassword)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func (ts *testServer) token(t testing.TB, email string) string {
	t.Helper()
	_, tok, err := ts.svc.Login(context.Background(), email, testPassword, accounts.Client{IP: netip.MustParseAddr("127.0.0.1")})
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

const testCSRF = "csrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsr" // 43 base64url characters

// call sends one request through the fiber app. cookies are name=value pairs.
func call(t testing.TB, app *fiber.App, method, path, body string, header map[string]string, cookies ...string) (*http.Response, string) {
	t.Helper()
	var r io.Reader
	if body != "" {
		r = strings.NewReader(body)
	}
	req := httptest.NewRequest(method, path, r)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	for i := 0; i+1 < len(cookies); i += 2 {
		req.AddCookie(&http.Cookie{Name: cookies[i], Value: cookies[i+1]})
	}
	resp, err := app.Test(req, -1)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, string(b)
}

func TestRequireMiddlewares(t *testing.T) {
	ts := newTestServer(t)
	ts.account(t, "admin@hill.school", accounts.RoleAdmin)
	ts.account(t, "teach@hill.school", accounts.RoleTeacher)
	adminTok, teachTok := ts.token(t, "admin@hill.school"), ts.token(t, "teach@hill.school")
	studentTok, _ := ts.svc.CreateStudentSession(context.Background(), 77)

	app := fiber.New(fiber.Config{ErrorHandler: ts.srv.errorHandler})
	who := func(c *fiber.Ctx) error {
		if a := currentAccount(c); a != nil {
			return c.SendString("account:" + a.Email)
		}
		return c.SendString("student:" + strings.Repeat("x", int(currentStudent(c)%100)))
	}
	app.Get("/teacher", ts.srv.requireAccount, who)
	app.Get("/admin", ts.srv.requireAdmin, who)
	app.Get("/student", ts.srv.requireStudent, who)

	cases := []struct {
		path, cookie, tok string
		status            int
		want              string
	}{
		{"/teacher", "", "", 401, "login_required"},
		{"/teacher", sessionCookie, teachTok, 200, "account:teach@hill.school"},
		{"/teacher", sessionCookie, adminTok, 200, "account:admin@hill.school"},
		{"/teacher", sessionCookie, studentTok, 401, "login_required"},
		{"/teacher", studentCookie, studentTok, 401, "login_required"},
		{"/teacher", sessionCookie, "forged-and-too-short", 401, "login_required"},
		{"/admin", sessionCookie, teachTok, 403, "admin_only"},
		{"/admin", sessionCookie, adminTok, 200, "account:admin@hill.school"},
		{"/admin", "", "", 401, "login_required"},
		{"/student", studentCookie, studentTok, 200, "student:" + strings.Repeat("x", 77)},
		{"/student", sessionCookie, teachTok, 401, "student_login_required"},
		{"/student", studentCookie, teachTok, 401, "student_login_required"},
	}
	for _, tc := range cases {
		var cookies []string
		if tc.cookie != "" {
			cookies = []string{tc.cookie, tc.tok}
		}
		resp, body := call(t, app, "GET", tc.path, "", nil, cookies...)
		if resp.StatusCode != tc.status || !strings.Contains(body, tc.want) {
			t.Errorf("%s with %s: %d %s; want %d %q", tc.path, tc.cookie, resp.StatusCode, body, tc.status, tc.want)
		}
	}
	// A refused cookie is cleared.
	resp, _ := call(t, app, "GET", "/teacher", "", nil, sessionCookie, "forged-and-too-short")
	if sc := resp.Header.Get("Set-Cookie"); !strings.Contains(sc, sessionCookie+"=;") {
		t.Errorf("bad cookie not cleared: %q", sc)
	}
}

func TestCSRF(t *testing.T) {
	ts := newTestServer(t)
	app := ts.srv.App()
	body := `{"email":"nobody@hill.school","password":"whatever123"}`
	ok := map[string]string{csrfHeader: testCSRF}
	cases := []struct {
		name   string
		header map[string]string
		cookie bool
		status int
	}{
		{"no token at all", nil, false, 403},
		{"cookie but no header", nil, true, 403},
		{"header but no cookie", ok, false, 403},
		{"header differs", map[string]string{csrfHeader: strings.Replace(testCSRF, "c", "d", 1)}, true, 403},
		{"foreign origin", map[string]string{csrfHeader: testCSRF, "Origin": "http://evil.example"}, true, 403},
		{"null origin", map[string]string{csrfHeader: testCSRF, "Origin": "null"}, true, 403},
		{"cross-site fetch", map[string]string{csrfHeader: testCSRF, "Sec-Fetch-Site": "cross-site"}, true, 403},
		{"matching, same origin", map[string]string{csrfHeader: testCSRF, "Origin": "http://example.com"}, true, 401},
		{"matching, no origin", ok, true, 401},
	}
	for _, tc := range cases {
		var cookies []string
		if tc.cookie {
			cookies = []string{csrfCookie, testCSRF}
		}
		resp, got := call(t, app, "POST", "/api/v1/auth/login", body, tc.header, cookies...)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d: %s", tc.name, resp.StatusCode, tc.status, got)
		}
		if tc.status == 403 && !strings.Contains(got, `"code":"csrf"`) {
			t.Errorf("%s: body %s", tc.name, got)
		}
	}
}

func TestCSRFCookieIsSetOnPagesAndAPI(t *testing.T) {
	ts := newTestServer(t)
	for _, path := range []string{"/", "/teacher/login", "/api/v1/version"} {
		resp, _ := call(t, ts.srv.App(), "GET", path, "", nil)
		sc := resp.Header.Get("Set-Cookie")
		if !strings.Contains(sc, csrfCookie+"=") || strings.Contains(strings.ToLower(sc), "httponly") {
			t.Errorf("%s: Set-Cookie %q; want a script-readable ag_csrf", path, sc)
		}
		// With a valid cookie, it is not set again (pages also name the
		// browser with a browser cookie: HttpOnly, see browser_cookie.go).
		resp, _ = call(t, ts.srv.App(), "GET", path, "", nil, csrfCookie, testCSRF)
		for _, sc := range resp.Header.Values("Set-Cookie") {
			if strings.HasPrefix(sc, csrfCookie+"=") {
				t.Errorf("%s: cookie set again: %q", path, sc)
			}
			if strings.HasPrefix(sc, browserCookie+"=") && (path == "/api/v1/version" || !strings.Contains(sc, "HttpOnly")) {
				t.Errorf("%s: device cookie %q (pages only, HttpOnly)", path, sc)
			}
		}
	}
	// A page with a device cookie already sets none.
	resp, _ := call(t, ts.srv.App(), "GET", "/", "", nil, csrfCookie, testCSRF, browserCookie, strings.Repeat("ab", 16))
	if sc := resp.Header.Values("Set-Cookie"); len(sc) != 0 {
		t.Errorf("/ with both cookies sets %q", sc)
	}
	resp, _ = call(t, ts.srv.App(), "GET", "/healthz", "", nil)
	if sc := resp.Header.Get("Set-Cookie"); sc != "" {
		t.Errorf("/healthz sets a cookie: %q", sc)
	}
	// A signed-in client's API reads set none (a script keeping only its
	// session cookie is not sent a token on every read); its pages do, and
	// so does a write refused for want of the cookie, for the retry.
	for _, session := range []string{sessionCookie, studentCookie} {
		for _, path := range []string{"/api/v1/version", "/api/v1/classes"} {
			resp, _ = call(t, ts.srv.App(), "GET", path, "", nil, session, "x")
			if sc := resp.Header.Values("Set-Cookie"); strings.Contains(strings.Join(sc, ";"), csrfCookie+"=") {
				t.Errorf("GET %s with %s sets %q", path, session, sc)
			}
		}
		resp, _ = call(t, ts.srv.App(), "GET", "/teacher", "", nil, session, "x")
		if !strings.Contains(strings.Join(resp.Header.Values("Set-Cookie"), ";"), csrfCookie+"=") {
			t.Errorf("the page /teacher with %s sets no ag_csrf", session)
		}
		resp, body := call(t, ts.srv.App(), "POST", "/api/v1/classes", `{"name":"Room 1","grade":6}`, nil, session, "x")
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `"csrf"`) ||
			!strings.Contains(strings.Join(resp.Header.Values("Set-Cookie"), ";"), csrfCookie+"=") {
			t.Errorf("POST without the CSRF cookie, with %s: %d %s %q; want refused with a fresh cookie", session, resp.StatusCode, body, resp.Header.Values("Set-Cookie"))
		}
	}
}

func TestSessionCookieAttributes(t *testing.T) {
	ts := newTestServer(t)
	ts.account(t, "teach@hill.school", accounts.RoleTeacher)
	resp, body := call(t, ts.srv.App(), "POST", "/api/v1/auth/login", `{"email":"Teach@Hill.School","password":"`+testPassword+`"}`,
		map[string]string{csrfHeader: testCSRF}, csrfCookie, testCSRF)
	if resp.StatusCode != 200 {
		t.Fatalf("login: %d %s", resp.StatusCode, body)
	}
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == sessionCookie {
			session = c
		}
	}
	if session == nil || !session.HttpOnly || session.SameSite != http.SameSiteLaxMode || session.Secure || len(session.Value) != accounts.TokenLen || session.MaxAge <= 0 {
		t.Fatalf("session cookie %+v", session)
	}
	if strings.Contains(body, "password") || strings.Contains(body, "argon2") {
		t.Fatalf("login answer leaks secrets: %s", body)
	}
}
