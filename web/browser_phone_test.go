package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
)

// phone is the screen of a common phone (390 x 844 CSS pixels).
func phone() chromedp.Action { return chromedp.EmulateViewport(390, 844, chromedp.EmulateScale(3)) }

// narrowPhone is the narrowest phone screen in use (320 x 568 CSS pixels).
func narrowPhone() chromedp.Action {
	return chromedp.EmulateViewport(320, 568, chromedp.EmulateScale(2))
}

// fitsWidth fails when the page scrolls sideways.
const fitsWidth = `document.documentElement.scrollWidth <= window.innerWidth`

// wideOnes names the first three elements that stick out of the screen,
// to name them in a failure (inside a table's frame only what is
// positioned counts: the rest scrolls inside the frame).
const wideOnes = `[...document.body.querySelectorAll('*')].filter((x) => x.getBoundingClientRect().right > window.innerWidth + 1 &&
	(!x.closest('.table-wrap') || getComputedStyle(x).position === 'absolute')).slice(0, 3).map((x) => x.tagName.toLowerCase() + '.' + [...x.classList].join('.')).join(', ')`

// cutCells names what a phone hides of a page's tables (the coin tables
// are cards there, not frames that scroll): anything wider than the
// screen, also inside a table's frame (the class's tabs scroll on purpose); a cell with content, or a box to
// tick, that is not shown; a date in the coin history that wraps.
const cutCells = `(() => {
	const name = (x) => x.tagName.toLowerCase() + '.' + [...x.classList].join('.') + (x.dataset.label ? '[' + x.dataset.label + ']' : '');
	const out = [];
	for (const x of document.querySelectorAll('.app-main *, dialog[open] *')) {
		const r = x.getBoundingClientRect();
		if (r.width > 0 && (r.right > window.innerWidth + 1 || r.left < -1) && getComputedStyle(x).position !== 'absolute' && !x.closest('.class-tabs')) out.push(name(x) + ' sticks out');
	}
	for (const x of document.querySelectorAll('.app-main td, dialog[open] td, .app-main th:has(input)')) {
		const r = x.getBoundingClientRect();
		if ((x.textContent.trim() || x.querySelector('input, button')) && (r.width === 0 || r.height === 0)) out.push(name(x) + ' is hidden');
	}
	for (const x of document.querySelectorAll('td[data-label="When"]')) {
		const cs = getComputedStyle(x);
		if (x.getBoundingClientRect().height - parseFloat(cs.paddingTop) - parseFloat(cs.paddingBottom) > 2 * parseFloat(cs.lineHeight)) out.push('the date ' + x.textContent + ' wraps');
	}
	return out.slice(0, 4).join(', ');
})()`

// TestBrowserPhoneResultAndStore: on a phone the navigation is one row
// behind a Menu button, the result page and the home page show the
// passport code without scrolling (with the right article: "an Otter"),
// and the store is a grid.
func TestBrowserPhoneResultAndStore(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	_, st := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual")) // an otter

	b := apptest.NewBrowser(t)
	b.Run("phone screen", phone())
	b.SignIn(app.URL, "ag_student", apptest.StudentToken(t, app, st.ID))
	var title, tab string
	var codeBottom, header, height float64
	var fits, navHidden bool
	b.Run("the result page",
		chromedp.Navigate(app.URL+"/me/result"),
		chromedp.WaitVisible(`[data-passport]`, chromedp.ByQuery),
		chromedp.Text(`h1`, &title, chromedp.ByQuery),
		chromedp.Evaluate(`document.title`, &tab),
		chromedp.Evaluate(`document.querySelector('[data-passport]').getBoundingClientRect().bottom`, &codeBottom),
		chromedp.Evaluate(`document.querySelector('.app-header').getBoundingClientRect().height`, &header),
		chromedp.Evaluate(`window.innerHeight`, &height),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.app-nav')).display === 'none'`, &navHidden),
		chromedp.Evaluate(fitsWidth, &fits),
	)
	if strings.Join(strings.Fields(title), " ") != "You are an Otter!" || !strings.HasPrefix(tab, "You are an Otter!") {
		t.Errorf("result title %q, tab %q; want the article an", title, tab)
	}
	if codeBottom <= 0 || codeBottom > height {
		t.Errorf("the passport code ends at %.0f px on a %.0f px screen: below the fold", codeBottom, height)
	}
	if header > 80 || !navHidden {
		t.Errorf("phone header %.0f px tall, nav hidden %v; want one compact row", header, navHidden)
	}
	if !fits {
		t.Error("the result page scrolls sideways on a phone")
	}
	// The home page shows the passport code near its top too: pupils need
	// it to log in on another device (it was once 2,700 px down).
	var had int
	b.Run("the coins from the quiz", chromedp.Navigate(app.URL+"/me"), chromedp.WaitVisible(`[data-coins]`, chromedp.ByQuery),
		chromedp.Evaluate(`Number(document.querySelector('[data-coins]').textContent)`, &had))
	if status, body := app.Call(tc, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID),
		fmt.Sprintf(`{"studentIds":[%d],"amount":%d,"action":"take"}`, st.ID, had-1), "Idempotency-Key", apptest.NewKey()); had < 2 || status != 200 {
		t.Fatalf("leave one coin of %d: %d %s", had, status, body)
	}
	var coins string
	b.Run("the home page",
		chromedp.Navigate(app.URL+"/me"),
		chromedp.WaitVisible(`[data-passport]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('[data-passport]').getBoundingClientRect().bottom`, &codeBottom),
		chromedp.Text(`.me-head .coins`, &coins, chromedp.ByQuery),
	)
	if codeBottom <= 0 || codeBottom > height {
		t.Errorf("on the home page the passport code ends at %.0f px on a %.0f px screen: below the fold", codeBottom, height)
	}
	if coins = strings.Join(strings.Fields(coins), " "); coins != "1 coin" {
		t.Errorf("the home page says %q of one coin", coins)
	}
	b.Run("back to the result page", chromedp.Navigate(app.URL+"/me/result"), chromedp.WaitVisible(`[data-passport]`, chromedp.ByQuery))
	var links int
	b.Run("the Menu button opens the navigation",
		chromedp.Click(`button.nav-toggle`, chromedp.ByQuery),
		chromedp.WaitVisible(`#app-nav a[href="/student/store"]`, chromedp.ByQuery),
		chromedp.Evaluate(`[...document.querySelectorAll('#app-nav a')].filter((a) => a.getBoundingClientRect().height > 0).length`, &links),
		chromedp.Click(`#app-nav a[href="/student/store"]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.shop-grid .shop-card`, chromedp.ByQuery),
	)
	if links < 5 {
		t.Errorf("%d navigation links shown after Menu", links)
	}
	var perRow, cards int
	var page float64
	var menuClosed bool
	b.Run("the store is a grid",
		chromedp.Evaluate(`(() => { const c = [...document.querySelectorAll('.shop-grid .shop-card')]; return c.filter((x) => x.offsetTop === c[0].offsetTop).length; })()`, &perRow),
		chromedp.Evaluate(`document.querySelectorAll('.shop-grid .shop-card').length`, &cards),
		chromedp.Evaluate(`document.documentElement.scrollHeight`, &page),
		chromedp.Evaluate(`getComputedStyle(document.querySelector('.app-nav')).display === 'none'`, &menuClosed),
		chromedp.Evaluate(fitsWidth, &fits),
	)
	if perRow < 2 || !fits || !menuClosed {
		t.Errorf("store on a phone: %d items a row (want 2 or more), fits %v, menu closed after navigating %v", perRow, fits, menuClosed)
	}
	// 22 items in rows of two: well under a screen per item.
	if cards < 16 || page > float64(cards)*844/3 {
		t.Errorf("store of %d items is %.0f px long on a phone", cards, page)
	}
	b.AssertClean()
}

// TestBrowserPhoneGamePlay: a player on a phone joins with the PIN and
// answers; the question screen fits the phone.
func TestBrowserPhoneGamePlay(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	// A long time limit: the phone's screens are checked (axe-core) while
	// the question is open.
	var set struct{ ID int64 }
	postJSON(t, tc, app.URL+"/api/v1/question-sets", `{"title":"Slow facts","description":"","questions":[
 {"text":"Legs of a spider?","options":["Six","Eight","Ten"],"correct":1,"seconds":120},
 {"text":"Hearts of an octopus?","options":["One","Three"],"correct":1,"seconds":120}]}`, http.StatusCreated, &set)
	var g createdGame
	postJSON(t, tc, app.URL+"/api/v1/games", fmt.Sprintf(`{"setId":%d,"mode":"individual"}`, set.ID), http.StatusCreated, &g)
	host := app.Dial(tc, "")
	host.Name = "host"
	host.Send(map[string]any{"type": "host", "game": g.ID})
	host.Next("host_state")

	b := apptest.NewBrowser(t)
	b.Run("phone screen", phone())
	b.Run("join the game",
		chromedp.Navigate(app.URL+"/play/"+g.PIN),
		chromedp.WaitVisible(`//label[contains(., "nickname")]`, chromedp.BySearch),
		chromedp.SendKeys(`//label[contains(., "nickname")]/following::input[1]`, "Kiwi", chromedp.BySearch),
		chromedp.Click(`//button[normalize-space(.)="Join"]`, chromedp.BySearch),
		chromedp.WaitVisible(`//h1[contains(., "You're in!")]`, chromedp.BySearch),
	)
	host.Next("players")
	host.Send(`{"type":"start"}`)
	var fits bool
	var optionsBottom, height float64
	b.Run("the question on a phone",
		chromedp.WaitVisible(`//h1[contains(., "Question 1 of 2")]`, chromedp.BySearch),
		chromedp.WaitVisible(`button.game-option`, chromedp.ByQuery),
		chromedp.Evaluate(fitsWidth, &fits),
		chromedp.Evaluate(`Math.max(...[...document.querySelectorAll('button.game-option')].map((o) => o.getBoundingClientRect().bottom))`, &optionsBottom),
		chromedp.Evaluate(`window.innerHeight`, &height),
	)
	if !fits || optionsBottom > height {
		t.Errorf("question screen on a phone: fits %v, options end at %.0f of %.0f px", fits, optionsBottom, height)
	}
	// The only player answered, so the question closes at once.
	b.Run("answer right",
		chromedp.Click(`button.game-option:nth-child(2)`, chromedp.ByQuery),
		chromedp.WaitVisible(`//h1[contains(., "Right! +")]`, chromedp.BySearch),
	)
	b.AssertClean()
}

// rosterOverlaps names what is wrong with the roster's actions on a wide
// screen: the frame scrolls sideways, a button sticks out of the table or
// its frame, or two buttons of a row overlap.
const rosterOverlaps = `(() => {
	const wrap = document.querySelector('.roster .table-wrap');
	const wr = wrap.getBoundingClientRect();
	const out = [];
	if (wrap.scrollWidth > wrap.clientWidth) out.push('the frame scrolls sideways (' + wrap.scrollWidth + ' px in ' + wrap.clientWidth + ')');
	for (const tr of document.querySelectorAll('tr[data-student]')) {
		const bs = [...tr.querySelectorAll('.roster-actions .btn')].map((x) => [x.textContent.trim(), x.getBoundingClientRect(), x]);
		for (const [name, r, x] of bs) {
			if (r.width === 0 || r.left < wr.left - 0.5 || r.right > wr.right + 0.5 || r.right > window.innerWidth) out.push(name + ' is cut off');
			if (x.scrollWidth > x.clientWidth + 1) out.push('the label ' + name + ' sticks out of its button');
		}
		for (let i = 0; i < bs.length; i++) for (let j = i + 1; j < bs.length; j++) {
			const [a, ra] = bs[i], [b, rb] = bs[j];
			if (ra.left < rb.right - 0.5 && rb.left < ra.right - 0.5 && ra.top < rb.bottom - 0.5 && rb.top < ra.bottom - 0.5) out.push(a + ' overlaps ' + b);
		}
		const cell = tr.querySelector('.roster-cell-actions').getBoundingClientRect();
		for (const [name, r] of bs) if (r.left < cell.left - 0.5 || r.right > cell.right + 0.5) out.push(name + ' sticks out of its cell');
		if (out.length) break;
	}
	return out.slice(0, 4).join(', ');
})()`

// TestBrowserRosterFits: the roster with its actions fits a 1280 px screen
// (and 1366 px), also with first names of 20 letters (the most allowed),
// and is a list of cards on a phone, with every action in reach.
func TestBrowserRosterFits(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	for i, typ := range []string{"ESTP", "INFJ", "ISTP", "ENFP"} {
		app.Join(cl.Code, fmt.Sprintf("Alexandrina%c", 'a'+i), "R", apptest.AnswersAt(typ, "readingWriting"))
	}
	long := app.CreateClass(tc, "Room 8")
	for i, typ := range []string{"ESTP", "INFJ"} {
		app.Join(long.Code, fmt.Sprintf("Maximilianalexandr%cw", 'a'+i), "RW", apptest.AnswersAt(typ, "readingWriting"))
	}
	short := app.CreateClass(tc, "Room 9")
	for i, typ := range []string{"ESTP", "INFJ"} {
		app.Join(short.Code, fmt.Sprintf("Bo%c", 'a'+i), "R", apptest.AnswersAt(typ, "visual"))
	}
	b := apptest.NewBrowser(t)
	b.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	for _, screen := range [][2]int64{{1280, 720}, {1366, 768}} {
		for _, c := range []apptest.Class{long, short} {
			var wrong string
			b.Run(fmt.Sprintf("the roster of %s at %d x %d", c.Name, screen[0], screen[1]),
				chromedp.EmulateViewport(screen[0], screen[1]),
				chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, c.ID)),
				chromedp.WaitVisible(`table[data-roster] tbody tr[data-student]`, chromedp.ByQuery),
				chromedp.Evaluate(rosterOverlaps, &wrong),
			)
			if wrong != "" {
				t.Errorf("the roster of %s at %d x %d: %s", c.Name, screen[0], screen[1], wrong)
			}
		}
	}
	var tableW, wrapW, rowH, buttonH float64
	b.Run("the roster at 1280 px",
		chromedp.EmulateViewport(1280, 900),
		chromedp.Navigate(fmt.Sprintf("%s/teacher/classes/%d", app.URL, cl.ID)),
		chromedp.WaitVisible(`table[data-roster] tbody tr[data-student]`, chromedp.ByQuery),
		chromedp.Evaluate(`document.querySelector('table[data-roster]').scrollWidth`, &tableW),
		chromedp.Evaluate(`document.querySelector('.roster .table-wrap').clientWidth`, &wrapW),
		chromedp.Evaluate(`Math.max(...[...document.querySelectorAll('tr[data-student]')].map((x) => x.getBoundingClientRect().height))`, &rowH),
		chromedp.Evaluate(`Math.max(...[...document.querySelectorAll('tr[data-student] .btn')].map((x) => x.getBoundingClientRect().height))`, &buttonH),
	)
	if tableW > wrapW {
		t.Errorf("the roster is %.0f px wide in a %.0f px frame at 1280: cut off", tableW, wrapW)
	}
	// Four actions in two rows of two, each label on one line: a class of
	// 30 stays a list a teacher can scan (stacked and wrapped, a row was
	// about 170 px high).
	if buttonH > 48 || rowH > 110 {
		t.Errorf("at 1280 px a roster row is %.0f px high and its tallest action %.0f px: the actions wrap", rowH, buttonH)
	}
	var fits bool
	var removeRight, width float64
	b.Run("the roster on a phone",
		phone(),
		chromedp.Reload(),
		chromedp.WaitVisible(`table[data-roster] tbody tr[data-student]`, chromedp.ByQuery),
		chromedp.Evaluate(fitsWidth, &fits),
		chromedp.Evaluate(`Math.max(...[...document.querySelectorAll('tr[data-student] button')].map((x) => x.getBoundingClientRect().right))`, &removeRight),
		chromedp.Evaluate(`window.innerWidth`, &width),
	)
	if !fits || removeRight > width {
		t.Errorf("roster on a phone: fits %v, buttons end at %.0f of %.0f px", fits, removeRight, width)
	}
	status, body := app.Call(tc, http.MethodGet, fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID), "")
	if status != 200 || strings.Count(body, `"passportCode"`) != 4 {
		t.Fatalf("roster: %d %s", status, body)
	}
	b.AssertClean()
}

// TestBrowserEveryPageFitsAPhone opens every page a teacher, a pupil and
// a visitor reach from their menus on a 390 px phone, with a class of
// twelve and coins given, and fails for each page that scrolls sideways (a
// wide table must scroll inside its own frame, not move the page; the coin
// tables are cards with every column shown), loses
// a stack's spacing, fails accessibility checks at that size, or logs a
// console error.
func TestBrowserEveryPageFitsAPhone(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("rivera@hill.school")
	cl := app.CreateClass(tc, "Room 7 with a rather long class name")
	types := []string{"ISTP", "ENFP", "INTJ", "ESFJ", "INFP", "ESTJ", "ENTP", "ISFJ", "ENTJ", "ISFP", "INFJ", "ESTP"}
	styles := []string{"visual", "auditory", "readingWriting", "kinesthetic"}
	var kid apptest.Student
	for i, typ := range types {
		_, s := app.Join(cl.Code, fmt.Sprintf("Alexandrina%c", 'a'+i), "R", apptest.AnswersAt(typ, styles[i%4]))
		if i == 0 {
			kid = s
		}
	}
	if status, body := app.Call(tc, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID),
		`{"amount":15,"action":"give","reason":"Helping tidy the classroom after the science fair","all":true}`,
		"Idempotency-Key", apptest.NewKey()); status != 200 {
		t.Fatalf("give coins: %d %s", status, body)
	}
	pages := func(prefix string, paths ...string) []string {
		out := make([]string, len(paths))
		for i, p := range paths {
			out[i] = prefix + p
		}
		return out
	}
	class := fmt.Sprintf("/teacher/classes/%d", cl.ID)
	teacherPages := append([]string{"/teacher", "/teacher/games", "/teacher/games/sets/new", "/teacher/lessons", "/teacher/lessons/2",
		"/teacher/classes/new", "/account"},
		pages(class, "", "/analytics", "/pairings", "/groups", "/report", "/economy", "/lessons", "/lessons/2", "/values", "/cards",
			"/qr", fmt.Sprintf("/students/%d", kid.ID), fmt.Sprintf("/students/%d/data", kid.ID))...)
	studentPages := []string{"/me", "/me/result", "/me/retake", "/student/store", "/student/avatar", "/student/pet", "/student/coins",
		"/student/things", "/me/values", "/me/achievements"}
	// The coin tables are cards on a phone: every column shows.
	cards := map[string]bool{class + "/economy": true, "/student/coins": true}
	publicPages := []string{"/", "/student", "/privacy", "/privacy?full=1", "/play", "/teacher/login", "/signup", "/join/" + cl.Code}

	check := func(b *apptest.Browser, paths []string) {
		for _, p := range paths {
			var fits bool
			var wide string
			b.Run("open "+p,
				chromedp.Navigate(app.URL+p),
				chromedp.WaitVisible(`.app-main h1`, chromedp.ByQuery),
				chromedp.Poll(`document.querySelector('.app-main .spinner') === null`, nil),
				chromedp.Evaluate(fitsWidth, &fits),
				chromedp.Evaluate(wideOnes, &wide),
			)
			// Every shown child of a stack after the first has the space
			// above it (a component's own margin: 0 once took it away).
			var stuck string
			b.Run("stack gaps "+p, chromedp.Evaluate(`[...document.querySelectorAll('.stack > * + *, .stack-lg > * + *')].filter((x) => {
				const cs = getComputedStyle(x);
				const prev = x.previousElementSibling;
				return cs.display !== 'none' && cs.position !== 'absolute' && cs.position !== 'fixed' && parseFloat(cs.marginTop) === 0 &&
					!x.classList.contains('mt-0') && x.getBoundingClientRect().height > 0 && prev && getComputedStyle(prev).display !== 'none' && prev.getBoundingClientRect().height > 0;
			}).map((x) => x.tagName.toLowerCase() + '.' + [...x.classList].join('.') + ' in .' + [...x.parentElement.classList].join('.')).join(', ')`, &stuck))
			if stuck != "" {
				t.Errorf("%s: in a stack without the stack's space above them: %s", p, stuck)
			}
			if !fits {
				t.Errorf("%s scrolls sideways on a phone (wider than the screen: %s)", p, wide)
			}
			if cards[p] {
				var cut string
				b.Run("cards "+p, chromedp.Evaluate(cutCells, &cut))
				if cut != "" {
					t.Errorf("%s on a phone: %s", p, cut)
				}
			}
			// A class's tabs are one row on a phone, scrolled so the
			// current tab shows.
			var tabs string
			b.Run("class tabs "+p, chromedp.Evaluate(`(() => {
				const n = document.querySelector('.class-tabs');
				if (!n) return '';
				const nr = n.getBoundingClientRect();
				const cur = n.querySelector('[aria-current="page"]');
				const cr = cur && cur.getBoundingClientRect();
				return (nr.height > 64 ? 'the tabs are ' + Math.round(nr.height) + ' px high; ' : '') +
					(cr && (cr.left < nr.left - 1 || cr.right > nr.right + 1) ? 'the current tab is out of view' : '');
			})()`, &tabs))
			if tabs != "" {
				t.Errorf("%s on a phone: %s", p, tabs)
			}
			// The narrowest phones still in pupils' hands are 320 px wide.
			var cut string
			b.Run("narrow "+p, narrowPhone(), chromedp.Evaluate(fitsWidth, &fits), chromedp.Evaluate(wideOnes, &wide), chromedp.Evaluate(cutCells, &cut), phone())
			if !fits {
				t.Errorf("%s scrolls sideways on a 320 px phone (wider than the screen: %s)", p, wide)
			}
			if cards[p] && cut != "" {
				t.Errorf("%s on a 320 px phone: %s", p, cut)
			}
		}
	}
	teacher := apptest.NewBrowser(t)
	teacher.Run("phone screen", phone())
	teacher.SignIn(app.URL, "ag_session", app.SessionCookie(tc))
	check(teacher, teacherPages)
	pupil := apptest.NewBrowser(t)
	pupil.Run("phone screen", phone())
	pupil.SignIn(app.URL, "ag_student", apptest.StudentToken(t, app, kid.ID))
	check(pupil, studentPages)
	visitor := apptest.NewBrowser(t)
	visitor.Run("phone screen", phone())
	check(visitor, publicPages)
	for _, b := range []*apptest.Browser{teacher, pupil, visitor} {
		b.AssertClean()
	}
}
