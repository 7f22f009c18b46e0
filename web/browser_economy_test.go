package web_test

import (
	"animalgenius/app/apptest"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The journeys of issue 6: the teacher gives coins to the class and opens
// the store; a student buys a hat, wears it and sees the avatar change;
// adopts a pet, feeds it and sees the balance drop by 5.
func TestBrowserEconomyJourney(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya", "Leo")

	tb := apptest.NewBrowser(t)
	tb.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	page := fmt.Sprintf("%s/teacher/classes/%d/economy", app.URL, class)
	tb.Run("teacher opens the class economy from the class page",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, class)),
		chromedp.WaitVisible(`nav.class-tabs a[href$="/economy"]`, chromedp.ByQuery),
		chromedp.Click(`nav.class-tabs a[href$="/economy"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="store-toggle"]`, chromedp.ByQuery),
	)
	_ = page
	tb.Run("open the store", chromedp.Click(`[data-testid="store-toggle"]`, chromedp.ByQuery))
	tb.WaitText(`main`, "The store is open")
	tb.Run("give 100 to the class",
		chromedp.SetValue(`input[type="number"]`, "", chromedp.ByQuery),
		chromedp.SendKeys(`input[type="number"]`, "100", chromedp.ByQuery),
		chromedp.Click(`[data-testid="give-class"]`, chromedp.ByQuery),
	)
	tb.WaitText(`main`, "Gave 100 coins to the whole class")
	tb.WaitText(fmt.Sprintf(`tr[data-student="%d"]`, kids[1]), "100 coins")
	tb.AssertClean()

	sb := apptest.NewBrowser(t)
	sb.SignIn(app.URL, "ag_student", apptest.StudentToken(t, app, kids[0]))
	sb.Run("student goes from its home page to the store",
		chromedp.Navigate(app.URL+"/me"),
		chromedp.WaitVisible(`[data-my-avatar]`, chromedp.ByQuery),
		chromedp.Click(`main a[href="/student/store"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`li[data-item="hat-party"] button`, chromedp.ByQuery),
	)
	sb.WaitText(`.econ-head`, "100 coins")
	sb.Run("buy the party hat", chromedp.Click(`li[data-item="hat-party"] button`, chromedp.ByQuery))
	sb.WaitText(`main`, "You bought the Party Hat!")
	sb.WaitText(`.econ-head`, "75 coins")

	var before, after string
	sb.Run("open the avatar editor",
		chromedp.Navigate(app.URL+"/student/avatar"),
		chromedp.WaitVisible(`button[data-item="hat-party"]`, chromedp.ByQuery),
		chromedp.AttributeValue(`[data-testid="avatar-preview"]`, "src", &before, nil, chromedp.ByQuery),
		chromedp.Click(`button[data-item="hat-party"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="save-avatar"]`, chromedp.ByQuery),
	)
	sb.WaitText(`main`, "Saved!")
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
	sb.WaitText(`li[data-item="hat-party"]`, "Wearing")

	sb.Run("adopt a kitten",
		chromedp.Navigate(app.URL+"/student/store?tab=pets"),
		chromedp.WaitVisible(`li[data-species="kitten"] button`, chromedp.ByQuery),
		chromedp.Click(`li[data-species="kitten"] button`, chromedp.ByQuery),
		chromedp.WaitVisible(`#adopt-form input`, chromedp.ByQuery),
		chromedp.SendKeys(`#adopt-form input`, "Mittens", chromedp.ByQuery),
		chromedp.Click(`button[form="adopt-form"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="pet-art"]`, chromedp.ByQuery),
	)
	sb.WaitText(`h1`, "Mittens the Kitten")
	sb.WaitText(`.econ-head`, "15 coins")
	sb.Run("feed the kitten", chromedp.Click(`[data-testid="care-feed"]`, chromedp.ByQuery))
	sb.WaitText(`.econ-head`, "10 coins")
	sb.WaitText(`[data-testid="care-feed"]`, "wait")
	sb.AssertClean()
}

// An admin adds an item with an uploaded picture: the upload is processed
// in the background while the dialog shows progress, then the item is saved
// and listed with the processed picture.
func TestBrowserAdminUploadsItemPicture(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ac := app.Admin("it@school.test")
	pic := filepath.Join(t.TempDir(), "lucky-cap.png")
	if err := os.WriteFile(pic, noisePNG(t, 300, 300), 0o644); err != nil {
		t.Fatal(err)
	}
	b := apptest.NewBrowser(t)
	b.SignIn(app.URL, "ag_session", app.SessionCookie(ac))
	b.Run("open the catalog and add an item",
		chromedp.Navigate(app.URL+"/admin/store"),
		chromedp.WaitVisible(`tr[data-item="hat-party"]`, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space()="Add an item"]`, chromedp.BySearch),
		chromedp.WaitVisible(`#item-form`, chromedp.ByQuery),
		chromedp.SendKeys(`#item-form input[maxlength="40"]`, "Lucky Cap", chromedp.ByQuery),
		chromedp.SetUploadFiles(`#item-upload`, []string{pic}, chromedp.ByQuery),
	)
	b.WaitText(`#item-form`, "Ready")
	var src string
	b.Run("save", chromedp.AttributeValue(`#item-form img.thumb`, "src", &src, nil, chromedp.ByQuery),
		chromedp.Click(`button[form="item-form"]`, chromedp.ByQuery))
	if !strings.HasPrefix(src, "/uploads/") {
		t.Fatalf("the dialog shows %q, not the processed upload", src)
	}
	b.WaitText(`main table`, "Lucky Cap")
	b.AssertClean()
}

// A student who joins a live game as itself sees its own avatar in the lobby.
func TestBrowserGameLobbyShowsAvatar(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	_, kids := app.EconClass(teacher.ID, "Maya")
	g, _ := hostGame(t, app, tc, "individual") // the host's socket closes when the test ends
	sb := apptest.NewBrowser(t)
	sb.SignIn(app.URL, "ag_student", apptest.StudentToken(t, app, kids[0]))
	var loaded bool
	sb.Run("join as me",
		chromedp.Navigate(app.URL+"/play/"+g.PIN),
		chromedp.WaitVisible(`//button[contains(normalize-space(), "Join as me")]`, chromedp.BySearch),
		chromedp.Click(`//button[contains(normalize-space(), "Join as me")]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-my-avatar]`, chromedp.ByQuery),
		chromedp.Poll(`(() => { const i = document.querySelector('[data-my-avatar]'); return i.complete && i.naturalWidth > 0; })()`, &loaded, chromedp.WithPollingTimeout(10*time.Second)),
	)
	sb.WaitText(`main`, "Maya R.")
	// A reload brings the pupil back to its seat (as the pupil), not to
	// the join form.
	sb.Run("reload", chromedp.Reload(), chromedp.WaitVisible(`[data-my-avatar]`, chromedp.ByQuery))
	sb.WaitText(`main`, "Maya R.")
	var forms int
	sb.Run("no join form", chromedp.Evaluate(`document.querySelectorAll('main form').length`, &forms))
	if forms != 0 {
		t.Fatalf("the join form shows after a reload (%d forms)", forms)
	}
	sb.AssertClean()
}

// A teacher whose "Give to the whole class" lost its answer (the coins
// moved, the Wi-Fi dropped before the reply) clicks again: the retry sends
// the same Idempotency-Key, so the class is paid once. A later give is a
// new action and pays again.
func TestBrowserCoinsRetryAfterLostAnswer(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya", "Leo")
	coins := func() []int {
		t.Helper()
		var eco struct{ Students []struct{ Coins int } }
		status, body := app.Call(tc, http.MethodGet, fmt.Sprintf("/api/v1/classes/%d/economy", class), "")
		if status != http.StatusOK || json.Unmarshal([]byte(body), &eco) != nil {
			t.Fatalf("economy: %d %s", status, body)
		}
		out := []int{}
		for _, s := range eco.Students {
			out = append(out, s.Coins)
		}
		return out
	}

	b := apptest.NewBrowser(t)
	b.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	b.Run("open the class economy",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/economy", app.URL, class)),
		chromedp.WaitVisible(`[data-testid="give-class"]`, chromedp.ByQuery),
		chromedp.SetValue(`input[type="number"]`, "", chromedp.ByQuery),
		chromedp.SendKeys(`input[type="number"]`, "7", chromedp.ByQuery),
	)
	b.LoseAnswer(http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/coins", class))
	b.Run("give to the class; the answer is lost", chromedp.Click(`[data-testid="give-class"]`, chromedp.ByQuery))
	b.WaitText(`main .error-box`, "can't reach the server")
	if got := coins(); fmt.Sprint(got) != "[7 7]" {
		t.Fatalf("after the lost answer the students hold %v coins; want the give done once, [7 7]", got)
	}
	b.Run("click again", chromedp.Click(`[data-testid="give-class"]`, chromedp.ByQuery))
	b.WaitText(`main`, "Gave 7 coins to the whole class")
	if got := coins(); fmt.Sprint(got) != "[7 7]" {
		t.Errorf("after the retry the students hold %v coins; want [7 7] (paid once)", got)
	}
	b.Run("give again", chromedp.Click(`[data-testid="give-class"]`, chromedp.ByQuery))
	b.WaitText(fmt.Sprintf(`tr[data-student="%d"]`, kids[1]), "14 coins")
	if got := coins(); fmt.Sprint(got) != "[14 14]" {
		t.Errorf("after a second give the students hold %v coins; want [14 14]", got)
	}
	b.AssertClean()
}

// A coin history longer than a page (50 lines) reaches its first line, the
// welcome bonus, through "Show older": in the teacher's History dialog and
// on the pupil's My coins page.
func TestBrowserCoinHistoryShowsOlder(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ms.hill@school.test")
	cl := app.CreateClass(tc, "Room 7")
	_, st := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	for i := 0; i < 55; i++ {
		if status, body := app.Call(tc, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID),
			fmt.Sprintf(`{"studentIds":[%d],"amount":1,"action":"give"}`, st.ID), "Idempotency-Key", apptest.NewKey()); status != http.StatusOK {
			t.Fatalf("give 1 coin: %d %s", status, body)
		}
	}
	rows := func(b *apptest.Browser, sel string) int {
		var n int
		b.Run("count the lines", chromedp.Evaluate(`document.querySelectorAll('`+sel+` tbody tr').length`, &n))
		return n
	}

	tb := apptest.NewBrowser(t)
	tb.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	tb.Run("open Maya's history",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/economy", app.URL, cl.ID)),
		chromedp.WaitVisible(fmt.Sprintf(`tr[data-student="%d"]`, st.ID), chromedp.ByQuery),
		chromedp.Click(fmt.Sprintf(`//tr[@data-student="%d"]//button[contains(., "History")]`, st.ID), chromedp.BySearch),
		chromedp.WaitVisible(`dialog.modal table tbody tr`, chromedp.ByQuery),
	)
	showOlder := `[...document.querySelectorAll('dialog.modal button')].filter((b) => b.textContent.includes('Show older')).length`
	var buttons int
	tb.Run("a Show older button", chromedp.Evaluate(showOlder, &buttons))
	if n := rows(tb, "dialog.modal"); n != 50 || buttons != 1 {
		t.Fatalf("the History dialog opens with %d lines (want the newest 50) and %d Show older buttons (want one)", n, buttons)
	}
	tb.Run("show older", chromedp.Click(`//dialog//button[normalize-space()="Show older"]`, chromedp.BySearch))
	tb.WaitText(`dialog.modal table`, "Welcome bonus")
	tb.Run("no more to show", chromedp.Evaluate(showOlder, &buttons))
	if n := rows(tb, "dialog.modal"); n != 56 || buttons != 0 {
		t.Errorf("after Show older the dialog has %d lines (want 56) and %d Show older buttons (want none)", n, buttons)
	}
	tb.AssertClean()

	sb := apptest.NewBrowser(t)
	sb.SignIn(app.URL, "ag_student", apptest.StudentToken(t, app, st.ID))
	sb.Run("the pupil's coins",
		chromedp.Navigate(app.URL+"/student/coins"),
		chromedp.WaitVisible(`main table tbody tr`, chromedp.ByQuery),
		chromedp.Click(`//main//button[normalize-space()="Show older"]`, chromedp.BySearch),
	)
	sb.WaitText(`main table`, "Welcome bonus")
	if n := rows(sb, "main"); n != 56 {
		t.Errorf("My coins shows %d lines after Show older; want 56", n)
	}
	sb.AssertClean()
}
