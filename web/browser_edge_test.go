package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// TestBrowserLoginNextStaysOnSite: ?next= never sends a signed-in teacher
// to another site, also when tabs or line breaks (which the browser drops)
// or a backslash hide "//" in it; a path of the site is followed.
func TestBrowserLoginNextStaysOnSite(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, nil)
	app.CreateAccount("ana@hill.school", "teacher")
	b := apptest.NewBrowser(t)
	b.LoginTeacher(app.URL, "ana@hill.school")
	for _, next := range []string{"/\t/evil.example", "/\n/evil.example", "/\r/evil.example", "/\\evil.example", "//evil.example",
		"https://evil.example/", "/\t\\evil.example", "/.//evil.example/", "/..//evil.example/", "/x/..//evil.example/",
		"/%2e//evil.example/", "/./\\evil.example/"} {
		var href string
		b.Run("next "+fmt.Sprintf("%q", next),
			chromedp.Navigate(app.URL+"/teacher/login?next="+url.QueryEscape(next)),
			chromedp.WaitVisible(`.app-nav`, chromedp.ByQuery),
			chromedp.Location(&href),
		)
		u, err := url.Parse(href)
		if err != nil || u.Host != apptest.MustURL(app.URL).Host || u.Path != "/teacher" {
			t.Errorf("next=%q ended at %q, want %s/teacher", next, href, app.URL)
		}
	}
	var href string
	b.Run("a path of the site",
		chromedp.Navigate(app.URL+"/teacher/login?next="+url.QueryEscape("/teacher/games")),
		chromedp.WaitVisible(`.app-nav`, chromedp.ByQuery),
		chromedp.Location(&href),
	)
	if !strings.HasSuffix(href, "/teacher/games") {
		t.Errorf("next=/teacher/games ended at %q", href)
	}
	b.AssertClean()
}

// TestBrowserPassportAsksForClassCode: after wrong codes from the school's
// address, a pupil on a device that never signed in is asked for the
// class code too, and gets in with both.
func TestBrowserPassportAsksForClassCode(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, func(c *config.Config) { c.Auth.PassportAddrFailures = 1 })
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	_, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	for i := range 2 {
		req, _ := http.NewRequest("POST", app.URL+"/api/v1/passport/login", strings.NewReader(fmt.Sprintf(`{"passportCode":"COL-2222%c"}`, 'A'+i)))
		req.Header.Set("Content-Type", "application/json")
		if st, _, body := apptest.Do(t, app.NewClient(), req); st != 401 {
			t.Fatalf("wrong code %d: %d %s", i+1, st, body)
		}
	}
	b := apptest.NewBrowser(t)
	b.Run("type the passport code",
		chromedp.Navigate(app.URL+"/student"),
		chromedp.WaitVisible(`input[name=passportCode]`, chromedp.ByQuery),
		apptest.Fill(`input[name=passportCode]`, maya.PassportCode),
		chromedp.Click(`form:has(input[name=passportCode]) button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`input[name=loginClassCode]`, chromedp.ByQuery),
	)
	b.WaitText(`form:has(input[name=passportCode])`, "class code")
	b.Run("and the class code",
		apptest.Fill(`input[name=loginClassCode]`, strings.ToLower(cl.Code)),
		chromedp.Click(`form:has(input[name=passportCode]) button[type=submit]`, chromedp.ByQuery),
	)
	b.WaitText(`main`, "Maya")
	var href string
	b.Run("where", chromedp.Location(&href))
	if !strings.HasSuffix(href, "/me") {
		t.Fatalf("ended at %q, want /me", href)
	}
	b.AssertClean()
}
