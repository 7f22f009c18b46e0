package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/app/quiz"
)

// TestBrowserClassJourney: a teacher makes a class and opens its QR page;
// a student (another browser) joins with the code typed in lower case with
// spaces, answers every question (keyboard and clicks, going back once),
// reloads half way and resumes, sees the result and the passport code,
// logs out, and logs back in with the code in lower case without the hyphen;
// the teacher sees the student and its code on the roster and the cards.
func TestBrowserClassJourney(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacherClient := app.Teacher("rivera@hill.school")
	u, _ := url.Parse(app.URL)

	teacher := apptest.NewBrowser(t)
	var code, qrOK string
	teacher.Run("teacher makes a class and opens its QR page",
		network.SetCookie("ag_session", app.SessionCookie(teacherClient)).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true),
		chromedp.Navigate(app.URL+"/teacher"),
		chromedp.WaitVisible(`//a[normalize-space(.)="Make my first class"]`, chromedp.BySearch),
		chromedp.Click(`//a[normalize-space(.)="Make my first class"]`, chromedp.BySearch),
		apptest.Fill(`input[name=name]`, "Room 7"),
		chromedp.SetValue(`select[name=grade]`, "6", chromedp.ByQuery),
		chromedp.Click(`label.icon-pick img[alt="Parrot"]`, chromedp.ByQuery),
		chromedp.Click(`label.swatch[title=blue]`, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space(.)="Make the class"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-class-code]`, chromedp.ByQuery),
	)
	// Steps of their own, so that a wait that never ends names itself
	// (this part once ran out of time in CI, 1 run in about 6, unreproduced).
	teacher.Run("the class page opens its QR page",
		chromedp.WaitVisible(`a[data-qr-link]`, chromedp.ByQuery),
		chromedp.Click(`a[data-qr-link]`, chromedp.ByQuery),
		chromedp.WaitVisible(`img[data-qr]`, chromedp.ByQuery),
	)
	teacher.Run("the QR page shows the code and a loaded QR image",
		chromedp.Text(`[data-class-code]`, &code, chromedp.ByQuery),
		chromedp.Poll(`(() => { const i = document.querySelector('img[data-qr]'); return i.complete && i.naturalWidth > 100 ? 'yes' : ''; })()`, &qrOK),
	)
	code = strings.TrimSpace(code)
	if len(code) != 6 || qrOK != "yes" {
		t.Fatalf("QR page: code %q, QR loaded %q", code, qrOK)
	}
	// On a 1280x720 projector the code, the link and the whole QR code show
	// without scrolling.
	var fit struct{ QRBottom, CodeBottom, LinkBottom, QRWidth, Height float64 }
	teacher.Run("the QR page on a 720p projector", chromedp.EmulateViewport(1280, 720),
		chromedp.Poll(`(() => { const i = document.querySelector('img[data-qr]'); return i.complete && i.getBoundingClientRect().width > 0; })()`, nil),
		chromedp.Evaluate(`(() => ({ QRBottom: document.querySelector('img[data-qr]').getBoundingClientRect().bottom,
			QRWidth: document.querySelector('img[data-qr]').getBoundingClientRect().width,
			CodeBottom: document.querySelector('[data-class-code]').getBoundingClientRect().bottom,
			LinkBottom: document.querySelector('p.join-link').getBoundingClientRect().bottom, Height: window.innerHeight }))()`, &fit))
	if fit.QRBottom > fit.Height || fit.CodeBottom > fit.Height || fit.LinkBottom > fit.Height || fit.QRWidth < 300 {
		t.Errorf("the QR page does not fit a 1280x720 projector: %+v", fit)
	}
	var joinText string
	teacher.Run("the QR page shows the full join link", chromedp.Text(`p.join-link`, &joinText, chromedp.ByQuery))
	if strings.TrimSpace(joinText) != app.URL+"/join/"+code {
		t.Fatalf("join link on the QR page: %q", joinText)
	}

	n := quiz.DefaultBank().Len()
	student := apptest.NewBrowser(t)
	typed := strings.ToLower(code[:3]) + " " + strings.ToLower(code[3:])
	student.Run("student joins with the code",
		chromedp.Navigate(app.URL+"/student"),
		apptest.Fill(`input[name=classCode]`, typed),
		chromedp.Click(`//button[normalize-space(.)="Join"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[normalize-space(.)="Room 7"]`, chromedp.BySearch),
		apptest.Fill(`input[name=firstName]`, "Maya"),
		apptest.Fill(`input[name=lastInitial]`, "r"),
		chromedp.Click(`//button[normalize-space(.)="Start the quiz"]`, chromedp.BySearch),
	)
	question := func(i int) chromedp.Action {
		return chromedp.WaitVisible(fmt.Sprintf(`//span[normalize-space(.)="Question %d of %d"]`, i, n), chromedp.BySearch)
	}
	answer := func(i int) chromedp.Action {
		switch i % 4 {
		case 0:
			return chromedp.KeyEvent("1")
		case 1:
			return chromedp.KeyEvent("b")
		case 2:
			return chromedp.Click(`.quiz-option[data-option="a"]`, chromedp.ByQuery)
		}
		return chromedp.KeyEvent("2")
	}
	half := n / 2
	for i := 0; i < half; i++ {
		student.Run(fmt.Sprintf("answer %d", i+1), question(i+1), answer(i))
	}
	// Back once with the arrow key: the answer is kept and shown.
	var pressed string
	student.Run("go back with the left arrow",
		question(half+1),
		chromedp.KeyEvent(kb.ArrowLeft),
		question(half),
		chromedp.AttributeValue(`.quiz-option[data-option="a"]`, "aria-pressed", &pressed, nil, chromedp.ByQuery),
		chromedp.KeyEvent(kb.ArrowRight),
		question(half+1),
	)
	if pressed != "true" && (half-1)%4 != 1 && (half-1)%4 != 3 {
		t.Errorf("going back did not show the earlier answer (aria-pressed %q)", pressed)
	}
	student.Run("reload half way and resume",
		chromedp.Reload(),
		question(half+1),
		chromedp.WaitVisible(`//*[contains(., "We kept your answers")]`, chromedp.BySearch),
	)
	for i := half; i < n; i++ {
		student.Run(fmt.Sprintf("answer %d", i+1), question(i+1), answer(i))
	}
	var passport, title string
	student.Run("send the answers and see the result",
		chromedp.WaitVisible(fmt.Sprintf(`//h2[contains(., "You answered all %d questions")]`, n), chromedp.BySearch),
		chromedp.Click(`button[data-submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-passport]`, chromedp.ByQuery),
		chromedp.Text(`[data-passport]`, &passport, chromedp.ByQuery),
		chromedp.Text(`h1`, &title, chromedp.ByQuery),
		chromedp.WaitVisible(`//*[contains(., "Write this down!")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.result-hero img`, chromedp.ByQuery),
	)
	passport = strings.TrimSpace(passport)
	if len(passport) != 9 || passport[3] != '-' || !strings.HasPrefix(title, "You are a") {
		t.Fatalf("result: title %q passport %q", title, passport)
	}

	// The teacher's roster has the student with the same code.
	status, body := app.Call(teacherClient, http.MethodGet, "/api/v1/classes", "")
	if status != 200 || !strings.Contains(body, `"students":1`) {
		t.Fatalf("classes after the quiz: %d %s", status, body)
	}

	typedPassport := strings.ToLower(strings.ReplaceAll(passport, "-", ""))
	var again string
	student.Run("go home, log out, log back in with the passport in lower case without the hyphen",
		chromedp.Click(`//a[contains(., "Go to my page")]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[normalize-space(.)="Hi, Maya R."]`, chromedp.BySearch),
		// The home's achievements load after the heading and move the page; click once it has settled.
		chromedp.WaitVisible(`[data-achievement-count]`, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space(.)="Log out"]`, chromedp.BySearch),
		chromedp.WaitVisible(`input[name=passportCode]`, chromedp.ByQuery),
		apptest.Fill(`input[name=passportCode]`, typedPassport),
		chromedp.Click(`//button[normalize-space(.)="Log in"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[normalize-space(.)="Hi, Maya R."]`, chromedp.BySearch),
		chromedp.Text(`[data-passport]`, &again, chromedp.ByQuery),
	)
	if strings.TrimSpace(again) != passport {
		t.Fatalf("passport on the home page after logging back in: %q, want %q", again, passport)
	}

	teacher.Run("the roster shows the student",
		chromedp.Navigate(app.URL+"/teacher"),
		chromedp.WaitVisible(`//a[normalize-space(.)="Room 7"]`, chromedp.BySearch),
		chromedp.Click(`//a[normalize-space(.)="Room 7"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//table[@data-roster]//td[normalize-space(.)="Maya R."]`, chromedp.BySearch),
		chromedp.WaitVisible(fmt.Sprintf(`//span[@data-passport and normalize-space(.)=%q]`, passport), chromedp.BySearch),
	)
	// The passport cards come from the same roster, with the class's code.
	var card string
	teacher.Run("the passport cards show the student's code",
		chromedp.Click(`//a[normalize-space(.)="Print passport cards"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-cards] .passport-card`, chromedp.ByQuery),
		chromedp.Text(`[data-cards]`, &card, chromedp.ByQuery),
	)
	if !strings.Contains(card, "Maya R. · Room 7") || !strings.Contains(card, passport) || !strings.Contains(card, "Class code: "+code) {
		t.Fatalf("passport cards: %q (want Maya R., %s and class code %s)", card, passport, code)
	}
	// On paper the sheet has three columns of cards to cut out, whatever
	// the screen showed.
	var columns int
	teacher.Run("the cards print three to a row",
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.passport-sheet')).gridTemplateColumns.split(' ').length`, &columns),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if columns != 3 {
		t.Fatalf("the printed sheet has %d columns of cards, want 3", columns)
	}
	teacher.AssertClean()
	student.AssertClean()
}

// TestBrowserReachNoticeSaysWhy: when pupils cannot open the class's
// links, the class page says why in true words: the box listens on
// loopback only (server.addr), or it has no network address.
func TestBrowserReachNoticeSaysWhy(t *testing.T) {
	loopback := apptest.Start(t, nil) // server.addr 127.0.0.1
	every := apptest.Start(t, func(c *config.Config) { c.Server.Addr = ":8080" })
	for _, tc := range []struct {
		name       string
		app        *apptest.App
		kind, want string
		not        string
	}{
		{"loopback only", loopback, "loopback-only", "This box listens only on this computer's own address (server.addr is a loopback address), so other devices cannot reach it",
			"no network address"},
		{"every address", every, "none", "This box has no network address that other devices can reach", "listens only"},
	} {
		_, tcl := tc.app.Teacher("rivera@hill.school")
		cl := tc.app.CreateClass(tcl, "Room 7")
		b := apptest.NewBrowser(t)
		b.SignIn(tc.app.URL, "ag_session", tc.app.SessionCookie(tcl))
		var kind, text string
		b.Run("the class page, "+tc.name,
			chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", tc.app.URL, cl.ID)),
			chromedp.WaitVisible(`[data-reach]`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelector('[data-reach]').dataset.reach`, &kind),
			chromedp.Text(`[data-reach]`, &text, chromedp.ByQuery),
		)
		text = strings.Join(strings.Fields(text), " ")
		if kind != tc.kind || !strings.Contains(text, tc.want) || strings.Contains(text, tc.not) {
			t.Errorf("%s: notice %q says %q", tc.name, kind, text)
		}
		b.AssertClean()
	}
}
