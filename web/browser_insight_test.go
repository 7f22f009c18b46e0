package web_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"animalgenius/app/apptest"
	"animalgenius/app/quiz"
)

// waitJS polls a JavaScript condition until it is true (10 s at most).
func waitJS(cond string) chromedp.Action {
	return chromedp.Poll(cond, nil, chromedp.WithPollingTimeout(10*time.Second), chromedp.WithPollingInterval(50*time.Millisecond))
}

// submitFromBrowser takes the quiz in the browser b as a new student of
// the class with code: the page's own fetch, with the page's CSRF cookie,
// exactly as the join page sends it.
func submitFromBrowser(t *testing.T, b *apptest.Browser, appURL, code, first, initial, poles, style string) {
	t.Helper()
	body := apptest.SubmitBody(first, initial, apptest.AnswersAt(poles, style))
	var status int
	b.Run("submit the quiz",
		chromedp.Navigate(appURL+"/"),
		chromedp.WaitVisible(`.app-main`, chromedp.ByQuery),
		chromedp.Evaluate(fmt.Sprintf(`(async () => {
			const csrf = document.cookie.split('; ').find((c) => c.startsWith('ag_csrf=')).slice(8);
			const res = await fetch('/api/v1/join/%s/submit', { method: 'POST', body: %q,
				headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': decodeURIComponent(csrf),
					'Idempotency-Key': '%s' } });
			return res.status;
		})()`, code, body, apptest.NewKey()), &status, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if status != 201 {
		t.Fatalf("quiz submission from the browser: status %d", status)
	}
}

func TestBrowserLiveBoard(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacher := app.Teacher("maria@school.test")
	class := app.CreateClass(teacher, "Room 7")
	ana, _ := app.Join(class.Code, "Ana", "B", apptest.AnswersAt("ISTP", "visual")) // an owl before the board opens

	board := apptest.NewBrowser(t)
	board.LoginTeacher(app.URL, "maria@school.test")
	owl := `document.querySelector('[data-animal="owl"] .board-count')`
	board.Run("open the live board",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/board", app.URL, class.ID)),
		chromedp.WaitVisible(`.board-status-live`, chromedp.ByQuery),
		waitJS(owl+`?.dataset.count === "1"`),
		waitJS(`document.querySelector('.board-title').textContent === "Room 7"`),
		waitJS(`document.querySelector('[data-vote-state="none"]') !== null`), // no vote yet
		waitJS(`document.querySelector('[data-board-values]') === null`),
	)
	// At 1280 px every column's picture, count and animal name stay inside
	// the column ("Elephant" and "Meerkat" once ran into the next one).
	var sticking string
	board.Run("the column heads fit their columns",
		chromedp.Evaluate(`[...document.querySelectorAll('.board-col-head')].flatMap((h) => [...h.children].filter((x) =>
			x.getBoundingClientRect().right > h.getBoundingClientRect().right + 0.5).map((x) => x.textContent.trim() || x.tagName)).join(', ')`, &sticking),
	)
	if sticking != "" {
		t.Errorf("on a 1280 px board these stick out of their column: %s", sticking)
	}

	// A student takes the quiz through the join page in another browser,
	// answering the first option every time.
	bank := quiz.DefaultBank()
	var firsts []quiz.Answer
	for _, q := range bank.Questions() {
		firsts = append(firsts, quiz.Answer{Question: q.ID, Option: q.Options[0].ID})
	}
	res, err := bank.Score(firsts)
	if err != nil {
		t.Fatal(err)
	}
	col := fmt.Sprintf(`document.querySelector('[data-animal="%s"] .board-count')`, res.Animal)
	want := 1
	if res.Animal == "owl" {
		want = 2
	}
	student := apptest.NewBrowser(t)
	student.Run("join through the join page",
		chromedp.Navigate(app.URL+"/join/"+class.Code),
		apptest.Fill(`input[name=firstName]`, "Tao"),
		apptest.Fill(`input[name=lastInitial]`, "k"),
		chromedp.Click(`//button[normalize-space(.)="Start the quiz"]`, chromedp.BySearch),
	)
	for i := range bank.Len() {
		student.Run(fmt.Sprintf("answer %d", i+1),
			chromedp.WaitVisible(fmt.Sprintf(`//span[normalize-space(.)="Question %d of %d"]`, i+1, bank.Len()), chromedp.BySearch),
			chromedp.KeyEvent("1"))
	}
	student.Run("send the answers",
		chromedp.Click(`button[data-submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`[data-passport]`, chromedp.ByQuery),
	)
	board.Run("the column grows",
		waitJS(fmt.Sprintf(`%s.dataset.count === "%d"`, col, want)),
		waitJS(fmt.Sprintf(`[...document.querySelectorAll('[data-animal="%s"] .board-chip')].some((li) => li.textContent.includes("Tao K."))`, res.Animal)),
		waitJS(fmt.Sprintf(`document.querySelector('[data-animal="%s"] .board-chip.arrive') !== null`, res.Animal)),
		waitJS(`document.querySelector('[data-total]').dataset.total === "2"`),
	)
	submitFromBrowser(t, student, app.URL, class.Code, "Ola", "P", "INTP", "auditory")
	board.Run("the owl column grows",
		waitJS(fmt.Sprintf(`%s.dataset.count === "%d"`, owl, map[bool]int{true: 3, false: 2}[res.Animal == "owl"])),
	)
	ownOwls := map[bool]int{true: 3, false: 2}[res.Animal == "owl"]

	// Names off keeps the count but hides the names.
	board.Run("hide names",
		chromedp.Click(`//button[contains(., "Hide names")]`, chromedp.BySearch),
		waitJS(`document.querySelector('[data-animal="owl"] .board-list-dots .board-chip .visually-hidden') !== null`),
		waitJS(fmt.Sprintf(`%s.dataset.count === "%d"`, owl, ownOwls)),
	)

	// Start fresh: the board empties but nothing is deleted; the next
	// student shows up alone.
	board.Run("start fresh",
		chromedp.Click(`//button[contains(., "Start fresh")]`, chromedp.BySearch),
		waitJS(owl+`.dataset.count === "0"`),
	)
	submitFromBrowser(t, student, app.URL, class.Code, "Ivy", "L", "ESTJ", "visual")
	board.Run("only the newcomer",
		waitJS(`document.querySelector('[data-animal="border_collie"] .board-count').dataset.count === "1"`),
		waitJS(owl+`.dataset.count === "0"`),
	)
	if n := app.CountRows("students"); n != 4 {
		t.Fatalf("%d students after start fresh, want 4", n)
	}

	// After a dropped socket the board reconnects and catches up.
	app.App.Sockets().CloseTopic(fmt.Sprintf("class:%d", class.ID), 1012, "restarting")
	submitFromBrowser(t, student, app.URL, class.Code, "Uma", "M", "ISTP", "visual")
	board.Run("reconnect and catch up",
		waitJS(owl+`.dataset.count === "1"`),
		chromedp.WaitVisible(`.board-status-live`, chromedp.ByQuery),
	)

	// The class votes on its values; an open or closed vote shows nothing
	// on the board, the finalized one shows the winners live (the socket
	// says so), in big type that passes the accessibility check, and a
	// reset takes them away again.
	valuesPath := fmt.Sprintf("/api/v1/classes/%d/values/", class.ID)
	st, body := app.Call(teacher, "POST", valuesPath+"open", "")
	if st != 200 {
		t.Fatalf("open the vote: %d %s", st, body)
	}
	var opened struct{ Session struct{ ID int64 } }
	apptest.Decode(t, body, &opened)
	if st, body := app.Call(ana, "POST", "/api/v1/student/values/vote", ballotJSON(opened.Session.ID, goodPicks)); st != 200 {
		t.Fatalf("vote: %d %s", st, body)
	}
	if st, body := app.Call(teacher, "POST", valuesPath+"close", ""); st != 200 {
		t.Fatalf("close the vote: %d %s", st, body)
	}
	board.Run("no values before the vote is finalized",
		waitJS(`document.querySelector('[data-vote-state="closed"]') !== null`),
		waitJS(`document.querySelector('[data-board-values]') === null`))
	if st, body := app.Call(teacher, "POST", valuesPath+"finalize", ""); st != 200 {
		t.Fatalf("finalize the vote: %d %s", st, body)
	}
	board.Run("the class values arrive",
		chromedp.WaitVisible(`[data-board-values] [data-value="kindness"]`, chromedp.ByQuery),
		waitJS(`document.querySelectorAll('[data-board-values] [data-value]').length === 8`),
		waitJS(`['kindness', 'respect', 'courage', 'perseverance', 'curiosity', 'teamwork', 'joy', 'effort']
			.every((v) => document.querySelector('[data-board-values] [data-value="' + v + '"]') !== null)`),
		waitJS(`document.querySelector('[data-board-values] [data-value="honesty"]') === null`),
		// Readable from the back row: the value names at least 24 px here.
		waitJS(`parseFloat(getComputedStyle(document.querySelector('[data-board-values] .values-name')).fontSize) >= 24`),
	)
	board.CheckA11yAgain()
	if st, body := app.Call(teacher, "POST", valuesPath+"reset", ""); st != 200 {
		t.Fatalf("reset the vote: %d %s", st, body)
	}
	board.Run("a reset takes the values away",
		waitJS(`document.querySelector('[data-vote-state="none"]') !== null`),
		waitJS(`document.querySelector('[data-board-values]') === null`),
		waitJS(owl+`.dataset.count === "1"`),
	)
	board.AssertClean()
	student.AssertClean()
}

func TestBrowserAnalyticsFilterRoster(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacher := app.Teacher("maria@school.test")
	class := app.CreateClass(teacher, "Room 7")
	app.Join(class.Code, "Ana", "B", apptest.AnswersAt("ISTP", "visual"))
	app.Join(class.Code, "Ben", "C", apptest.AnswersAt("INTP", "visual"))
	app.Join(class.Code, "Cleo", "D", apptest.AnswersAt("ESFP", "kinesthetic"))
	// Dan passed the name check and is working on the quiz: not a student
	// yet, so the overview counts him apart.
	if st, body := app.Call(app.NewClient(), "POST", "/api/v1/join/"+class.Code+"/check", `{"firstName":"Dan","lastInitial":"E"}`); st != 200 {
		t.Fatalf("name check: %d %s", st, body)
	}

	b := apptest.NewBrowser(t)
	b.LoginTeacher(app.URL, "maria@school.test")
	rows := `document.querySelectorAll('.roster-table tbody tr[data-student]').length`
	b.Run("open analytics",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/analytics", app.URL, class.ID)),
		chromedp.WaitVisible(`g.chart-row[data-key="otter"]`, chromedp.ByQuery),
		waitJS(rows+` === 3`),
	)
	b.WaitText(`[data-working-count]`, "1 working on the quiz now")
	// The insight lists take their names from the roster: Ana and Ben are
	// owls (think time), Cleo an otter (on no list).
	b.Run("insight lists name the students",
		waitJS(`document.querySelector('[data-list="think_time"]').textContent.includes("Ana B.")`),
		waitJS(`document.querySelector('[data-list="think_time"]').textContent.includes("Ben C.")`),
		waitJS(`document.querySelectorAll('[data-list="think_time"] li').length === 2`),
		waitJS(`document.querySelector('[data-list="overlooked"]').textContent.includes("Nobody in this class")`),
		waitJS(`![...document.querySelectorAll('.insight-list')].some((l) => l.textContent.includes("Cleo"))`),
	)
	b.Run("click the otter bar",
		chromedp.Click(`g.chart-row[data-key="otter"]`, chromedp.ByQuery),
		waitJS(rows+` === 1`),
		waitJS(`document.querySelector('.roster-table tbody').textContent.includes("Cleo D.")`),
		waitJS(`document.querySelector('.filter-chip').textContent.includes("Otter")`),
		waitJS(`document.querySelector('g.chart-row[data-key="otter"]').getAttribute('aria-pressed') === "true"`),
	)
	b.Run("a genius bar by keyboard",
		chromedp.Focus(`g.chart-row[data-key="thinker"]`, chromedp.ByQuery),
		chromedp.KeyEvent("\r"),
		waitJS(rows+` === 2`),
		waitJS(`!document.querySelector('.roster-table tbody').textContent.includes("Cleo")`),
	)
	b.Run("show everyone again",
		chromedp.Click(`//button[contains(., "Show everyone")]`, chromedp.BySearch),
		waitJS(rows+` === 3`),
	)
	b.AssertClean()
}

func TestBrowserGroupMakerPrints(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacher := app.Teacher("maria@school.test")
	class := app.CreateClass(teacher, "Room 7")
	for i, p := range []string{"ISTP", "INTP", "ESFP", "ENFJ", "ISFJ", "ESTJ", "INFP"} {
		app.Join(class.Code, fmt.Sprintf("Kid%c", 'A'+i), "B", apptest.AnswersAt(p, "visual"))
	}
	b := apptest.NewBrowser(t)
	b.LoginTeacher(app.URL, "maria@school.test")
	b.Run("make groups",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/groups", app.URL, class.ID)),
		chromedp.WaitVisible(`form.group-form`, chromedp.ByQuery),
		chromedp.Evaluate(`(() => { const s = document.querySelector('form.group-form select'); s.value = '3';
			s.dispatchEvent(new Event('change', { bubbles: true })); })()`, nil),
		chromedp.Click(`//button[contains(., "Make groups")]`, chromedp.BySearch),
		waitJS(`document.querySelectorAll('.groups-grid .group-card:not(.group-none)').length === 3`),
		waitJS(`document.querySelectorAll('.groups-grid .group-chip').length === 7`),
	)

	// Keyboard: the right arrow moves a name to the next group, and focus stays on it.
	b.Run("move with the keyboard",
		chromedp.Focus(`.group-card[data-group="0"] .group-chip`, chromedp.ByQuery),
		chromedp.Evaluate(`window.__moved = document.activeElement.dataset.chip`, nil),
		chromedp.KeyEvent(kb.ArrowRight),
		waitJS(`document.querySelector('.group-card[data-group="1"] [data-chip="' + window.__moved + '"]') !== null`),
		// Focus follows the moved name, so it can be moved on at once.
		waitJS(`document.activeElement.dataset.chip === window.__moved`),
	)
	// Drag and drop: a name dropped on the third group lands there.
	b.Run("move by dragging",
		chromedp.Evaluate(`(() => {
			const chip = document.querySelector('.group-card[data-group="0"] .group-chip');
			window.__dragged = chip.dataset.chip;
			const dt = new DataTransfer();
			chip.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }));
			const target = document.querySelector('.group-card[data-group="2"]');
			target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: dt }));
			target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
		})()`, nil),
		waitJS(`document.querySelector('.group-card[data-group="2"] [data-chip="' + window.__dragged + '"]') !== null`),
	)

	// Print: the button calls window.print, and the print stylesheet lays
	// the groups out three to a row with the controls hidden.
	var printed int
	b.Run("print",
		chromedp.Evaluate(`window.__printed = 0; window.print = () => { window.__printed++; }`, nil),
		chromedp.Click(`//button[contains(., "Print groups")]`, chromedp.BySearch),
		chromedp.Evaluate(`window.__printed`, &printed),
	)
	if printed != 1 {
		t.Fatalf("window.print called %d times", printed)
	}
	var layout struct {
		Columns int    `json:"columns"`
		Form    string `json:"form"`
		Tabs    string `json:"tabs"`
		Header  string `json:"header"`
		NoGroup string `json:"noGroup"`
		Title   string `json:"title"`
		Break   string `json:"break"`
	}
	b.Run("print layout",
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`(() => {
			const cs = (sel) => getComputedStyle(document.querySelector(sel));
			return { columns: cs('.groups-grid').gridTemplateColumns.split(' ').length, form: cs('form.group-form').display,
				tabs: cs('.class-tabs').display, header: cs('.app-header').display, noGroup: cs('.group-none').display,
				title: cs('.group-result .print-only').display, break: cs('.group-card').breakInside };
		})()`, &layout),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if layout.Columns != 3 || layout.Form != "none" || layout.Tabs != "none" || layout.Header != "none" || layout.NoGroup != "none" ||
		layout.Title == "none" || layout.Break != "avoid" {
		t.Fatalf("print layout %+v", layout)
	}

	// Save under a name; it is listed and opens again.
	b.Run("save",
		apptest.Fill(`.save-form input`, "Science teams"),
		chromedp.Click(`//button[normalize-space(.)="Save"]`, chromedp.BySearch),
		waitJS(`document.querySelector('.saved-list') !== null && document.querySelector('.saved-list').textContent.includes("Science teams")`),
	)
	var groups string
	app.App.Store().Reader.QueryRow(`SELECT groups FROM insight_groupings WHERE name = 'Science teams'`).Scan(&groups)
	if strings.Count(groups, ",")+1 != 7 {
		t.Fatalf("saved groups %s", groups)
	}
	b.AssertClean()
}

func TestBrowserReportsPrint(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacher := app.Teacher("maria@school.test")
	class := app.CreateClass(teacher, "Room 7")
	_, st := app.Join(class.Code, "Maya", "R", apptest.AnswersAt("INFJ", "auditory"))

	b := apptest.NewBrowser(t)
	b.LoginTeacher(app.URL, "maria@school.test")
	var printed int
	b.Run("open the report",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/students/%d", app.URL, class.ID, st.ID)),
		chromedp.WaitVisible(`.report-page .pole-chart svg`, chromedp.ByQuery),
		waitJS(`document.querySelector('.report-head h1').textContent === "Maya R."`),
		waitJS(`document.body.textContent.includes("Panda")`),
		chromedp.Evaluate(`window.__printed = 0; window.print = () => { window.__printed++; }`, nil),
		chromedp.Click(`//button[contains(., "Print report")]`, chromedp.BySearch),
		chromedp.Evaluate(`window.__printed`, &printed),
	)
	if printed != 1 {
		t.Fatalf("window.print called %d times", printed)
	}
	if n := b.PDFPages(); n != 1 {
		t.Fatalf("the student report prints on %d pages, want 1", n)
	}

	// The class report prints too, and offers the exports as downloads.
	app.Join(class.Code, "Otto", "S", apptest.AnswersAt("ESTP", "visual"))
	var csvHref string
	var ok bool
	b.Run("class report",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d/report", app.URL, class.ID)),
		waitJS(`document.body.textContent.includes("Dynamic duos") && document.body.textContent.includes("Otto S.")`),
		// The lists name students from the roster: Maya (panda) is on three, Otto (otter) on none.
		waitJS(`(() => { const s = [...document.querySelectorAll('.report-section')].find((x) => x.querySelector('h2').textContent === 'Keep an eye on');
			return [...s.querySelectorAll('.card')].filter((c) => c.textContent.includes('Maya R.')).length === 3 && !s.textContent.includes('Otto'); })()`),
		chromedp.AttributeValue(`a[href$="/export.csv"]`, "href", &csvHref, &ok, chromedp.ByQuery),
		chromedp.Evaluate(`window.__printed = 0; window.print = () => { window.__printed++; }`, nil),
		chromedp.Click(`//button[contains(., "Print the report")]`, chromedp.BySearch),
		chromedp.Evaluate(`window.__printed`, &printed),
	)
	if !ok || csvHref != fmt.Sprintf("/api/v1/classes/%d/export.csv", class.ID) || printed != 1 {
		t.Fatalf("class report: csv link %q %v, printed %d", csvHref, ok, printed)
	}
	if n := b.PDFPages(); n < 1 || n > 3 {
		t.Fatalf("the class report prints on %d pages", n)
	}
	b.AssertClean()
}
