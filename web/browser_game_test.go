package web_test

import (
	"animalgenius/app/apptest"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowserLiveGame plays a game with the host's page and two players'
// pages: join, lobby, question, answer, reveal, a player's refresh
// (rejoin with the stored token), the end, the podium and the results.
func TestBrowserLiveGame(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("browser-host@school.test")
	token := ta.SessionCookie(teacher)
	u, _ := url.Parse(ta.URL)

	host := apptest.NewBrowser(t)
	host.AcceptDialogs()
	var pin string
	host.Run("host starts a game",
		network.SetCookie("ag_session", token).WithDomain(u.Hostname()).WithPath("/").WithHTTPOnly(true),
		chromedp.Navigate(ta.URL+"/teacher/games"),
		chromedp.WaitVisible(`//button[normalize-space(.)="Play"]`, chromedp.BySearch),
		chromedp.Click(`//button[normalize-space(.)="Play"]`, chromedp.BySearch),
		chromedp.WaitVisible(`.game-pin`, chromedp.ByQuery),
		chromedp.Text(`.game-pin`, &pin, chromedp.ByQuery),
		chromedp.WaitVisible(`img.game-qr`, chromedp.ByQuery),
	)
	pin = strings.TrimSpace(pin)
	if len(pin) != 6 {
		t.Fatalf("PIN on the host screen: %q", pin)
	}

	players := []*apptest.Browser{apptest.NewBrowser(t), apptest.NewBrowser(t)}
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
	// The host's question screen (timer, question, answers, buttons) fits a
	// 1280 x 720 projector: the address notice of the lobby is gone by then.
	var tall bool
	var reach int
	host.Run("question on a 720p projector", chromedp.EmulateViewport(1280, 720),
		chromedp.Evaluate(`document.querySelector('.game-screen').getBoundingClientRect().bottom > window.innerHeight + 1`, &tall),
		chromedp.Evaluate(`document.querySelectorAll('[data-reach]').length`, &reach),
		chromedp.EmulateViewport(1280, 900))
	if tall || reach != 0 {
		t.Errorf("the host's question screen at 1280 x 720: taller than the screen %v, address notices %d", tall, reach)
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
