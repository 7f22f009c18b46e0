package apptest

import (
	"context"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"

	"animalgenius/app/accounts"
)

// csrfTransport adds the CSRF header a browser page would send.
type csrfTransport struct {
	base http.RoundTripper
	jar  *cookiejar.Jar
	url  string
}

func (t *csrfTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	switch req.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return t.base.RoundTrip(req)
	}
	if _, set := req.Header[http.CanonicalHeaderKey("X-CSRF-Token")]; set {
		return t.base.RoundTrip(req)
	}
	// Echo the cookie this request carries. When it carries none (a fresh
	// client), take the jar's, fetching one first like a browser that
	// loaded a page, and add it: the client added its cookies before this
	// one existed (concurrent requests of one client race to fetch it).
	if c, err := req.Cookie("ag_csrf"); err == nil {
		req = req.Clone(req.Context())
		req.Header.Set("X-CSRF-Token", c.Value)
		return t.base.RoundTrip(req)
	}
	tok := t.cookie(req.URL, "ag_csrf")
	if tok == "" {
		prime, _ := http.NewRequestWithContext(req.Context(), http.MethodGet, t.url+"/api/v1/version", nil)
		resp, err := t.base.RoundTrip(prime)
		if err != nil {
			return nil, err
		}
		resp.Body.Close()
		t.jar.SetCookies(prime.URL, resp.Cookies())
		tok = t.cookie(req.URL, "ag_csrf")
	}
	req = req.Clone(req.Context())
	req.Header.Set("X-CSRF-Token", tok)
	req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: tok})
	return t.base.RoundTrip(req)
}

func (t *csrfTransport) cookie(u *url.URL, name string) string {
	for _, c := range t.jar.Cookies(u) {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// Password is the password of accounts made by the helpers below.
const Password = "purple hedgehog reads maps"

// CreateAccount makes an account directly through the service (role
// "teacher" or "admin") with testPassword.
func (ta *App) CreateAccount(email, role string) accounts.Account {
	ta.T.Helper()
	name, _, _ := strings.Cut(email, "@")
	a, _, err := ta.App.Accounts().CreateAccount(context.Background(), accounts.CLIActor, email, "Teacher "+name, "Hill School", role, Password)
	if err != nil {
		ta.T.Fatalf("create account %s: %v", email, err)
	}
	return a
}

// Login signs in over HTTP and returns a client holding the session.
func (ta *App) Login(email, password string) *http.Client {
	ta.T.Helper()
	c := ta.NewClient()
	req, _ := http.NewRequest(http.MethodPost, ta.URL+"/api/v1/auth/login",
		strings.NewReader(`{"email":"`+email+`","password":"`+password+`"}`))
	req.Header.Set("Content-Type", "application/json")
	status, _, body := Do(ta.T, c, req)
	if status != http.StatusOK {
		ta.T.Fatalf("login %s: %d %s", email, status, body)
	}
	return c
}

// Teacher makes a teacher account and returns a signed-in client.
func (ta *App) Teacher(email string) (accounts.Account, *http.Client) {
	ta.T.Helper()
	a := ta.CreateAccount(email, accounts.RoleTeacher)
	return a, ta.Login(email, Password)
}

// Admin makes an admin account and returns a signed-in client.
func (ta *App) Admin(email string) (accounts.Account, *http.Client) {
	ta.T.Helper()
	a := ta.CreateAccount(email, accounts.RoleAdmin)
	return a, ta.Login(email, Password)
}

// SessionCookie is the client's ag_session value ("" when none).
func (ta *App) SessionCookie(c *http.Client) string {
	u, _ := url.Parse(ta.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == "ag_session" {
			return ck.Value
		}
	}
	return ""
}
