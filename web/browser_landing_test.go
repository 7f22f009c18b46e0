package web_test

import (
	"animalgenius/app/apptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserLandingPage(t *testing.T) {
	app := apptest.Start(t, nil)
	b := apptest.NewBrowser(t)
	var heading, teacherHref, studentHref, title string
	b.Run("open landing",
		chromedp.Navigate(app.URL+"/"),
		chromedp.WaitVisible(`a[href="/teacher/login"]`, chromedp.ByQuery),
		chromedp.Text(`h1`, &heading, chromedp.ByQuery),
		chromedp.AttributeValue(`a[href="/teacher/login"]`, "href", &teacherHref, nil, chromedp.ByQuery),
		chromedp.AttributeValue(`a[href="/student"]`, "href", &studentHref, nil, chromedp.ByQuery),
		chromedp.Title(&title),
	)
	var body string
	b.Run("read text", chromedp.Text(`body`, &body, chromedp.ByQuery))
	if !strings.Contains(body, "I'm a teacher") || !strings.Contains(body, "I'm a student") {
		t.Errorf("landing lacks the two doors: %q", body)
	}
	if heading == "" || !strings.Contains(title, "Animal Genius") {
		t.Errorf("heading %q title %q", heading, title)
	}
	// A client-side route renders the not-found page, not a blank screen.
	var notFound string
	b.Run("unknown page",
		chromedp.Navigate(app.URL+"/no/such/page"),
		chromedp.WaitVisible(`main`, chromedp.ByQuery),
		chromedp.Text(`main`, &notFound, chromedp.ByQuery),
	)
	if strings.TrimSpace(notFound) == "" {
		t.Error("unknown page rendered nothing")
	}
	b.AssertClean()
	if b.Requests < 3 {
		t.Errorf("request interception saw only %d requests; the off-box check is not working", b.Requests)
	}
}
