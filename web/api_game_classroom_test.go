package web_test

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"animalgenius/app/apptest"
)

// A kicked nickname player cannot come back under another nickname: the
// game remembers the browser (the device ag_browser cookie every page load sets).
func TestKickedBrowserCannotComeBackUnderAnotherNickname(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("ana@hill.school")
	g, host := hostGame(t, ta, teacher, "individual")

	browser := func() *http.Client {
		c := ta.NewClient()
		status, _, _ := apptest.Do(t, c, mustRequest(t, ta.URL+"/play"))
		u, _ := url.Parse(ta.URL)
		var device *http.Cookie
		for _, ck := range c.Jar.Cookies(u) {
			if ck.Name == "ag_browser" {
				device = ck
			}
		}
		if status != 200 || device == nil || len(device.Value) != 32 {
			t.Fatalf("the play page set no browser cookie: %d %v", status, device)
		}
		return c
	}
	rude := browser()
	p := ta.Dial(rude, "")
	p.Name = "Rude"
	p.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Rude"})
	j := p.Next("joined")
	host.Send(map[string]any{"type": "kick", "player": apptest.Num(j, "player")})
	p.Error("kicked")

	again := ta.Dial(rude, "")
	again.Name = "Rude as Polite"
	again.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Polite"})
	again.Error("kicked")

	other := ta.Dial(browser(), "")
	other.Name = "Polite"
	other.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Polite"})
	other.Next("joined")
}

// A game ended after 2 of its 3 questions: the results and the CSV list
// the 2 played questions with their text; a player with 0 points is not
// on the podium and gets no coins.
func TestGameResultsListOnlyThePlayedQuestions(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("ana@hill.school")
	g, host := hostGame(t, ta, teacher, "individual")
	good := joinPlayer(t, ta, g.PIN, "Quick")
	zero := joinPlayer(t, ta, g.PIN, "Sleepy")
	host.Send(`{"type":"start"}`)
	for q := 0; q < 2; q++ {
		if q > 0 {
			host.Send(`{"type":"next"}`)
		}
		good.Next("question")
		zero.Next("question")
		good.Send(map[string]any{"type": "answer", "question": q, "option": 1}) // right
		zero.Send(map[string]any{"type": "answer", "question": q, "option": 0}) // wrong
		host.Next("reveal")
	}
	host.Send(`{"type":"end"}`)
	ended := host.Next("ended")
	podium := ended["podium"].([]any)
	if len(podium) != 1 || podium[0].(map[string]any)["nickname"] != "Quick" {
		t.Fatalf("podium %v, want only the player who scored", podium)
	}

	var res struct {
		Questions []struct{ Text string }
		Players   []struct {
			Nickname string
			Score    int
		}
	}
	status, _, body := apptest.Do(t, teacher, mustGet(ta, "/api/v1/games/"+itoa(g.ID)+"/results"))
	apptest.Decode(t, body, &res)
	if status != 200 || len(res.Questions) != 2 || res.Questions[0].Text != "Legs of a spider?" || res.Questions[1].Text != "Hearts of an octopus?" {
		t.Fatalf("results questions: %d %+v", status, res.Questions)
	}
	status, _, csv := apptest.Do(t, teacher, mustGet(ta, "/api/v1/games/"+itoa(g.ID)+"/results.csv"))
	head, _, _ := strings.Cut(csv, "\n")
	if status != 200 || head != "rank,nickname,team,score,correct,removed,q1: Legs of a spider?,q1 points,q2: Hearts of an octopus?,q2 points" {
		t.Fatalf("csv header %q", head)
	}
	if strings.Contains(csv, "Fastest land animal") {
		t.Fatalf("the unplayed question is in the CSV:\n%s", csv)
	}
}
