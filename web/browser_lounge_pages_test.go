package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"animalgenius/app/apptest"
)

// A teacher walks the Learning Lounge with a class: the class card and the
// class page show the progress, lesson 1 links to the live board and the
// activities of lesson 2 to the class report, pairings and group maker,
// each activity opens in big type for the projector, the lesson prints
// without its buttons, and the teacher's stars and comment reach the
// admin's page and its CSV download.
func TestBrowserLessonPages(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.lake@school.test")
	_, admin := app.Admin("boss@school.test")
	class, _ := app.EconClass(teacher.ID, "Maya", "Leo")
	home := fmt.Sprintf("/teacher/classes/%d", class)
	card := fmt.Sprintf(`[data-class-id="%d"] [data-lesson-progress]`, class)

	tb := apptest.NewBrowser(t)
	tb.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	tb.Run("teacher home", chromedp.Navigate(app.URL+"/teacher"))
	tb.WaitText(card, "Lessons: 0 of 5 completed")

	// Lesson 1 from the class's lessons: activities 2 and 4 open the board.
	tb.Run("lesson 1 of the class",
		chromedp.Navigate(app.URL+home+"/lessons"),
		chromedp.WaitVisible(`[data-lesson="1"] a.btn`, chromedp.ByQuery),
		chromedp.Click(`[data-lesson="1"] a.btn`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	for _, n := range []int{2, 4} {
		tb.WaitText(fmt.Sprintf(`[data-activity="%d"] a[href=%q]`, n, home+"/board"), "Open the live board")
	}
	tb.Run("start lesson 1 and mark its activities done",
		chromedp.Click(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	tb.WaitText(`[data-status]`, "In progress")
	for n := 1; n <= 4; n++ {
		tb.Run(fmt.Sprintf("activity %d done", n), chromedp.Click(fmt.Sprintf(`[data-testid="done-%d"]`, n), chromedp.ByQuery))
		tb.WaitText(fmt.Sprintf(`[data-activity="%d"] .activity-tag`, n), "Done")
	}
	tb.Run("complete lesson 1",
		chromedp.Click(`[data-testid="lesson-complete"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-testid="confirm-lesson"]`, chromedp.ByQuery),
		chromedp.Click(`[data-testid="confirm-lesson"]`, chromedp.ByQuery))
	tb.WaitText(`[data-progress]`, "2 students get 10 coins")

	// The lesson prints: its activities, without buttons, tabs or feedback.
	var printed int
	var layout struct {
		Header, Progress, Feedback, Tabs, Activity, Break string
		Buttons                                           int
	}
	tb.Run("print the lesson",
		chromedp.Evaluate(`window.__printed = 0; window.print = () => { window.__printed++; }`, nil),
		chromedp.Click(`//button[normalize-space(.)="Print the lesson"]`, chromedp.BySearch),
		chromedp.Evaluate(`window.__printed`, &printed),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`(() => {
			const cs = (sel) => getComputedStyle(document.querySelector(sel));
			const fb = [...document.querySelectorAll('section.card')].find((s) => s.textContent.includes('How did this lesson go?'));
			return { Header: cs('.app-header').display, Progress: cs('[data-progress]').display, Feedback: getComputedStyle(fb).display,
				Tabs: cs('.class-tabs').display, Activity: cs('[data-activity="3"]').display, Break: cs('[data-activity="3"]').breakInside,
				Buttons: [...document.querySelectorAll('.lesson .btn')].filter((b) => getComputedStyle(b).display !== 'none').length };
		})()`, &layout),
		emulation.SetEmulatedMedia().WithMedia(""))
	if printed != 1 || layout.Header != "none" || layout.Progress != "none" || layout.Feedback != "none" || layout.Tabs != "none" ||
		layout.Activity == "none" || layout.Break != "avoid" || layout.Buttons != 0 {
		t.Fatalf("lesson print: print called %d times, layout %+v", printed, layout)
	}
	if n := tb.PDFPages(); n < 1 || n > 4 {
		t.Fatalf("lesson 1 prints on %d pages", n)
	}

	// Lesson 2's activities link to the class report, pairings and groups.
	tb.Run("lesson 2", chromedp.Navigate(app.URL+home+"/lessons/2"), chromedp.WaitVisible(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	for n, link := range map[int][2]string{1: {"/report", "Open the class report"}, 2: {"/pairings", "Open the pairings"}, 3: {"/groups", "Open the group maker"}} {
		tb.WaitText(fmt.Sprintf(`[data-activity="%d"] a[href=%q]`, n, home+link[0]), link[1])
	}
	// Lesson 4 leads to the values vote and, at its end, the poster.
	tb.Run("lesson 4", chromedp.Navigate(app.URL+home+"/lessons/4"), chromedp.WaitVisible(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	tb.WaitText(fmt.Sprintf(`[data-activity="2"] a[href=%q]`, home+"/values"), "Open the values vote")
	tb.WaitText(fmt.Sprintf(`[data-activity="3"] a[href=%q]`, home+"/groups"), "Open the group maker")
	tb.WaitText(fmt.Sprintf(`[data-activity="4"] a[href=%q]`, home+"/values/poster"), "Open the values poster")
	tb.Run("back to lesson 2", chromedp.Navigate(app.URL+home+"/lessons/2"), chromedp.WaitVisible(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	tb.Run("start lesson 2", chromedp.Click(`[data-testid="lesson-start"]`, chromedp.ByQuery))
	tb.WaitText(`[data-status]`, "In progress")

	// Activity 3 on the projector: big type, no app header, next and back.
	var big struct {
		Item, Title float64
		Header      string
	}
	tb.Run("projector view of activity 3",
		chromedp.Click(`[data-activity="3"] a[href*="/activities/3/present"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-present] h1`, chromedp.ByQuery))
	tb.WaitText(`[data-present] h1`, "The welcome habits")
	tb.WaitText(fmt.Sprintf(`[data-present] a[href=%q]`, home+"/groups"), "Open the group maker")
	tb.Run("its type",
		chromedp.Evaluate(`(() => ({ Item: parseFloat(getComputedStyle(document.querySelector('[data-present] li')).fontSize),
			Title: parseFloat(getComputedStyle(document.querySelector('[data-present] h1')).fontSize),
			Header: getComputedStyle(document.querySelector('.app-header')).display }))()`, &big))
	// Body text of the app is 17 px; on the projector every step is at
	// least 28 px at this 1280 px width, the title larger still.
	if big.Item < 28 || big.Title <= big.Item || big.Header != "none" {
		t.Fatalf("projector view: %+v", big)
	}
	tb.Run("next activity",
		chromedp.Click(`//a[normalize-space(.)="Next activity"]`, chromedp.BySearch))
	tb.WaitText(`[data-present] h1`, "Our class promise")
	tb.Run("the last activity has no next one, and leads back to the class's lesson",
		waitJS(`![...document.querySelectorAll('[data-present] a')].some((a) => a.textContent.trim() === 'Next activity')`),
		chromedp.Click(`//a[normalize-space(.)="Back to the lesson"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-progress]`, chromedp.ByQuery))

	// Feedback: four stars and a comment, kept when the page comes back.
	tb.Run("rate lesson 2",
		chromedp.Click(`button[aria-label="4 stars"]`, chromedp.ByQuery),
		apptest.Fill(`textarea`, "The interviews got everyone talking."),
		chromedp.Click(`//button[normalize-space(.)="Send feedback"]`, chromedp.BySearch))
	tb.WaitText(`[role="status"]`, "Thank you, your feedback is saved.")
	tb.Run("the rating is there on the next visit",
		chromedp.Reload(),
		waitJS(`document.querySelectorAll('.stars button[aria-pressed="true"]').length === 4`),
		waitJS(`document.querySelector('textarea').value === "The interviews got everyone talking."`))

	// The class card and the class page show one lesson done, one under way.
	tb.Run("teacher home again", chromedp.Navigate(app.URL+"/teacher"))
	tb.WaitText(card, "Lessons: 1 of 5 completed · now: Building the class community, activity 1 of 4")
	tb.Run("class page", chromedp.Navigate(app.URL+home))
	tb.WaitText(`[data-lessons-completed]`, "1 of 5 lessons completed · now: Building the class community, activity 1 of 4")
	tb.AssertClean()

	// The admin reads it: average, stars and the comment, and the CSV.
	ab := apptest.NewBrowser(t)
	ab.SignIn(app.URL, "ag_session", app.SessionCookie(admin))
	ab.Run("admin's lesson feedback", chromedp.Navigate(app.URL+"/admin/lessons"))
	ab.WaitText(`[data-lesson="2"] [data-average]`, "4.00")
	ab.WaitText(`[data-lesson="2"]`, "from 1 teacher")
	ab.WaitText(`[data-lesson="2"]`, "“The interviews got everyone talking.”")
	ab.WaitText(`[data-lesson="1"]`, "No feedback yet.")
	var ws string
	ab.Run("a comment keeps its line breaks", chromedp.Evaluate(`getComputedStyle([...document.querySelectorAll('[data-lesson="2"] p')].find((p) => p.textContent.startsWith('“'))).whiteSpace`, &ws))
	if ws != "pre-line" {
		t.Errorf("the comment's white-space is %q, want pre-line", ws)
	}
	var dist []string
	ab.Run("the stars given",
		chromedp.Evaluate(`[...document.querySelectorAll('[data-lesson="2"] .dist .num')].map((n) => n.textContent)`, &dist))
	if strings.Join(dist, ",") != "0,1,0,0,0" { // 5, 4, 3, 2, 1 stars
		t.Fatalf("distribution shown %v, want one 4-star rating", dist)
	}
	var csv string
	ab.Run("download the CSV",
		chromedp.WaitVisible(`a[download][href="/api/v1/admin/lessons/feedback.csv"]`, chromedp.ByQuery),
		chromedp.Evaluate(`fetch(document.querySelector('a[download]').href).then((r) => r.text())`, &csv,
			func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }))
	if !strings.Contains(csv, "lesson,lesson_title,teacher,stars,comment,updated_at") ||
		!strings.Contains(csv, "2,Building the class community,") || !strings.Contains(csv, ",4,The interviews got everyone talking.,") {
		t.Fatalf("feedback CSV:\n%s", csv)
	}
	// The admin's view of every teacher's classes has the progress too.
	ab.Run("every class of the school",
		chromedp.Navigate(app.URL+"/teacher"),
		chromedp.WaitVisible(`//label[contains(., "Show every teacher's classes")]/input`, chromedp.BySearch),
		chromedp.Click(`//label[contains(., "Show every teacher's classes")]/input`, chromedp.BySearch))
	ab.WaitText(card, "Lessons: 1 of 5 completed · now: Building the class community, activity 1 of 4")
	ab.AssertClean()
}

// Achievements and the class values where each is shown: the student's
// home celebrates the new ones and shows the class values, the student's
// list has every achievement with its progress, the teacher sees them on
// the student's profile and a count per student on the roster, and the
// values poster prints on one page.
func TestBrowserAchievementsAndValuesPoster(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ms.lake@school.test")
	class := app.CreateClass(tc, "Room 9")
	maya, mayaS := app.Join(class.Code, "Maya", "R", apptest.AnswersAt("INFJ", "auditory"))
	_, leo := app.Join(class.Code, "Leo", "S", apptest.AnswersAt("ESTP", "visual"))
	sid := func() int64 {
		st, body := app.Call(tc, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/values/open", class.ID), "")
		if st != 200 {
			t.Fatalf("open the vote: %d %s", st, body)
		}
		var v struct{ Session struct{ ID int64 } }
		apptest.Decode(t, body, &v)
		return v.Session.ID
	}()
	if st, body := app.Call(maya, http.MethodPost, "/api/v1/student/values/vote", ballotJSON(sid, goodPicks)); st != 200 {
		t.Fatalf("vote: %d %s", st, body)
	}
	if st, body := app.Call(tc, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/values/finalize", class.ID), ""); st != 200 {
		t.Fatalf("finalize: %d %s", st, body)
	}

	// Maya, on a phone: two new achievements, celebrated, and the values.
	tb := apptest.NewBrowser(t)
	tb.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	phone := tb.PhoneTab(app.URL, "ag_student", apptest.StudentToken(t, app, mayaS.ID))
	phone.Run("student home", chromedp.Navigate(app.URL+"/me"))
	phone.WaitText(`[data-new-achievement="quiz_finished"]`, "New achievement: Found my animal!")
	phone.WaitText(`[data-new-achievement="values_voter"]`, "New achievement: My voice counts!")
	phone.WaitText(`#our-values + [data-class-values] [data-value="kindness"]`, "Kindness")
	phone.WaitText(`[data-achievement-count]`, "2 of 8 earned")
	// The page tells the server they were shown (in the background).
	for deadline := time.Now().Add(10 * time.Second); app.Count(`SELECT COUNT(*) FROM student_achievements
		WHERE student_id = ? AND seen_at IS NOT NULL`, mayaS.ID) != 2; time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the shown achievements were not marked seen")
		}
	}
	var list struct {
		All, Earned     int
		Pet, Week, Quiz string
	}
	phone.Run("every achievement, with progress",
		chromedp.Navigate(app.URL+"/me/achievements"),
		chromedp.WaitVisible(`[data-achievement="week_complete"]`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => {
			const q = (s) => document.querySelector(s);
			return { All: document.querySelectorAll('[data-achievement]').length, Earned: document.querySelectorAll('[data-earned="yes"]').length,
				Pet: q('[data-achievement="happy_pet"] .achievement-progress').textContent,
				Week: q('[data-achievement="week_complete"] .achievement-progress').textContent,
				Quiz: q('[data-achievement="quiz_finished"]').dataset.earned };
		})()`, &list))
	if list.All != 8 || list.Earned != 2 || list.Pet != "0 of 3" || list.Week != "0 of 5" || list.Quiz != "yes" {
		t.Fatalf("achievements page: %+v", list)
	}
	phone.Run("home again: nothing new to celebrate",
		chromedp.Navigate(app.URL+"/me"),
		chromedp.WaitVisible(`[data-achievement-count]`, chromedp.ByQuery),
		waitJS(`document.querySelectorAll('[data-new-achievement]').length === 0`))
	phone.AssertClean()

	// The teacher: the values on the class page, achievement counts on
	// its roster, the list on Maya's profile.
	tb.Run("class page", chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, class.ID)))
	tb.WaitText(`[data-lounge-summary] [data-class-values] [data-value="perseverance"]`, "Perseverance")
	tb.WaitText(fmt.Sprintf(`tr[data-student="%d"] [data-achievements]`, mayaS.ID), "2")
	tb.WaitText(fmt.Sprintf(`tr[data-student="%d"] [data-achievements]`, leo.ID), "1")
	tb.Run("Maya's profile", chromedp.Click(fmt.Sprintf(`tr[data-student="%d"] a`, mayaS.ID), chromedp.ByQuery))
	tb.WaitText(`[data-student-achievements] h2`, "Achievements (2 of 8)")
	tb.WaitText(`[data-student-achievements] [data-achievement="values_voter"][data-earned="yes"]`, "My voice counts")
	tb.WaitText(`[data-student-achievements] [data-achievement="happy_pet"][data-earned="no"]`, "0 of 3")

	// The poster: the eight values in big type, on one printed page.
	var printed, values int
	tb.Run("the poster",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/values/poster", app.URL, class.ID)),
		chromedp.WaitVisible(`.values-big [data-value="kindness"]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelectorAll('[data-class-values] [data-value]').length`, &values),
		chromedp.Evaluate(`window.__printed = 0; window.print = () => { window.__printed++; }`, nil),
		chromedp.Click(`//button[normalize-space(.)="Print the poster"]`, chromedp.BySearch),
		chromedp.Evaluate(`window.__printed`, &printed))
	tb.WaitText(`h1`, "Room 9: our class values")
	if values != 8 || printed != 1 {
		t.Fatalf("poster: %d values, print called %d times", values, printed)
	}
	if n := tb.PDFPages(); n != 1 {
		t.Fatalf("the poster prints on %d pages, want 1", n)
	}

	// A reset from the vote's page deletes the vote with its results.
	tb.Run("reset the vote",
		chromedp.Click(`//a[normalize-space(.)="Back to the vote"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-vote-state="finalized"]`, chromedp.ByQuery),
		chromedp.Click(`//button[normalize-space(.)="Reset the vote"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//dialog//button[normalize-space(.)="Reset"]`, chromedp.BySearch),
		chromedp.Click(`//dialog//button[normalize-space(.)="Reset"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-vote-state="none"]`, chromedp.ByQuery),
		waitJS(`document.querySelector('[data-class-values]') === null`))
	if n := app.Count(`SELECT COUNT(*) FROM values_sessions`); n != 0 {
		t.Fatalf("%d votes after the reset", n)
	}
	phone.Run("the student home without class values",
		chromedp.Navigate(app.URL+"/me"),
		chromedp.WaitVisible(`[data-achievement-count]`, chromedp.ByQuery),
		waitJS(`document.querySelector('#our-values') === null`))
	tb.AssertClean()
}

// Every activity of every lesson fits a 1280x720 projector in type at
// least 28 px high, with its buttons in view; a clicker's Page Down and
// the arrow keys move between the activities.
func TestBrowserEveryActivityFitsTheProjector(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.lake@school.test")
	class, _ := app.EconClass(teacher.ID, "Maya")
	tb := apptest.NewBrowser(t)
	tb.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	tb.Run("a 720p projector", chromedp.EmulateViewport(1280, 720))
	for lesson := 1; lesson <= 5; lesson++ {
		for n := 1; n <= 4; n++ {
			var fit struct {
				Scroll, Height, Item float64
				NavBottom            float64
			}
			tb.Run(fmt.Sprintf("lesson %d activity %d", lesson, n),
				chromedp.Navigate(fmt.Sprintf("%s/teacher/lessons/%d/activities/%d/present?class=%d", app.URL, lesson, n, class)),
				chromedp.WaitVisible(`[data-present] nav`, chromedp.ByQuery),
				chromedp.Evaluate(`(() => ({
					Scroll: document.scrollingElement.scrollHeight, Height: window.innerHeight,
					Item: parseFloat(getComputedStyle(document.querySelector('[data-present] li')).fontSize),
					NavBottom: document.querySelector('[data-present] nav').getBoundingClientRect().bottom }))()`, &fit))
			if fit.Scroll > fit.Height || fit.NavBottom > fit.Height || fit.Item < 28 {
				t.Errorf("lesson %d activity %d on a 1280x720 projector: %+v", lesson, n, fit)
			}
		}
	}
	tb.Run("a clicker's Page Down", chromedp.Navigate(fmt.Sprintf("%s/teacher/lessons/2/activities/1/present?class=%d", app.URL, class)),
		chromedp.WaitVisible(`[data-present] h1`, chromedp.ByQuery), chromedp.KeyEvent(kb.PageDown))
	tb.Run("on activity 2", waitJS(`location.pathname.endsWith('/activities/2/present') && location.search.includes('class=')`))
	tb.Run("the left arrow", chromedp.WaitVisible(`[data-present] h1`, chromedp.ByQuery), chromedp.KeyEvent(kb.ArrowLeft))
	tb.Run("back on activity 1", waitJS(`location.pathname.endsWith('/activities/1/present')`))
	tb.Run("no activity 0", chromedp.KeyEvent(kb.ArrowLeft), chromedp.Sleep(200*time.Millisecond),
		waitJS(`location.pathname.endsWith('/activities/1/present')`))
	tb.AssertClean()
}
