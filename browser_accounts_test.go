package main

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// waitSetupURL returns the first-run link the appliance logged at start.
func (ta *testApp) waitSetupURL() string {
	ta.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if u := ta.a.setupURL.Load(); u != nil {
			return *u
		}
		time.Sleep(10 * time.Millisecond)
	}
	ta.t.Fatal("the appliance logged no setup link within 10s")
	return ""
}

// fill types text into the input found by CSS selector sel.
func fill(sel, text string) chromedp.Action {
	return chromedp.Tasks{chromedp.WaitVisible(sel, chromedp.ByQuery), chromedp.SendKeys(sel, text, chromedp.ByQuery)}
}

// sessionCookie reads the browser's ag_session cookie for the app.
func (b *browser) sessionCookie(url string) string {
	b.t.Helper()
	var value string
	b.Run("read cookies", chromedp.ActionFunc(func(ctx context.Context) error {
		cookies, err := network.GetCookies().WithURLs([]string{url}).Do(ctx)
		for _, c := range cookies {
			if c.Name == "ag_session" {
				value = c.Value
			}
		}
		return err
	}))
	return value
}

// meStatus asks /api/v1/auth/me with only the given session cookie.
func meStatus(t *testing.T, app *testApp, session string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/v1/auth/me", nil)
	req.AddCookie(&http.Cookie{Name: "ag_session", Value: session})
	status, _, _ := do(t, &http.Client{Timeout: 10 * time.Second}, req)
	return status
}

// First run -> admin invites a teacher -> the teacher signs up, logs out,
// logs in, changes the password -> the session from before is gone.
func TestBrowserAccountsJourney(t *testing.T) {
	app := startApp(t, nil)
	setupURL := app.waitSetupURL()
	if !strings.HasPrefix(setupURL, app.URL+"/setup/") {
		t.Fatalf("setup link %q is not on %s", setupURL, app.URL)
	}

	admin := newBrowser(t)
	admin.Run("first-run setup",
		chromedp.Navigate(setupURL),
		fill(`input[name=displayName]`, "Ada Admin"),
		fill(`input[name=email]`, "ada@hill.school"),
		fill(`input[name=school]`, "Hill School"),
		fill(`input[name=password]`, "the boxes hum at dawn"),
		fill(`input[name=again]`, "the boxes hum at dawn"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#tab-invites`, chromedp.ByQuery),
	)
	var inviteHref string
	admin.Run("invite a teacher",
		chromedp.Click(`#tab-invites`, chromedp.ByQuery),
		fill(`input[name=email]`, "ben@hill.school"),
		fill(`input[name=note]`, "new science teacher"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.one-time-link`, chromedp.ByQuery),
		chromedp.AttributeValue(`a.one-time-link`, "href", &inviteHref, nil, chromedp.ByQuery),
	)
	if !strings.HasPrefix(inviteHref, "/signup/") {
		t.Fatalf("invite link %q", inviteHref)
	}

	teacher := newBrowser(t)
	var hello string
	teacher.Run("sign up with the invitation",
		chromedp.Navigate(app.URL+inviteHref),
		fill(`input[name=displayName]`, "Ben Okafor"),
		fill(`input[name=school]`, "Hill School"),
		fill(`input[name=password]`, "seven otters play chess"),
		fill(`input[name=again]`, "seven otters play chess"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[contains(., "Hello, Ben Okafor")]`, chromedp.BySearch),
		chromedp.Text(`h1`, &hello, chromedp.ByQuery),
	)
	teacher.Run("log out, then log in",
		chromedp.Click(`//button[normalize-space()="Log out"]`, chromedp.BySearch),
		chromedp.WaitVisible(`input[name=password]`, chromedp.ByQuery),
		fill(`input[name=email]`, "ben@hill.school"),
		fill(`input[name=password]`, "seven otters play chess"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[contains(., "Hello, Ben Okafor")]`, chromedp.BySearch),
	)
	oldSession := teacher.sessionCookie(app.URL)
	if len(oldSession) != 43 || meStatus(t, app, oldSession) != http.StatusOK {
		t.Fatalf("after login the browser's session %q does not work", oldSession)
	}
	// The same teacher is also signed in on a second device.
	otherDevice := app.Login("ben@hill.school", "seven otters play chess")

	var notice string
	teacher.Run("change the password",
		chromedp.Navigate(app.URL+"/account"),
		fill(`input[name=currentPassword]`, "seven otters play chess"),
		fill(`input[name=newPassword]`, "nine owls read maps"),
		fill(`form[aria-labelledby=password-title] input[name=again]`, "nine owls read maps"),
		chromedp.Click(`form[aria-labelledby=password-title] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//*[contains(@class, "notice-success")][contains(., "logged out")]`, chromedp.BySearch),
		chromedp.Text(`.notice-success`, &notice, chromedp.ByQuery),
	)
	if got := meStatus(t, app, oldSession); got != http.StatusUnauthorized {
		t.Errorf("the session from before the password change answers %d, want 401", got)
	}
	status, _, _ := do(t, otherDevice, mustRequest(t, app.URL+"/api/v1/auth/me"))
	if status != http.StatusUnauthorized {
		t.Errorf("the other device's session answers %d after the password change, want 401", status)
	}
	newSession := teacher.sessionCookie(app.URL)
	if newSession == oldSession || meStatus(t, app, newSession) != http.StatusOK {
		t.Errorf("this browser did not get a fresh working session")
	}
	var heading string
	teacher.Run("still signed in here after a reload",
		chromedp.Reload(),
		chromedp.WaitVisible(`//h1[normalize-space()="My account"]`, chromedp.BySearch),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
	)
	admin.AssertClean()
	teacher.AssertClean()
}

func mustRequest(t *testing.T, url string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	return req
}
