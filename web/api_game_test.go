package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/web/hub"
)

const threeQuestions = `{"title":"Quick facts","description":"three","questions":[
 {"text":"Legs of a spider?","options":["Six","Eight","Ten"],"correct":1,"seconds":5},
 {"text":"Hearts of an octopus?","options":["One","Three"],"correct":1,"seconds":5},
 {"text":"Fastest land animal?","options":["Lion","Cheetah","Horse","Hare"],"correct":1,"seconds":5}]}`

type createdGame struct {
	ID      int64  `json:"id"`
	PIN     string `json:"pin"`
	JoinURL string `json:"joinUrl"`
	Live    bool   `json:"live"`
}

// hostGame creates a set and a game as a teacher and attaches the host's socket.
func hostGame(t *testing.T, ta *apptest.App, teacher *http.Client, mode string) (createdGame, *apptest.WSClient) {
	t.Helper()
	var set struct{ ID int64 }
	postJSON(t, teacher, ta.URL+"/api/v1/question-sets", threeQuestions, http.StatusCreated, &set)
	var g createdGame
	postJSON(t, teacher, ta.URL+"/api/v1/games", fmt.Sprintf(`{"setId":%d,"mode":%q}`, set.ID, mode), http.StatusCreated, &g)
	if len(g.PIN) != 6 || !g.Live || !strings.HasSuffix(g.JoinURL, "/play/"+g.PIN) {
		t.Fatalf("created game %+v", g)
	}
	host := ta.Dial(teacher, "")
	host.Name = "host"
	host.Send(map[string]any{"type": "host", "game": g.ID})
	st := host.Next("host_state")
	if st["pin"] != g.PIN || st["phase"] != "lobby" {
		t.Fatalf("host state %v", st)
	}
	return g, host
}

type testPlayer struct {
	*apptest.WSClient
	id    int
	token string
	score int
}

func joinPlayer(t *testing.T, ta *apptest.App, pin, nick string) *testPlayer {
	t.Helper()
	c := ta.Dial(nil, "")
	c.Name = nick
	c.Send(map[string]any{"type": "join", "pin": pin, "nickname": nick})
	j := c.Next("joined")
	if j["nickname"] != nick {
		t.Fatalf("joined %v", j)
	}
	return &testPlayer{WSClient: c, id: apptest.Num(j, "player"), token: j["token"].(string)}
}

func TestGameFiftyPlayersOverSockets(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("host@school.test")
	g, host := hostGame(t, ta, teacher, "individual")

	const n = 50
	players := make([]*testPlayer, n)
	for i := range players {
		players[i] = joinPlayer(t, ta, g.PIN, fmt.Sprintf("Player %02d", i+1))
	}
	lobby := host.Next("players")
	for apptest.Num(lobby, "count") < n {
		lobby = host.Next("players")
	}

	// Late-join lock: refused while locked, fine after unlocking.
	host.Send(`{"type":"lock","locked":true}`)
	if st := host.Next("state"); st["locked"] != true {
		t.Fatalf("state %v", st)
	}
	late := ta.Dial(nil, "")
	late.Name = "late"
	late.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Late Comer"})
	late.Error("locked")
	host.Send(`{"type":"lock","locked":false}`)
	host.Next("state")

	// Question 1: even players right, odd players wrong; it closes when all answered.
	host.Send(`{"type":"start"}`)
	host.Send(`{"type":"start"}`)
	host.Error("not_now")
	for i, p := range players {
		q := p.Next("question")
		if apptest.Num(q, "index") != 0 || len(q["options"].([]any)) != 3 {
			t.Fatalf("question %v", q)
		}
		if _, has := q["correct"]; has {
			t.Fatal("the question frame names the answer")
		}
		p.Send(map[string]any{"type": "answer", "question": 0, "option": 1 - i%2})
		if a := p.Next("answer_locked"); apptest.Num(a, "index") != 0 {
			t.Fatalf("answer_locked %v", a)
		}
	}
	rev := host.Next("reveal")
	if apptest.Num(rev, "correct") != 1 || apptest.Num(rev, "answered") != n {
		t.Fatalf("reveal %v", rev)
	}
	if c := rev["counts"].([]any); int(c[0].(float64)) != n/2 || int(c[1].(float64)) != n/2 {
		t.Fatalf("counts %v", c)
	}
	if len(rev["top"].([]any)) != 5 {
		t.Fatalf("top %v", rev["top"])
	}
	for i, p := range players {
		pr := p.Next("reveal")
		if apptest.Num(pr, "correct") != 1 || apptest.Num(pr, "answered") != n || len(pr["top"].([]any)) != 5 {
			t.Fatalf("%s reveal %v", p.Name, pr)
		}
		r, _ := pr["you"].(map[string]any)
		if r == nil || r["answered"] != true || apptest.Num(r, "players") != n {
			t.Fatalf("%s reveal without the player's result: %v", p.Name, pr)
		}
		p.score = apptest.Num(r, "score")
		if i%2 == 0 && (p.score < 100 || p.score > 150 || r["correct"] != true) || i%2 == 1 && p.score != 0 {
			t.Fatalf("%s result %v", p.Name, r)
		}
		if apptest.Num(r, "rank") < 1 || apptest.Num(r, "rank") > n {
			t.Fatalf("%s rank %v", p.Name, r)
		}
	}

	// Player 5 drops and rejoins with the token: same player, same score.
	p5 := players[4]
	_ = p5.WS.Close()
	back := ta.Dial(nil, "")
	back.Name = "Player 05 again"
	back.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": p5.token})
	j := back.Next("joined")
	if apptest.Num(j, "player") != p5.id || apptest.Num(j, "score") != p5.score {
		t.Fatalf("rejoined %v, had player %d score %d", j, p5.id, p5.score)
	}
	p5.WSClient = back
	// A second socket for the same player replaces the first one.
	twin := ta.Dial(nil, "")
	twin.Name = "twin"
	twin.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": p5.token})
	twin.Next("joined")
	if code, _ := back.Closed(); code != hub.CloseReplaced {
		t.Fatalf("replaced socket closed with %d", code)
	}
	p5.WSClient = twin

	// Player 7 is kicked and cannot come back.
	p7 := players[6]
	host.Send(map[string]any{"type": "kick", "player": p7.id})
	p7.Error("kicked")
	if code, _ := p7.Closed(); code != hub.CloseKicked {
		t.Fatalf("kicked socket closed with %d", code)
	}
	again := ta.Dial(nil, "")
	again.Name = "kicked again"
	again.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": p7.token})
	again.Error("kicked")
	// Player 7 had no browser cookie: from now on the game takes nickname
	// players with one only, so no cookie-less client gets in under any name.
	again.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": p7.Name})
	again.Error("browser_needed")
	again.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Someone Else"})
	again.Error("browser_needed")

	// Question 2: player 9 never answers; the host skips the timer.
	host.Send(`{"type":"next"}`)
	active := make([]*testPlayer, 0, n)
	for i, p := range players {
		if i == 6 {
			continue
		}
		active = append(active, p)
		p.Next("question")
		if i == 8 {
			continue
		}
		p.Send(map[string]any{"type": "answer", "question": 1, "option": 1})
		p.Next("answer_locked")
	}
	players[1].Send(`{"type":"answer","question":1,"option":0}`)
	players[1].Error("already_answered")
	players[2].Send(`{"type":"answer","question":0,"option":1}`)
	players[2].Error("wrong_question")
	players[3].Send(`{"type":"answer","question":1,"option":9}`)
	players[3].Error("already_answered")
	host.Send(`{"type":"skip"}`)
	host.Next("reveal")
	players[8].Send(`{"type":"answer","question":1,"option":1}`)
	players[8].Error("too_late")

	// Question 3, then the end.
	host.Send(`{"type":"next"}`)
	for _, p := range active {
		p.Next("question")
		p.Send(map[string]any{"type": "answer", "question": 2, "option": 1})
	}
	host.Next("reveal")
	host.Send(`{"type":"next"}`)
	ended := host.Next("ended")
	if podium := ended["podium"].([]any); len(podium) != 3 || apptest.Num(ended, "players") != n-1 {
		t.Fatalf("ended %v", ended)
	}
	ranking := host.Next("ranking")["players"].([]any)
	if len(ranking) != n-1 {
		t.Fatalf("ranking has %d players", len(ranking))
	}
	finals := map[int]map[string]any{}
	for _, p := range active {
		p.Next("ended")
		finals[p.id] = p.Next("final")
		if code, _ := p.Closed(); code != hub.CloseGameOver {
			t.Fatalf("%s closed with %d", p.Name, code)
		}
	}

	// The saved results agree with what the sockets were told.
	var res struct {
		Game    struct{ Status string }
		Players []struct {
			Player, Score, Rank, Correct int
			Kicked                       bool
			Answers                      []struct{ Points int }
		}
	}
	status, _, body := apptest.Do(t, teacher, mustGet(ta, "/api/v1/games/"+itoa(g.ID)+"/results"))
	if status != http.StatusOK {
		t.Fatalf("results: %d %s", status, body)
	}
	if err := json.Unmarshal([]byte(body), &res); err != nil {
		t.Fatal(err)
	}
	if res.Game.Status != "ended" || len(res.Players) != n {
		t.Fatalf("results: %s, %d players", res.Game.Status, len(res.Players))
	}
	prev := 1 << 30
	for i, p := range res.Players {
		if p.Kicked {
			if i != n-1 || p.Player != p7.id {
				t.Fatalf("kicked player %+v at %d", p, i)
			}
			continue
		}
		f := finals[p.Player]
		if apptest.Num(f, "score") != p.Score || apptest.Num(f, "rank") != p.Rank {
			t.Fatalf("player %d: saved %d/%d, told %v", p.Player, p.Score, p.Rank, f)
		}
		sum := 0
		for _, a := range p.Answers {
			sum += a.Points
		}
		if sum != p.Score || p.Score > prev {
			t.Fatalf("player %d: score %d, answers add to %d, previous %d", p.Player, p.Score, sum, prev)
		}
		prev = p.Score
	}
	status, hdr, csv := apptest.Do(t, teacher, mustGet(ta, "/api/v1/games/"+itoa(g.ID)+"/results.csv"))
	if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "text/csv") ||
		strings.Count(csv, "\n") != n+1 || !strings.Contains(csv, "Player 01") {
		t.Fatalf("csv: %d %q\n%s", status, hdr.Get("Content-Type"), csv)
	}
}

func mustGet(ta *apptest.App, path string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, ta.URL+path, nil)
	return req
}

func itoa(n int64) string { return fmt.Sprint(n) }
