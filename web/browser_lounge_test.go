package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
)

// voteAsStudent picks three values in each cluster on the student's vote
// page and sends the vote.
func voteAsStudent(b *apptest.Browser, picks map[string][3]string) {
	b.T.Helper()
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
	b.WaitText(`main`, "Thank you! Your vote is in")
}

// A teacher runs lesson 4 (leadership and teamwork) with its values vote
// while three students vote on phones: the teacher sees each voter appear
// live, finalizes, completes the lesson (10 coins each) and the students
// see the class values and their new achievement on their home page.
func TestBrowserLessonFourWithValuesVote(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.lake@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya", "Leo", "Ana")

	tb := apptest.NewBrowser(t)
	tb.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	tb.Run("open lesson 4 from the class's lessons",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/lessons", app.URL, class)),
		chromedp.WaitVisible(`[data-lesson="4"] a.btn`, chromedp.ByQuery),
		chromedp.Click(`[data-lesson="4"] a.btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="lesson-start"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	tb.WaitText(`[data-status]`, "In progress")
	// Maya already sits on her home page when the vote opens: the vote
	// card comes to her without a reload.
	early := tb.PhoneTab(app.URL, "ag_student", apptest.StudentToken(t, app, kids[0]))
	early.Run("Maya's home before the vote", chromedp.Navigate(app.URL+"/me"), chromedp.WaitVisible(`main h1`, chromedp.ByQuery))
	var cards int
	early.Run("no vote yet", chromedp.Evaluate(`document.querySelectorAll('[data-open-vote]').length`, &cards))
	if cards != 0 {
		t.Fatalf("a vote card before the vote: %d", cards)
	}
	tb.Run("activity 1 done", chromedp.Click(`[data-testid="done-1"]`, chromedp.ByQuery))
	tb.WaitText(`[data-activity="2"] .activity-tag`, "Now")
	tb.Run("follow activity 2 to the values vote and open it",
		chromedp.Click(`[data-activity="2"] a[href$="/values"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="values-open"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="values-open"]`, chromedp.ByQuery))
	tb.WaitText(`[data-voted-count]`, "0 of 3")
	tb.WaitText(`[data-socket]`, "Updates live")
	// 15 minutes, and 15 more on request.
	tb.Run("the vote's clock", waitJS(`/^1[45]:[0-5][0-9]$/.test(document.querySelector('[data-time-left]').textContent)`))
	// Leo already has the ballot open on his phone: the extension reaches
	// his clock without a reload.
	leo := tb.PhoneTab(app.URL, "ag_student", apptest.StudentToken(t, app, kids[1]))
	leo.Run("Leo's ballot", chromedp.Navigate(app.URL+"/me/values"), chromedp.WaitVisible(`[data-time-left]`, chromedp.ByQuery),
		waitJS(`/^1[45]:[0-5][0-9]$/.test(document.querySelector('[data-time-left]').textContent)`))
	tb.Run("extend it", chromedp.Click(`[data-testid="values-extend"]`, chromedp.ByQuery),
		waitJS(`/^(29:[0-5][0-9]|30:00)$/.test(document.querySelector('[data-time-left]').textContent)`))
	leo.Run("Leo's clock follows", chromedp.Poll(`/^(2[89]:[0-5][0-9]|30:00)$/.test(document.querySelector('[data-time-left]').textContent)`,
		nil, chromedp.WithPollingTimeout(20*time.Second)))

	picks := []map[string][3]string{
		{"treat": {"kindness", "respect", "honesty"}, "challenge": {"courage", "calm", "focus"}, "learn": {"curiosity", "teamwork", "practice"}, "daily": {"joy", "effort", "health"}},
		{"treat": {"respect", "kindness", "trust"}, "challenge": {"courage", "resilience", "calm"}, "learn": {"teamwork", "curiosity", "questions"}, "daily": {"effort", "joy", "readiness"}},
		{"treat": {"kindness", "fairness", "respect"}, "challenge": {"calm", "courage", "optimism"}, "learn": {"creativity", "teamwork", "curiosity"}, "daily": {"joy", "generosity", "effort"}},
	}
	for i, kid := range kids {
		phone := early
		if i == 1 {
			phone = leo
			phone.Run("student home", chromedp.Navigate(app.URL+"/me"))
		} else if i > 0 {
			phone = tb.PhoneTab(app.URL, "ag_student", apptest.StudentToken(t, app, kid))
			phone.Run("student home", chromedp.Navigate(app.URL+"/me"))
		}
		voteAsStudent(phone, picks[i])
		tb.WaitText(`[data-voted-count]`, fmt.Sprintf("%d of 3", i+1))
		tb.WaitText(`[data-voters]`, []string{"Maya", "Leo", "Ana"}[i])
		phone.AssertClean()
	}
	tb.Run("close the vote early", chromedp.Click(`[data-testid="values-close"]`, chromedp.ByQuery))
	tb.WaitText(`#vote-h`, "Voting is closed")
	tb.Run("finalize", chromedp.Click(`[data-testid="values-finalize"]`, chromedp.ByQuery))
	tb.WaitText(`#vote-h`, "Results are in")
	// kindness 3+2+3, respect 2+3+1: kindness then respect.
	tb.WaitText(`[data-class-values]`, "Kindness")
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
	tb.WaitText(`[data-progress]`, "3 students get 10 coins")
	tb.AssertClean()

	phone := tb.PhoneTab(app.URL, "ag_student", apptest.StudentToken(t, app, kids[0]))
	phone.Run("student home after the lesson", chromedp.Navigate(app.URL+"/me"))
	phone.WaitText(`#our-values`, "Our class values")
	phone.WaitText(`[data-new-achievement="lesson_complete"]`, "Learning together")
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
