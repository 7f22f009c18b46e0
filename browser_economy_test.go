package main

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// signIn puts a session cookie into the browser, as logging in would.
func (b *browser) signIn(appURL, name, value string) {
	b.t.Helper()
	u, _ := url.Parse(appURL)
	b.Run("set session cookie", chromedp.ActionFunc(func(ctx context.Context) error {
		return network.SetCookie(name, value).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true).Do(ctx)
	}))
}

// waitText waits until the element's text contains want.
func (b *browser) waitText(sel, want string) {
	b.t.Helper()
	// Generous: a loaded CI machine can be slow; the loop ends as soon as the text shows.
	deadline := time.Now().Add(40 * time.Second)
	var got string
	for time.Now().Before(deadline) {
		if err := chromedp.Run(b.ctx, chromedp.Text(sel, &got, chromedp.ByQuery, chromedp.AtLeast(0))); err == nil && strings.Contains(got, want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("%s never showed %q (last: %q; console errors: %v)", sel, want, got, b.consoleErrors())
}

// The journeys of issue 6: the teacher gives coins to the class and opens
// the store; a student buys a hat, wears it and sees the avatar change;
// adopts a pet, feeds it and sees the balance drop by 5.
func TestBrowserEconomyJourney(t *testing.T) {
	app := startApp(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	class, kids := app.econClass(teacher.ID, "Maya", "Leo")

	tb := newBrowser(t)
	tb.signIn(app.URL, "ag_session", app.SessionCookie(tc))
	page := fmt.Sprintf("%s/teacher/classes/%d/economy", app.URL, class)
	tb.Run("teacher opens the class economy from the class page",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, class)),
		chromedp.WaitVisible(`nav.class-tabs a[href$="/economy"]`, chromedp.ByQuery),
		chromedp.Click(`nav.class-tabs a[href$="/economy"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="store-toggle"]`, chromedp.ByQuery),
	)
	_ = page
	tb.Run("open the store", chromedp.Click(`[data-testid="store-toggle"]`, chromedp.ByQuery))
	tb.waitText(`main`, "The store is open")
	tb.Run("give 100 to the class",
		chromedp.SetValue(`input[type="number"]`, "", chromedp.ByQuery),
		chromedp.SendKeys(`input[type="number"]`, "100", chromedp.ByQuery),
		chromedp.Click(`[data-testid="give-class"]`, chromedp.ByQuery),
	)
	tb.waitText(`main`, "Gave 100 coins to the whole class")
	tb.waitText(fmt.Sprintf(`tr[data-student="%d"]`, kids[1]), "100 coins")
	tb.AssertClean()

	sb := newBrowser(t)
	sb.signIn(app.URL, "ag_student", studentToken(t, app, kids[0]))
	sb.Run("student goes from its home page to the store",
		chromedp.Navigate(app.URL+"/me"),
		chromedp.WaitVisible(`[data-my-avatar]`, chromedp.ByQuery),
		chromedp.Click(`main a[href="/student/store"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`li[data-item="hat-party"] button`, chromedp.ByQuery),
	)
	sb.waitText(`.econ-head`, "100 coins")
	sb.Run("buy the party hat", chromedp.Click(`li[data-item="hat-party"] button`, chromedp.ByQuery))
	sb.waitText(`main`, "You bought the Party Hat!")
	sb.waitText(`.econ-head`, "75 coins")

	var before, after string
	sb.Run("open the avatar editor",
		chromedp.Navigate(app.URL+"/student/avatar"),
		chromedp.WaitVisible(`button[data-item="hat-party"]`, chromedp.ByQuery),
		chromedp.AttributeValue(`[data-testid="avatar-preview"]`, "src", &before, nil, chromedp.ByQuery),
		chromedp.Click(`button[data-item="hat-party"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="save-avatar"]`, chromedp.ByQuery),
	)
	sb.waitText(`main`, "Saved!")
	sb.Run("read the preview", chromedp.AttributeValue(`[data-testid="avatar-preview"]`, "src", &after, nil, chromedp.ByQuery))
	if before == after || !strings.Contains(after, "hat=1") {
		t.Fatalf("the preview did not change: %q -> %q", before, after)
	}
	var svg string
	var loaded bool
	sb.Run("the saved avatar wears the hat",
		chromedp.Evaluate(`fetch('/api/v1/student/avatar.svg').then(r => r.text())`, &svg, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		chromedp.Evaluate(`(() => { const i = document.querySelector('[data-testid="avatar-preview"]'); return i.complete && i.naturalWidth > 0; })()`, &loaded),
	)
	if !strings.Contains(svg, `class="ag-hat"`) || !loaded {
		t.Fatalf("avatar after saving (loaded %v): %.300s", loaded, svg)
	}

	sb.Run("my things", chromedp.Navigate(app.URL+"/student/things"), chromedp.WaitVisible(`li[data-item="hat-party"]`, chromedp.ByQuery))
	sb.waitText(`li[data-item="hat-party"]`, "Wearing")

	sb.Run("adopt a kitten",
		chromedp.Navigate(app.URL+"/student/store?tab=pets"),
		chromedp.WaitVisible(`li[data-species="kitten"] button`, chromedp.ByQuery),
		chromedp.Click(`li[data-species="kitten"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#adopt-form input`, chromedp.ByQuery),
		chromedp.SendKeys(`#adopt-form input`, "Mittens", chromedp.ByQuery),
		chromedp.Click(`button[form="adopt-form"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="pet-art"]`, chromedp.ByQuery),
	)
	sb.waitText(`h1`, "Mittens the Kitten")
	sb.waitText(`.econ-head`, "15 coins")
	sb.Run("feed the kitten", chromedp.Click(`[data-testid="care-feed"]`, chromedp.ByQuery))
	sb.waitText(`.econ-head`, "10 coins")
	sb.waitText(`[data-testid="care-feed"]`, "wait")
	sb.AssertClean()
}

// An admin adds an item with an uploaded picture: the upload is processed
// in the background while the dialog shows progress, then the item is saved
// and listed with the processed picture.
func TestBrowserAdminUploadsItemPicture(t *testing.T) {
	app := startApp(t, nil)
	_, ac := app.Admin("it@school.test")
	pic := filepath.Join(t.TempDir(), "lucky-cap.png")
	if err := os.WriteFile(pic, noisePNG(t, 300, 300), 0o644); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t)
	b.signIn(app.URL, "ag_session", app.SessionCookie(ac))
	b.Run("open the catalog and add an item",
		chromedp.Navigate(app.URL+"/admin/store"),
		chromedp.WaitVisible(`tr[data-item="hat-party"]`, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space()="Add an item"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#item-form`, chromedp.ByQuery),
		chromedp.SendKeys(`#item-form input[maxlength="40"]`, "Lucky Cap", chromedp.ByQuery),
		chromedp.SetUploadFiles(`#item-upload`, []string{pic}, chromedp.ByQuery),
	)
	b.waitText(`#item-form`, "Ready")
	var src string
	b.Run("save", chromedp.AttributeValue(`#item-form img.thumb`, "src", &src, nil, chromedp.ByQuery),
		chromedp.Click(`button[form="item-form"]`, chromedp.ByQuery))
	if !strings.HasPrefix(src, "/uploads/") {
		t.Fatalf("the dialog shows %q, not the processed upload", src)
	}
	b.waitText(`main table`, "Lucky Cap")
	b.AssertClean()
}

// A student who joins a live game as itself sees its own avatar in the lobby.
func TestBrowserGameLobbyShowsAvatar(t *testing.T) {
	app := startApp(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	_, kids := app.econClass(teacher.ID, "Maya")
	g, _ := hostGame(t, app, tc, "individual") // the host's socket closes when the test ends
	sb := newBrowser(t)
	sb.signIn(app.URL, "ag_student", studentToken(t, app, kids[0]))
	var loaded bool
	sb.Run("join as me",
		chromedp.Navigate(app.URL+"/play/"+g.PIN),
		chromedp.WaitVisible(`//button[contains(normalize-space(), "Join as me")]`, chromedp.BySearch),
		chromedp.Click(`//button[contains(normalize-space(), "Join as me")]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-my-avatar]`, chromedp.ByQuery),
		chromedp.Poll(`(() => { const i = document.querySelector('[data-my-avatar]'); return i.complete && i.naturalWidth > 0; })()`, &loaded, chromedp.WithPollingTimeout(10*time.Second)),
	)
	sb.waitText(`main`, "Maya R.")
	sb.AssertClean()
}
