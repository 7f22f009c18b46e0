package apptest

import (
	"context"
	"net/url"
	"strings"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// PhoneTab opens a tab of b's chromium in its own browser context (its own
// cookies), sized like a phone (390 x 844, touch), with the cookie name set
// to value (e.g. a student's session). Console errors are watched like b's.
func (b *Browser) PhoneTab(appURL, cookie, value string) *Browser {
	b.T.Helper()
	ctx, cancel := chromedp.NewContext(b.Ctx, chromedp.WithNewBrowserContext())
	tab := &Browser{T: b.T, Ctx: ctx, cancel: cancel}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeAssert {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, strings.Trim(string(a.Value), `"`)+a.Description)
				}
				tab.note(&tab.errors, "console.error: "+strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			tab.note(&tab.errors, "exception: "+e.ExceptionDetails.Error())
		}
	})
	u, _ := url.Parse(appURL)
	tab.Run("open a phone-sized tab", runtime.Enable(),
		chromedp.EmulateViewport(390, 844, chromedp.EmulateMobile),
		chromedp.ActionFunc(func(ctx context.Context) error {
			return network.SetCookie(cookie, value).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true).Do(ctx)
		}))
	b.T.Cleanup(func() {
		if b.T.Failed() {
			tab.Screenshot("phone-failure")
		}
		cancel()
	})
	return tab
}
