package main

import (
	"net/http"
	"net/url"
	"testing"
)

// A kicked nickname player cannot come back under another nickname: the
// game remembers the browser (the device cookie every page load sets).
func TestKickedBrowserCannotComeBackUnderAnotherNickname(t *testing.T) {
	ta := startApp(t, nil)
	_, teacher := ta.Teacher("ana@hill.school")
	g, host := hostGame(t, ta, teacher, "individual")

	browser := func() *http.Client {
		c := ta.NewClient()
		status, _, _ := do(t, c, mustRequest(t, ta.URL+"/play"))
		u, _ := url.Parse(ta.URL)
		var device *http.Cookie
		for _, ck := range c.Jar.Cookies(u) {
			if ck.Name == "ag_device" {
				device = ck
			}
		}
		if status != 200 || device == nil || len(device.Value) != 32 {
			t.Fatalf("the play page set no device cookie: %d %v", status, device)
		}
		return c
	}
	rude := browser()
	p := ta.Dial(rude, "")
	p.name = "Rude"
	p.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Rude"})
	j := p.Next("joined")
	host.Send(map[string]any{"type": "kick", "player": num(j, "player")})
	p.Error("kicked")

	again := ta.Dial(rude, "")
	again.name = "Rude as Polite"
	again.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Polite"})
	again.Error("kicked")

	other := ta.Dial(browser(), "")
	other.name = "Polite"
	other.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Polite"})
	other.Next("joined")
}
