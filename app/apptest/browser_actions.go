package apptest

import (
	"context"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// SignIn puts a session cookie into the browser, as logging in would.
func (b *Browser) SignIn(appURL, name, value string) {
	b.T.Helper()
	u, _ := url.Parse(appURL)
	b.Run("set session cookie", chromedp.ActionFunc(func(ctx context.Context) error {
		return network.SetCookie(name, value).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true).Do(ctx)
	}))
}

// WaitText waits until the element's text contains want.
func (b *Browser) WaitText(sel, want string) {
	b.T.Helper()
	// Generous: a loaded CI machine can be slow; the loop ends as soon as the text shows.
	deadline := time.Now().Add(40 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if err := chromedp.Run(b.Ctx, chromedp.Text(sel, &got, chromedp.ByQuery, chromedp.AtLeast(0))); err == nil && strings.Contains(got, want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.T.Fatalf("%s never showed %q (last: %q; console errors: %v)", sel, want, got, b.ConsoleErrors())
}

// AcceptDialogs answers window.confirm with OK (kick, end game).
func (b *Browser) AcceptDialogs() {
	chromedp.ListenTarget(b.Ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			go func() { _ = chromedp.Run(b.Ctx, page.HandleJavaScriptDialog(true)) }()
		}
	})
}

// SessionCookie reads the browser's ag_session cookie for the app.
func (b *Browser) SessionCookie(url string) string {
	b.T.Helper()
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

// LoginTeacher signs the browser in through the login page.
func (b *Browser) LoginTeacher(appURL, email string) {
	b.T.Helper()
	b.Run("log in",
		chromedp.Navigate(appURL+"/teacher/login"),
		Fill(`input[name=email]`, email),
		Fill(`input[name=password]`, Password),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.app-nav`, chromedp.ByQuery),
	)
}

// PDFPages prints the page to PDF as the browser's print dialog would
// (print stylesheet, A4) and counts the pages.
func (b *Browser) PDFPages() int {
	b.T.Helper()
	var pdf []byte
	b.Run("print to PDF", chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		pdf, _, err = page.PrintToPDF().WithPaperWidth(8.27).WithPaperHeight(11.69).WithPreferCSSPageSize(true).Do(ctx)
		return err
	}))
	return len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAll(pdf, -1))
}

// Fill types text into the input found by CSS selector sel.
func Fill(sel, text string) chromedp.Action {
	return chromedp.Tasks{chromedp.WaitVisible(sel, chromedp.ByQuery), chromedp.SendKeys(sel, text, chromedp.ByQuery)}
}
