package web_test

import (
	"animalgenius/app/apptest"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// meStatus asks /api/v1/auth/me with only the given session cookie.
func meStatus(t *testing.T, app *apptest.App, session string) int {
	t.Helper()
	req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/v1/auth/me", nil)
	req.AddCookie(&http.Cookie{Name: "ag_session", Value: session})
	status, _, _ := apptest.Do(t, &http.Client{Timeout: 10 * time.Second}, req)
	return status
}

// First run -> admin invites a teacher -> the teacher signs up, logs out,
// logs in, changes the password -> the session from before is gone.
func TestBrowserAccountsJourney(t *testing.T) {
	app := apptest.Start(t, nil)
	setupURL := app.WaitSetupURL()
	if !strings.HasPrefix(setupURL, app.URL+"/setup/") {
		t.Fatalf("setup link %q is not on %s", setupURL, app.URL)
	}

	admin := apptest.NewBrowser(t)
	admin.Run("first-run setup",
		chromedp.Navigate(setupURL),
		apptest.Fill(`input[name=displayName]`, "Ada Admin"),
		apptest.Fill(`input[name=email]`, "ada@hill.school"),
		apptest.Fill(`input[name=school]`, "Hill School"),
		apptest.Fill(`input[name=password]`, "the boxes hum at dawn"),
		apptest.Fill(`input[name=again]`, "the boxes hum at dawn"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`#tab-invites`, chromedp.ByQuery),
	)
	var inviteHref string
	admin.Run("invite a teacher",
		chromedp.Click(`#tab-invites`, chromedp.ByQuery),
		apptest.Fill(`input[name=email]`, "ben@hill.school"),
		apptest.Fill(`input[name=note]`, "new science teacher"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a.one-time-link`, chromedp.ByQuery),
		chromedp.AttributeValue(`a.one-time-link`, "href", &inviteHref, nil, chromedp.ByQuery),
	)
	if !strings.HasPrefix(inviteHref, "/signup/") {
		t.Fatalf("invite link %q", inviteHref)
	}

	teacher := apptest.NewBrowser(t)
	var hello string
	teacher.Run("sign up with the invitation",
		chromedp.Navigate(app.URL+inviteHref),
		apptest.Fill(`input[name=displayName]`, "Ben Okafor"),
		apptest.Fill(`input[name=school]`, "Hill School"),
		apptest.Fill(`input[name=password]`, "seven otters play chess"),
		apptest.Fill(`input[name=again]`, "seven otters play chess"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[contains(., "Hello, Ben Okafor")]`, chromedp.BySearch),
		chromedp.Text(`h1`, &hello, chromedp.ByQuery),
	)
	teacher.Run("log out, then log in",
		chromedp.Click(`//button[normalize-space()="Log out"]`, chromedp.BySearch),
		chromedp.WaitVisible(`input[name=password]`, chromedp.ByQuery),
		apptest.Fill(`input[name=email]`, "ben@hill.school"),
		apptest.Fill(`input[name=password]`, "seven otters play chess"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[contains(., "Hello, Ben Okafor")]`, chromedp.BySearch),
	)
	oldSession := teacher.SessionCookie(app.URL)
	if len(oldSession) != 43 || meStatus(t, app, oldSession) != http.StatusOK {
		t.Fatalf("after login the browser's session %q does not work", oldSession)
	}
	// The same teacher is also signed in on a second device.
	otherDevice := app.Login("ben@hill.school", "seven otters play chess")

	var notice string
	teacher.Run("change the password",
		chromedp.Navigate(app.URL+"/account"),
		apptest.Fill(`input[name=currentPassword]`, "seven otters play chess"),
		apptest.Fill(`input[name=newPassword]`, "nine owls read maps"),
		apptest.Fill(`form[aria-labelledby=password-title] input[name=again]`, "nine owls read maps"),
		chromedp.Click(`form[aria-labelledby=password-title] button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//*[contains(@class, "notice-success")][contains(., "logged out")]`, chromedp.BySearch),
		chromedp.Text(`.notice-success`, &notice, chromedp.ByQuery),
	)
	if got := meStatus(t, app, oldSession); got != http.StatusUnauthorized {
		t.Errorf("the session from before the password change answers %d, want 401", got)
	}
	status, _, _ := apptest.Do(t, otherDevice, mustRequest(t, app.URL+"/api/v1/auth/me"))
	if status != http.StatusUnauthorized {
		t.Errorf("the other device's session answers %d after the password change, want 401", status)
	}
	newSession := teacher.SessionCookie(app.URL)
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
