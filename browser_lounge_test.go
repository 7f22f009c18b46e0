package main

import (
	"context"
	"fmt"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// phoneTab opens a tab in its own browser context (its own cookies) of b's
// chromium, sized like a phone (390 x 844), signed in as a student.
func (b *browser) phoneTab(appURL, studentToken string) *browser {
	b.t.Helper()
	ctx, cancel := chromedp.NewContext(b.ctx, chromedp.WithNewBrowserContext())
	tab := &browser{t: b.t, ctx: ctx, cancel: cancel}
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError {
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
			return network.SetCookie("ag_student", studentToken).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true).Do(ctx)
		}))
	b.t.Cleanup(func() {
		if b.t.Failed() {
			tab.screenshot("phone-failure")
		}
		cancel()
	})
	return tab
}

// voteAsStudent picks three values in each cluster on the student's vote
// page and sends the vote.
func (b *browser) voteAsStudent(picks map[string][3]string) {
	b.t.Helper()
	b.Run("open the vote from the student home",
		chromedp.WaitVisible(`[data-testid="go-vote"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="go-vote"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-cluster="daily"]`, chromedp.ByQuery))
	for cluster, codes := range picks {
		for _, code := range codes {
			sel := fmt.Sprintf(`[data-cluster=%q] button[data-value=%q]`, cluster, code)
			// Centred first: at phone size the sticky "Send" bar covers the
			// bottom of the screen, where a plain scroll-into-view leaves it.
			b.Run("pick "+code, chromedp.Evaluate(fmt.Sprintf(`document.querySelector(%q).scrollIntoView({block: "center"})`, sel), nil),
				chromedp.Click(sel, chromedp.ByQuery))
		}
	}
	b.Run("send the vote", chromedp.Click(`[data-testid="send-vote"]`, chromedp.ByQuery))
	b.waitText(`main`, "Thank you! Your vote is in")
}

// A teacher runs lesson 4 (leadership and teamwork) with its values vote
// while three students vote on phones: the teacher sees each voter appear
// live, finalizes, completes the lesson (10 coins each) and the students
// see the class values and their new achievement on their home page.
func TestBrowserLessonFourWithValuesVote(t *testing.T) {
	app := startApp(t, nil)
	teacher, tc := app.Teacher("ms.lake@school.test")
	class, kids := app.econClass(teacher.ID, "Maya", "Leo", "Ana")

	tb := newBrowser(t)
	tb.signIn(app.URL, "ag_session", app.SessionCookie(tc))
	tb.Run("open lesson 4 from the class's lessons",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/lessons", app.URL, class)),
		chromedp.WaitVisible(`[data-lesson="4"] a.btn`, chromedp.ByQuery),
		chromedp.Click(`[data-lesson="4"] a.btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="lesson-start"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	tb.waitText(`[data-status]`, "In progress")
	tb.Run("activity 1 done", chromedp.Click(`[data-testid="done-1"]`, chromedp.ByQuery))
	tb.waitText(`[data-activity="2"] .activity-tag`, "Now")
	tb.Run("follow activity 2 to the values vote and open it",
		chromedp.Click(`[data-activity="2"] a[href$="/values"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="values-open"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="values-open"]`, chromedp.ByQuery))
	tb.waitText(`[data-voted-count]`, "0 of 3")
	tb.waitText(`[data-socket]`, "Live")

	picks := []map[string][3]string{
		{"treat": {"kindness", "respect", "honesty"}, "challenge": {"courage", "calm", "focus"}, "learn": {"curiosity", "teamwork", "practice"}, "daily": {"joy", "effort", "health"}},
		{"treat": {"respect", "kindness", "trust"}, "challenge": {"courage", "resilience", "calm"}, "learn": {"teamwork", "curiosity", "questions"}, "daily": {"effort", "joy", "readiness"}},
		{"treat": {"kindness", "fairness", "respect"}, "challenge": {"calm", "courage", "optimism"}, "learn": {"creativity", "teamwork", "curiosity"}, "daily": {"joy", "generosity", "effort"}},
	}
	for i, kid := range kids {
		phone := tb.phoneTab(app.URL, studentToken(t, app, kid))
		phone.Run("student home", chromedp.Navigate(app.URL+"/me"))
		phone.voteAsStudent(picks[i])
		tb.waitText(`[data-voted-count]`, fmt.Sprintf("%d of 3", i+1))
		tb.waitText(`[data-voters]`, []string{"Maya", "Leo", "Ana"}[i])
		phone.AssertClean()
	}
	tb.Run("finalize", chromedp.Click(`[data-testid="values-finalize"]`, chromedp.ByQuery))
	// kindness 3+2+3, respect 2+3+1: kindness then respect.
	tb.waitText(`[data-class-values]`, "Kindness")
	var first string
	tb.Run("read the winners", chromedp.Text(`[data-class-values] section:first-child li:first-child`, &first, chromedp.ByQuery))
	if !strings.HasPrefix(first, "Kindness") {
		t.Errorf("first value of 'how we treat each other' is %q, want Kindness", first)
	}

	tb.Run("back to the lesson and complete it",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/lessons/4", app.URL, class)),
		chromedp.WaitVisible(`[data-testid="lesson-complete"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="lesson-complete"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="confirm-lesson"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="confirm-lesson"]`, chromedp.ByQuery))
	tb.waitText(`[data-progress]`, "3 students get 10 coins")
	tb.AssertClean()

	phone := tb.phoneTab(app.URL, studentToken(t, app, kids[0]))
	phone.Run("student home after the lesson", chromedp.Navigate(app.URL+"/me"))
	phone.waitText(`#our-values`, "Our class values")
	phone.waitText(`[data-new-achievement="lesson_complete"]`, "Learning together")
	phone.AssertClean()
	// Celebrated once: the next visit shows no new achievement.
	deadline := time.Now().Add(10 * time.Second)
	for {
		var n int
		phone.Run("reload", chromedp.Navigate(app.URL+"/me"), chromedp.WaitVisible(`[data-achievement-count]`, chromedp.ByQuery),
			chromedp.Evaluate(`document.querySelectorAll('[data-new-achievement]').length`, &n))
		if n == 0 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("achievements still celebrated as new after a reload: %d", n)
		}
	}
}
