package web_test

import (
	"fmt"
	"strings"
	"testing"

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
	pupil.Run("the footer links to it from any page",
		chromedp.Navigate(app.URL+"/student"),
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
