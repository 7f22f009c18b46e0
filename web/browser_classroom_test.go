package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
)

// TestBrowserBoardJoinStripAndWorking: the live board shows the class code
// and QR code for latecomers (hideable, remembered), and a pupil who passed
// the name check as "working on the quiz" until it finishes.
func TestBrowserBoardJoinStripAndWorking(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	b := apptest.NewBrowser(t)
	b.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	var code, link string
	var qr bool
	b.Run("the board with its join strip",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/board", app.URL, cl.ID)),
		chromedp.WaitVisible(`[data-join-strip] [data-class-code]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.board-status-live`, chromedp.ByQuery),
		chromedp.Text(`[data-join-strip] [data-class-code]`, &code, chromedp.ByQuery),
		chromedp.Text(`.board-join-link`, &link, chromedp.ByQuery),
		chromedp.Poll(`(() => { const i = document.querySelector('.board-join-qr'); return i.complete && i.naturalWidth > 20; })()`, &qr),
	)
	if strings.TrimSpace(code) != cl.Code || strings.TrimSpace(link) != cl.JoinURL || !qr {
		t.Fatalf("join strip: code %q link %q qr %v", code, link, qr)
	}

	// A pupil passes the name check: working on the quiz, on the board and in the roster.
	pupil := app.NewClient()
	if status, body := app.Call(pupil, http.MethodPost, "/api/v1/join/"+cl.Code+"/check", `{"firstName":"Maya","lastInitial":"R"}`); status != 200 {
		t.Fatalf("name check: %d %s", status, body)
	}
	b.Run("Maya is working on the quiz", chromedp.WaitVisible(`[data-working="Maya R."]`, chromedp.ByQuery))
	status, body := app.Call(tc, http.MethodGet, fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID), "")
	if status != 200 || !strings.Contains(body, `"working":[{"name":"Maya R."`) {
		t.Fatalf("roster: %d %s", status, body)
	}
	app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	var working int
	b.Run("Maya finished: she arrives and is no longer working",
		chromedp.WaitVisible(`.board-col[data-animal="otter"] .board-chip`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`[data-working="Maya R."]`, chromedp.ByQuery),
		chromedp.Evaluate(`Number(document.querySelector('[data-working-count]').dataset.workingCount)`, &working),
	)
	if working != 0 {
		t.Fatalf("%d still working", working)
	}

	b.Run("hide the join strip; it stays hidden after a reload; show it again",
		chromedp.Click(`//button[normalize-space(.)="Hide the join strip"]`, chromedp.BySearch),
		chromedp.WaitNotPresent(`[data-join-strip]`, chromedp.ByQuery),
		chromedp.Reload(),
		chromedp.WaitVisible(`//button[normalize-space(.)="Show the join strip"]`, chromedp.BySearch),
		chromedp.WaitNotPresent(`[data-join-strip]`, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space(.)="Show the join strip"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-join-strip]`, chromedp.ByQuery),
	)
	b.AssertClean()
}

// TestBrowserHostQuestionScreen: the host's question screen has a
// countdown and the answer progress, which moves as players answer.
func TestBrowserHostQuestionScreen(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	var set struct{ ID int64 }
	postJSON(t, tc, app.URL+"/api/v1/question-sets", `{"title":"Slow facts","description":"","questions":[
 {"text":"Legs of a spider?","options":["Six","Eight","Ten"],"correct":1,"seconds":120},
 {"text":"Hearts of an octopus?","options":["One","Three"],"correct":1,"seconds":120}]}`, http.StatusCreated, &set)
	var g createdGame
	postJSON(t, tc, app.URL+"/api/v1/games", fmt.Sprintf(`{"setId":%d,"mode":"individual"}`, set.ID), http.StatusCreated, &g)
	one := joinPlayer(t, app, g.PIN, "Kiwi")
	joinPlayer(t, app, g.PIN, "Lime")

	b := apptest.NewBrowser(t)
	b.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	var left int
	b.Run("the lobby, then the first question",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/games/%d", app.URL, g.ID)),
		chromedp.WaitVisible(`//h1[contains(., "waiting for players")]`, chromedp.BySearch),
		chromedp.Click(`//button[normalize-space(.)="Start the game"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[normalize-space(.)="Question 1 of 2"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-countdown[role=timer]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-answered="0"] [role=progressbar]`, chromedp.ByQuery),
		chromedp.Evaluate(`Number(document.querySelector('[data-seconds-left]').dataset.secondsLeft)`, &left),
	)
	if left < 60 || left > 120 {
		t.Fatalf("countdown shows %d seconds of 120", left)
	}
	one.Next("question")
	one.Send(map[string]any{"type": "answer", "question": 0, "option": 1})
	var label string
	b.Run("one of two answered",
		chromedp.WaitVisible(`[data-answered="1"]`, chromedp.ByQuery),
		chromedp.Text(`.game-host-progress .progress-label`, &label, chromedp.ByQuery),
	)
	if !strings.Contains(label, "1 of 2 players answered") {
		t.Fatalf("progress label %q", label)
	}
	b.AssertClean()
}
