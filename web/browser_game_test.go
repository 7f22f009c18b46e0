package web_test

import (
	"animalgenius/app/apptest"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// hostScreenFits names what of the host's question screen (question,
// picture, countdown, the answers, the host's buttons) is missing or ends
// below the screen.
const hostScreenFits = `['.game-host-text', 'img[data-question-picture]', '.game-countdown', '.game-host-options .game-option',
	'.game-host-question .game-controls .btn'].flatMap((sel) => {
	const xs = [...document.querySelectorAll(sel)];
	if (xs.length === 0) return [sel + ' is missing'];
	return xs.filter((x) => x.getBoundingClientRect().bottom > window.innerHeight + 1 || x.getBoundingClientRect().height === 0)
		.map((x) => sel + ' ends at ' + Math.round(x.getBoundingClientRect().bottom));
}).join(', ')`

// playerScreenFits is the same for a player's question screen.
const playerScreenFits = `['.game-question', 'img[data-question-picture]', '.game-timer', 'button.game-option'].flatMap((sel) => {
	const xs = [...document.querySelectorAll(sel)];
	if (xs.length === 0) return [sel + ' is missing'];
	return xs.filter((x) => x.getBoundingClientRect().bottom > window.innerHeight + 1 || x.getBoundingClientRect().height === 0)
		.map((x) => sel + ' ends at ' + Math.round(x.getBoundingClientRect().bottom));
}).join(', ')`

// pictureShown waits until the question's picture is loaded and shown at
// a size that can be seen.
const pictureShown = `(() => { const i = document.querySelector('img[data-question-picture]');
	return i !== null && i.complete && i.naturalWidth > 0 && i.getBoundingClientRect().height >= 120; })()`

// TestBrowserLiveGame plays a game with the host's page and two players'
// pages: join, lobby, question (84 characters, a picture and four
// answers), answer, reveal, a player's refresh (rejoin with the stored
// token), the end, the podium and the results.
func TestBrowserLiveGame(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("browser-host@school.test")
	token := ta.SessionCookie(teacher)
	u, _ := url.Parse(ta.URL)
	picture := uploadQuestionImage(t, ta, teacher, noisePNG(t, 800, 600))
	if st := waitQuestionImage(t, ta, teacher, picture.ID); st.State != "done" {
		t.Fatalf("the question's picture: %+v", st)
	}
	question := "Which one of these animals has a long neck, eats leaves from tall trees and is tall?"
	if len(question) != 84 {
		t.Fatalf("the question has %d characters", len(question))
	}
	postJSON(t, teacher, ta.URL+"/api/v1/question-sets", fmt.Sprintf(`{"title":"Tall animals","description":"","questions":[
 {"text":%q,"options":["Hippopotamus","Crocodile","Giraffe","Rhinoceros"],"correct":2,"seconds":60,"image":%d},
 {"text":"Legs of a spider?","options":["Six","Eight"],"correct":1,"seconds":30}]}`, question, picture.ID), http.StatusCreated, nil)

	host := apptest.NewBrowser(t)
	host.AcceptDialogs()
	var pin string
	host.Run("host starts a game",
		network.SetCookie("ag_session", token).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true),
		chromedp.Navigate(ta.URL+"/teacher/games"),
		chromedp.WaitVisible(`//article[.//h3[normalize-space()="Tall animals"]]//button[normalize-space()="Play"]`, chromedp.BySearch),
		chromedp.Click(`//article[.//h3[normalize-space()="Tall animals"]]//button[normalize-space()="Play"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-pin`, chromedp.ByQuery),
		chromedp.Text(`.game-pin`, &pin, chromedp.ByQuery),
		chromedp.WaitVisible(`img.game-qr`, chromedp.ByQuery),
	)
	pin = strings.TrimSpace(pin)
	if len(pin) != 6 {
		t.Fatalf("PIN on the host screen: %q", pin)
	}

	players := []*apptest.Browser{apptest.NewBrowser(t), apptest.NewBrowser(t)}
	// Maya plays on a common phone (390 x 844).
	players[0].Run("a phone", phone())
	// Theo plays on the narrowest phone in use: no screen of the game may
	// scroll sideways there.
	theo := players[1]
	theo.Run("a 320 px phone", narrowPhone())
	fitsPhone := func(stage string) {
		t.Helper()
		var fits bool
		var wide string
		theo.Run("fits "+stage, chromedp.Evaluate(fitsWidth, &fits), chromedp.Evaluate(wideOnes, &wide))
		if !fits {
			t.Errorf("the game's %s screen scrolls sideways on a 320 px phone (wider: %s)", stage, wide)
		}
	}
	for i, p := range players {
		name := []string{"Maya", "Theo"}[i]
		p.Run("player joins",
			chromedp.Navigate(ta.URL+"/play/"+pin),
			chromedp.WaitVisible(`//label[contains(., "nickname")]`, chromedp.BySearch),
			chromedp.SendKeys(`//label[contains(., "nickname")]/following::input[1]`, name, chromedp.BySearch),
			chromedp.Click(`//button[normalize-space(.)="Join"]`, chromedp.BySearch),
			chromedp.WaitVisible(`//*[contains(., "You're in!")]`, chromedp.BySearch),
		)
	}
	fitsPhone("lobby")
	host.Run("host sees both and starts",
		chromedp.WaitVisible(`//h2[contains(., "2 players")]`, chromedp.BySearch),
		chromedp.Click(`//button[contains(., "Start the game")]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-question`, chromedp.ByQuery),
	)
	theo.Run("question on the phone", chromedp.WaitVisible(`button.game-option`, chromedp.ByQuery))
	fitsPhone("question")
	// On a 390 x 844 phone the question, its picture, the timer and all
	// four answers show without scrolling.
	var below string
	players[0].Run("question on a 390 x 844 phone", chromedp.WaitVisible(`button.game-option`, chromedp.ByQuery), waitJS(pictureShown),
		chromedp.Evaluate(playerScreenFits, &below))
	if below != "" {
		t.Errorf("the player's question screen with a picture on a 390 x 844 phone: %s", below)
	}
	// The host's question screen (timer, question, picture, answers,
	// buttons) fits a 1280 x 720 projector: the address notice of the lobby
	// is gone by then.
	var reach int
	host.Run("question on a 720p projector", chromedp.EmulateViewport(1280, 720), waitJS(pictureShown),
		chromedp.Evaluate(hostScreenFits, &below),
		chromedp.Evaluate(`document.querySelectorAll('[data-reach]').length`, &reach),
		chromedp.EmulateViewport(1280, 900))
	if below != "" || reach != 0 {
		t.Errorf("the host's question screen with a picture at 1280 x 720: %q below the screen, address notices %d", below, reach)
	}
	for i, p := range players {
		p.Run("player answers",
			chromedp.WaitVisible(`button.game-option`, chromedp.ByQuery),
			chromedp.Click(`button.game-option.opt-`+[]string{"2", "0"}[i], chromedp.ByQuery), // Maya is right
		)
	}
	for _, p := range players {
		p.Run("player sees the result", chromedp.WaitVisible(`//*[contains(., "Score")]`, chromedp.BySearch))
	}
	host.Run("host sees the reveal", chromedp.WaitVisible(`//h2[contains(., "Top 5")]`, chromedp.BySearch))
	fitsPhone("answer result")

	// A refresh brings the player back with the same score.
	var before, after string
	players[0].Run("refresh",
		chromedp.Text(`p.lead`, &before, chromedp.ByQuery),
		chromedp.Reload(),
		chromedp.WaitVisible(`//*[contains(., "Score")]`, chromedp.BySearch),
		chromedp.Text(`p.lead`, &after, chromedp.ByQuery),
	)
	if before == "" || before != after {
		t.Fatalf("score line before refresh %q, after %q", before, after)
	}

	host.Run("host ends the game",
		chromedp.Click(`//button[normalize-space(.)="End game"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-podium`, chromedp.ByQuery),
	)
	players[0].Run("the winner sees her place", chromedp.WaitVisible(`//h1[contains(., "Place 1 of 2")]`, chromedp.BySearch))
	players[1].Run("the other sees his", chromedp.WaitVisible(`//h1[contains(., "Place 2 of 2")]`, chromedp.BySearch))
	fitsPhone("final place")
	var table string
	host.Run("host opens the results",
		chromedp.Click(`//button[contains(., "See all results")]`, chromedp.BySearch),
		chromedp.WaitVisible(`table.table`, chromedp.ByQuery),
		chromedp.Text(`table.table`, &table, chromedp.ByQuery),
		chromedp.WaitVisible(`a[href$="/results.csv"]`, chromedp.ByQuery),
	)
	if !strings.Contains(table, "Maya") || !strings.Contains(table, "Theo") || !strings.Contains(table, "✓") {
		t.Fatalf("results table: %q", table)
	}
	for _, b := range append(players, host) {
		b.AssertClean()
	}
}

// TestBrowserGameResultsCountPlayers: the saved results count the players
// who stayed, as the API does; a removed player is told apart.
func TestBrowserGameResultsCountPlayers(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("results@school.test")
	g, host := hostGame(t, ta, teacher, "individual")
	joinPlayer(t, ta, g.PIN, "Kiwi")
	lime := joinPlayer(t, ta, g.PIN, "Lime")
	joinPlayer(t, ta, g.PIN, "Plum")
	host.Send(map[string]any{"type": "kick", "player": lime.id})
	lime.Error("kicked")
	host.Send(`{"type":"start"}`)
	host.Next("question")
	host.Send(`{"type":"end"}`)
	if ended := host.Next("ended"); apptest.Num(ended, "players") != 2 {
		t.Fatalf("ended %v", ended)
	}
	b := apptest.NewBrowser(t)
	b.SignIn(ta.URL, "ag_session", ta.SessionCookie(teacher))
	var summary string
	b.Run("the saved results",
		chromedp.Navigate(fmt.Sprintf("%s/teacher/games/%d", ta.URL, g.ID)),
		chromedp.WaitVisible(`[data-game-summary]`, chromedp.ByQuery),
		chromedp.Text(`[data-game-summary]`, &summary, chromedp.ByQuery),
	)
	if summary = strings.Join(strings.Fields(summary), " "); !strings.HasPrefix(summary, "2 players (1 removed) · ") {
		t.Errorf("the results say %q; want 2 players and 1 removed", summary)
	}
	b.AssertClean()
}

// hostPageFits names what of the host's screen ends below a 1280 x 720
// projector: the page may not scroll, and every answer, card and button
// shows.
const hostPageFits = `(() => {
	const out = [];
	if (document.documentElement.scrollHeight > window.innerHeight + 1) out.push('the page is ' + document.documentElement.scrollHeight + ' px tall');
	for (const x of document.querySelectorAll('.game-screen .game-option, .game-screen .card, .game-screen .game-controls .btn, .game-screen .game-host-text, .game-screen .game-question')) {
		const r = x.getBoundingClientRect();
		if (r.bottom > window.innerHeight + 1 || r.height === 0) out.push((x.className.split(' ')[0] || x.tagName) + ' "' + x.textContent.trim().slice(0, 30) + '" ends at ' + Math.round(r.bottom));
		else if (x.scrollHeight > x.clientHeight + 1) out.push((x.className.split(' ')[0] || x.tagName) + ' "' + x.textContent.trim().slice(0, 30) + '" is cut off');
	}
	return out.slice(0, 5).join(', ');
})()`

// TestBrowserHostScreensFit720: every phase of the host's screen fits a
// 1280 x 720 projector without scrolling: a question of 130 characters
// with a picture and four long answers, its reveal, and the reveal of the
// bundled set in teams mode with 30 players.
func TestBrowserHostScreensFit720(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("projector@school.test")
	picture := uploadQuestionImage(t, ta, teacher, noisePNG(t, 800, 600))
	if st := waitQuestionImage(t, ta, teacher, picture.ID); st.State != "done" {
		t.Fatalf("the question's picture: %+v", st)
	}
	question := "Which one of these animals has a very long neck, eats the leaves from the tops of tall trees and sleeps only a few hours at night?"
	if len(question) != 130 {
		t.Fatalf("the question has %d characters", len(question))
	}
	var set struct{ ID int64 }
	postJSON(t, teacher, ta.URL+"/api/v1/question-sets", fmt.Sprintf(`{"title":"Tall animals","description":"","questions":[
 {"text":%q,"options":["The hippopotamus of the African rivers","The saltwater crocodile of the north","The giraffe of the open savanna plains","The white rhinoceros of the grasslands"],"correct":2,"seconds":120,"image":%d},
 {"text":"Legs of a spider?","options":["Six","Eight"],"correct":1,"seconds":30}]}`, question, picture.ID), http.StatusCreated, &set)

	host := apptest.NewBrowser(t)
	host.AcceptDialogs()
	host.SignIn(ta.URL, "ag_session", ta.SessionCookie(teacher))
	play := func(what, body string, players []map[string]any) {
		t.Helper()
		var g createdGame
		postJSON(t, teacher, ta.URL+"/api/v1/games", body, http.StatusCreated, &g)
		host.Run(what+": the lobby", chromedp.EmulateViewport(1280, 720),
			chromedp.Navigate(fmt.Sprintf("%s/teacher/games/%d", ta.URL, g.ID)), chromedp.WaitVisible(`.game-pin`, chromedp.ByQuery))
		socks := make([]*apptest.WSClient, len(players))
		for i, p := range players {
			socks[i] = ta.Dial(nil, "")
			socks[i].Name = p["nickname"].(string)
			p["type"], p["pin"] = "join", g.PIN
			socks[i].Send(p)
			socks[i].Next("joined")
		}
		host.Run(what+": start",
			chromedp.WaitVisible(fmt.Sprintf(`//h2[contains(., "%d players")]`, len(players)), chromedp.BySearch),
			chromedp.Click(`//button[contains(., "Start the game")]`, chromedp.BySearch),
			chromedp.WaitVisible(`.game-host-text`, chromedp.ByQuery))
		var wrong string
		host.Run(what+": the question", waitJS(`document.querySelectorAll('.game-host-options .game-option').length > 0`), chromedp.Evaluate(hostPageFits, &wrong))
		if wrong != "" {
			t.Errorf("%s: the question at 1280 x 720: %s", what, wrong)
		}
		for i, s := range socks {
			s.Next("question")
			s.Send(map[string]any{"type": "answer", "question": 0, "option": i % 4})
		}
		host.Run(what+": the reveal", chromedp.WaitVisible(`//h2[contains(., "Top 5")]`, chromedp.BySearch), chromedp.Evaluate(hostPageFits, &wrong))
		if wrong != "" {
			t.Errorf("%s: the reveal at 1280 x 720: %s", what, wrong)
		}
	}
	play("own set", fmt.Sprintf(`{"setId":%d,"mode":"individual"}`, set.ID), []map[string]any{{"nickname": "Kiwi"}, {"nickname": "Lime"}})
	teams := []string{"meerkat", "panda", "owl", "beaver", "elephant", "otter", "parrot", "border_collie"}
	var many []map[string]any
	for i := 0; i < 30; i++ {
		many = append(many, map[string]any{"nickname": fmt.Sprintf("Player %02d", i+1), "team": teams[i%len(teams)]})
	}
	play("bundled set in teams", `{"setId":0,"mode":"teams"}`, many)
	host.AssertClean()
}
