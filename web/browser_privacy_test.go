package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// TestBrowserPrivacy: a pupil at the join page is asked for the first name
// only and goes on with a real two-word first name after saying so; the
// privacy notice opens from the join page and the footer, short for
// pupils and in full with the school's contact; a teacher corrects a
// student's name (confirming a two-word first name) and opens the
// student's data page.
func TestBrowserPrivacy(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Privacy.Contact = "Ms Okafor, office@hill.school" })
	_, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	_, zel := app.Join(cl.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))

	pupil := apptest.NewBrowser(t)
	pupil.Run("a surname in the first-name box",
		chromedp.Navigate(app.URL+"/join/"+cl.Code),
		apptest.Fill(`input[name=firstName]`, "Ana Sofia"),
		apptest.Fill(`input[name=lastInitial]`, "R"),
		chromedp.Click(`//button[normalize-space(.)="Start the quiz"]`, chromedp.BySearch),
		chromedp.WaitVisible(`[data-just-first-name]`, chromedp.ByQuery),
	)
	pupil.WaitText(`[data-just-first-name]`, "Just your first name, please.")
	pupil.Run("a real two-word first name, confirmed",
		chromedp.Click(`button[data-confirm-first-name]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//p[contains(., "Taking the quiz as")]`, chromedp.BySearch),
	)
	pupil.WaitText(`main`, "Ana Sofia R.")
	pupil.Run("the privacy notice from the join page",
		chromedp.Click(`//button[normalize-space(.)="Not you? Start over"]`, chromedp.BySearch),
		chromedp.WaitVisible(`a[data-join-privacy]`, chromedp.ByQuery),
		chromedp.Click(`a[data-join-privacy]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-privacy=kids]`, chromedp.ByQuery),
	)
	pupil.WaitText(`[data-privacy=kids]`, "your first name and the first letter of your last name")
	pupil.WaitText(`[data-privacy=kids]`, "Ms Okafor, office@hill.school")
	pupil.WaitText(`[data-privacy=kids]`, "after 1 year")
	pupil.Run("the full version",
		chromedp.Click(`a[data-privacy-full-link]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-privacy=full]`, chromedp.ByQuery),
	)
	pupil.WaitText(`[data-privacy=full]`, "data-protection officer")
	pupil.WaitText(`[data-privacy=full]`, "A deleted student still exists in backups")
	// Words stay apart where the page's source breaks a line next to a link
	// or a value (htm drops such a space: "building.Privacy").
	pupil.WaitText(`.app-footer`, "leaves the building. Privacy")
	pupil.WaitText(`[data-privacy=full]`, "browser) for up to ")
	pupil.Run("the footer links to it from any page",
		chromedp.Navigate(app.URL+"/student"),
		// The page renders its frame, then its login form; the footer is
		// drawn again with it, so wait for the form before the footer's link
		// (clicking the first footer's link once found a detached node).
		chromedp.WaitVisible(`input[name=passportCode]`, chromedp.ByQuery),
		chromedp.WaitVisible(`a[data-footer-privacy]`, chromedp.ByQuery),
		chromedp.Click(`a[data-footer-privacy]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-privacy=kids]`, chromedp.ByQuery),
	)
	pupil.AssertClean()

	teacher := apptest.NewBrowser(t)
	teacher.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	rename := fmt.Sprintf(`button[data-rename="%d"]`, zel.ID)
	teacher.Run("the teacher corrects a name",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, cl.ID)),
		chromedp.WaitVisible(rename, chromedp.ByQuery),
		chromedp.Click(rename, chromedp.ByQuery),
		chromedp.WaitVisible(`.modal input[name=firstName]`, chromedp.ByQuery),
		// Select the old name and type over it, as a teacher would.
		chromedp.Evaluate(`(() => { const i = document.querySelector('.modal input[name=firstName]'); i.focus(); i.select(); return i.value; })()`, new(string)),
		chromedp.KeyEvent("Zelmira Rose"),
		chromedp.Click(`button[data-rename-save]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.modal input[name=firstNameConfirmed]`, chromedp.ByQuery),
		chromedp.Click(`.modal input[name=firstNameConfirmed]`, chromedp.ByQuery),
		chromedp.Click(`button[data-rename-save]`, chromedp.ByQuery),
		chromedp.WaitNotPresent(`.modal input[name=firstName]`, chromedp.ByQuery),
	)
	teacher.WaitText(`[data-roster]`, "Zelmira Rose Q.")
	teacher.Run("the student's data page",
		chromedp.Click(fmt.Sprintf(`a[href="/teacher/classes/%d/students/%d/data"]`, cl.ID, zel.ID), chromedp.ByQuery),
		chromedp.WaitVisible(`[data-section=quiz_results]`, chromedp.ByQuery),
	)
	teacher.WaitText(`main`, "Everything kept about Zelmira Rose Q.")
	teacher.WaitText(`[data-section=students]`, zel.PassportCode)
	var sections int
	teacher.Run("every section shows", chromedp.Evaluate(`document.querySelectorAll('[data-section]').length`, &sections))
	if sections < 10 {
		t.Fatalf("%d sections on the data page", sections)
	}
	teacher.AssertClean()
	var names string
	app.App.Store().Reader.QueryRow(`SELECT group_concat(first_name, ',') FROM students`).Scan(&names)
	if !strings.Contains(names, "Zelmira Rose") {
		t.Fatalf("names in the database: %s", names)
	}
}

// TestBrowserDeletionsAndAudit: the teacher's home warns of an archived
// class whose students are deleted soon; the teacher deletes the class's
// game results and one game's results; the admin filters the audit log by
// the student and finds those actions, and the school export is offered.
func TestBrowserDeletionsAndAudit(t *testing.T) {
	app := apptest.Start(t, nil)
	_, admin := app.Admin("root@hill.school")
	ana, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	old := app.CreateClass(tc, "Last year")
	_, zel := app.Join(cl.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	app.Join(old.Code, "Leo", "K", apptest.AnswersAt("INFP", "visual"))
	day := int64(24 * time.Hour / time.Millisecond)
	if _, err := app.App.Store().Writer.Exec(`UPDATE classes SET archived_at = ? WHERE id = ?`, time.Now().UnixMilli()-340*day, old.ID); err != nil {
		t.Fatal(err)
	}
	first := finishedGame(app, ana.ID, "135791", zel.ID)
	second := finishedGame(app, ana.ID, "246802", zel.ID)

	teacher := apptest.NewBrowser(t)
	teacher.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	teacher.Run("the home page warns",
		chromedp.Navigate(app.URL+"/teacher"),
		chromedp.WaitVisible(`[data-deletion-warning]`, chromedp.ByQuery),
	)
	teacher.WaitText(`[data-deletion-warning]`, "Last year")
	teacher.Run("delete the class's game results",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, cl.ID)),
		chromedp.WaitVisible(`button[data-delete-plays]`, chromedp.ByQuery),
		chromedp.Click(`button[data-delete-plays]`, chromedp.ByQuery),
		chromedp.WaitVisible(`button[data-delete-plays-confirm]`, chromedp.ByQuery),
		chromedp.Click(`button[data-delete-plays-confirm]`, chromedp.ByQuery),
	)
	teacher.WaitText(`main`, "2 game results deleted.")
	if n := app.Count(`SELECT count(*) FROM game_players WHERE student_id IS NOT NULL`); n != 0 {
		t.Fatalf("%d student plays left", n)
	}
	teacher.Run("delete one game's results",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/games/%d", app.URL, first)),
		chromedp.WaitVisible(`button[data-delete-game]`, chromedp.ByQuery),
		chromedp.Click(`button[data-delete-game]`, chromedp.ByQuery),
		chromedp.WaitVisible(`button[data-delete-game-confirm]`, chromedp.ByQuery),
		chromedp.Click(`button[data-delete-game-confirm]`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[normalize-space(.)="Live games"]`, chromedp.BySearch),
	)
	if app.Count(`SELECT count(*) FROM games WHERE id = ?`, first) != 0 || app.Count(`SELECT count(*) FROM games WHERE id = ?`, second) != 1 {
		t.Fatal("the wrong game went")
	}
	teacher.AssertClean()

	app.Call(tc, "POST", fmt.Sprintf("/api/v1/classes/%d/students/%d/passport", cl.ID, zel.ID), "")
	boss := apptest.NewBrowser(t)
	boss.SignIn(app.URL, "ag_session", app.SessionCookie(admin))
	boss.Run("filter the audit log by the student",
		chromedp.Navigate(app.URL+"/admin?tab=audit"),
		chromedp.WaitVisible(`form[data-audit-filter] input[name=student]`, chromedp.ByQuery),
		apptest.Fill(`form[data-audit-filter] input[name=student]`, fmt.Sprint(zel.ID)),
		chromedp.Click(`//form[@data-audit-filter]//button[normalize-space(.)="Show"]`, chromedp.BySearch),
	)
	// The page shows the filtered list once the answer is in: only the
	// student's lines are left of the dozen the class's actions wrote (the
	// new passport, and the deletions of the games she played in).
	var one bool
	boss.Run("only the student's lines", chromedp.Poll(`(() => {
		const rows = [...document.querySelectorAll('tr[data-audit-line]')];
		return rows.length >= 2 && rows.every(r => r.textContent.includes('Zelmira Q.')) &&
			document.querySelectorAll('tr[data-audit-line="student.passport_reissue"]').length === 1 &&
			document.querySelectorAll('tr[data-audit-line="class.game_results_delete"]').length === 1;
	})()`, &one, chromedp.WithPollingTimeout(30*time.Second)))
	boss.WaitText(`tr[data-audit-line="student.passport_reissue"]`, "Zelmira Q.")
	boss.Run("the school export is offered",
		chromedp.Navigate(app.URL+"/admin?tab=data"),
		chromedp.WaitVisible(`a[data-school-export][href="/api/v1/admin/export"]`, chromedp.ByQuery),
	)
	boss.AssertClean()
}

// TestBrowserPrivacyRetentionWords: the privacy notice says how long data
// is kept in whole sentences, with each retention rule on (the defaults)
// and off (0): then it says who deletes the data instead.
func TestBrowserPrivacyRetentionWords(t *testing.T) {
	on := apptest.Start(t, nil)
	off := apptest.Start(t, func(c *config.Config) {
		c.Retention.GameDays, c.Retention.ArchivedClassDays, c.Retention.AuditDays = 0, 0, 0
		c.Retention.AuditAddressDays, c.Retention.BackupDays = 0, 0
	})
	never := []string{"until someone deletes it", "after until", "deletes it ago", "older than until", "warned until"}
	for _, tc := range []struct {
		name string
		app  *apptest.App
		want []string
	}{
		{"on", on, []string{
			"When your class is finished and put away, your things are deleted after 1 year. Game scores are deleted after 1 year.",
			"students of a class archived 1 year ago are deleted (the teacher is warned 30 days before)",
			"1 year after the game; the teacher can delete them sooner",
			"Audit lines are kept 2 years; their addresses are blanked after 90 days. They hold",
			"pruned: backups older than 90 days are deleted, and so is data set aside when a backup is restored (the last nightly",
		}},
		{"off", off, []string{
			"Your things stay until your teacher or the school deletes them, also after your class is finished. Game scores stay until your teacher deletes them.",
			"Until a teacher or the admin removes the student or deletes the class; archived classes are not emptied on their own",
			"Until the teacher deletes them",
			"Audit lines are kept with no end date (this box does not delete old ones); their addresses are kept as long as the lines. They hold",
			"pruned: only the newest 7 nightly backups stay; backups made by hand or before an update, and data set aside when a backup is restored, stay until the admin deletes them. Restoring",
		}},
	} {
		b := apptest.NewBrowser(t)
		var page string
		b.Run("the full notice with the rules "+tc.name,
			chromedp.Navigate(tc.app.URL+"/privacy?full=1"),
			chromedp.WaitVisible(`[data-privacy=full]`, chromedp.ByQuery),
			chromedp.Text(`main`, &page, chromedp.ByQuery),
		)
		page = strings.Join(strings.Fields(page), " ")
		for _, w := range tc.want {
			if !strings.Contains(page, w) {
				t.Errorf("rules %s: the notice lacks %q", tc.name, w)
			}
		}
		for _, w := range never {
			if strings.Contains(page, w) {
				t.Errorf("rules %s: the notice says %q", tc.name, w)
			}
		}
		b.AssertClean()
	}
}

// TestBrowserStudentDataPrints: the student's data page printed on A4
// (703 CSS pixels between the margins) stays inside the page: wide tables
// become label and value lines, long values (the quiz answers' JSON) wrap.
func TestBrowserStudentDataPrints(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	_, zel := app.Join(cl.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	if status, body := app.Call(tc, "POST", fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID),
		fmt.Sprintf(`{"studentIds":[%d],"amount":5,"action":"give","reason":"For tidying the reading corner after the book fair"}`, zel.ID),
		"Idempotency-Key", apptest.NewKey()); status != 200 {
		t.Fatalf("give coins: %d %s", status, body)
	}
	b := apptest.NewBrowser(t)
	b.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	var wide string
	var sections int
	b.Run("the data page as printed on A4",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/students/%d/data", app.URL, cl.ID, zel.ID)),
		chromedp.WaitVisible(`[data-section=quiz_results]`, chromedp.ByQuery),
		chromedp.EmulateViewport(703, 1000),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`document.querySelectorAll('[data-section]').length`, &sections),
		chromedp.Evaluate(`[...document.querySelectorAll('.app-main *')].filter((x) => {
			const r = x.getBoundingClientRect();
			return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1 || x.scrollWidth > x.clientWidth + 1 && getComputedStyle(x).overflowX !== 'visible');
		}).slice(0, 5).map((x) => x.tagName.toLowerCase() + (x.dataset.section ? '[' + x.dataset.section + ']' : '') + ' "' + x.textContent.slice(0, 30) + '" ends at ' + Math.round(x.getBoundingClientRect().right)).join('; ')`, &wide),
		emulation.SetEmulatedMedia().WithMedia(""),
		chromedp.EmulateViewport(1280, 900),
	)
	if sections < 10 {
		t.Fatalf("%d sections on the data page", sections)
	}
	if wide != "" {
		t.Errorf("printed on A4 these stick out of the page: %s", wide)
	}
	b.AssertClean()
}
