package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/web/hub"
)

func TestGameSocketBadFrames(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("bad@school.test")
	g, host := hostGame(t, ta, teacher, "individual")
	p := joinPlayer(t, ta, g.PIN, "Ann")
	for _, tc := range []struct{ frame, code string }{
		{`not json`, "bad_json"},
		{`{"type":"answer","question":0,"option":1}{}`, "bad_json"},
		{`[1,2]`, "bad_json"},
		{`{"type":"fly"}`, "unknown_type"},
		{`{"typo":"answer"}`, "no_type"},
		{`{"type":"answer","question":0}`, "missing_field"},
		{`{"type":"answer","question":"zero","option":1}`, "wrong_type"},
		{`{"type":"answer","question":0,"option":1,"score":999}`, "unknown_field"},
		{"{\"type\":\"join\",\"pin\":\"\xc3\x28\"}", "bad_encoding"},
		{`{"type":"answer","question":0,"option":1}`, "wrong_question"}, // the game has not started
		{`{"type":"start"}`, "not_host"},
		{`{"type":"kick","player":1}`, "not_host"},
		{fmt.Sprintf(`{"type":"host","game":%d}`, g.ID), "not_host"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"Again"}`, g.PIN), "already_joined"},
		{`{"type":"subscribe","topic":"game:1"}`, "bad_topic"},
		{`{"type":"subscribe","topic":"class:x"}`, "bad_topic"},
	} {
		p.Send(tc.frame)
		p.Error(tc.code)
	}
	// The socket is still fine and the game unharmed.
	host.Send(`{"type":"start"}`)
	p.Next("question")
	p.Send(`{"type":"answer","question":0,"option":1}`)
	p.Next("answer_locked")

	// Joining with bad names or teams.
	for _, tc := range []struct{ frame, code string }{
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"   "}`, g.PIN), "bad_nickname"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"%s"}`, g.PIN, strings.Repeat("x", 21)), "bad_nickname"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"<b>hi</b>"}`, g.PIN), "bad_nickname"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"Sh1t Head"}`, g.PIN), "bad_nickname"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"ann"}`, g.PIN), "nickname_taken"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"nickname":"Bo","team":"dragon"}`, g.PIN), "pick_team"},
		{fmt.Sprintf(`{"type":"join","pin":%q,"asStudent":true}`, g.PIN), "student_login_required"},
		{fmt.Sprintf(`{"type":"rejoin","pin":%q,"token":"short"}`, g.PIN), "bad_token"},
		{fmt.Sprintf(`{"type":"rejoin","pin":%q,"token":"%s"}`, g.PIN, strings.Repeat("a", 32)), "bad_token"},
		{`{"type":"answer","question":0,"option":1}`, "not_joined"},
	} {
		c := ta.Dial(nil, "")
		c.Name = tc.frame
		c.Send(tc.frame)
		c.Error(tc.code)
	}

	// A frame over 4 KiB closes the socket.
	big := ta.Dial(nil, "")
	big.Send(`{"type":"join","pin":"123456","nickname":"` + strings.Repeat("x", 5000) + `"}`)
	if code, _ := big.Closed(); code != hub.CloseTooBig {
		t.Fatalf("oversized frame closed with %d", code)
	}
	// Another site's page cannot open a socket.
	if _, err := ta.TryDial(nil, "", "http://evil.example"); err == nil {
		t.Fatal("a foreign origin opened a socket")
	}
}

func TestGameSocketOtherGameAndFlood(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, t1 := ta.Teacher("one@school.test")
	_, t2 := ta.Teacher("two@school.test")
	a, hostA := hostGame(t, ta, t1, "individual")
	b, hostB := hostGame(t, ta, t2, "teams")
	pa := joinPlayer(t, ta, a.PIN, "In A")
	// Another teacher cannot host game A; a teacher cannot host twice on one socket.
	other := ta.Dial(t2, "")
	other.Send(map[string]any{"type": "host", "game": a.ID})
	other.Error("no_game")
	hostA.Send(map[string]any{"type": "host", "game": a.ID})
	hostA.Error("already_joined")
	// Teams mode needs a team.
	pb := ta.Dial(nil, "")
	pb.Send(map[string]any{"type": "join", "pin": b.PIN, "nickname": "In B"})
	pb.Error("pick_team")
	pb.Send(map[string]any{"type": "join", "pin": b.PIN, "nickname": "In B", "team": "otter"})
	if j := pb.Next("joined"); j["team"] != "otter" {
		t.Fatalf("joined %v", j)
	}
	hostA.Send(`{"type":"start"}`)
	hostB.Send(`{"type":"start"}`)
	pa.Next("question")
	pb.Next("question")
	// A player of A answers: only A counts it.
	pa.Send(`{"type":"answer","question":0,"option":1}`)
	pa.Next("answer_locked")
	if r := hostA.Next("reveal"); apptest.Num(r, "answered") != 1 {
		t.Fatalf("A reveal %v", r)
	}
	hostB.Send(`{"type":"skip"}`)
	if r := hostB.Next("reveal"); apptest.Num(r, "answered") != 0 {
		t.Fatalf("B counted another game's answer: %v", r)
	}
	// A flood closes the flooding socket; the game and its host go on.
	flood := ta.Dial(nil, "")
	for i := 0; i < 300; i++ {
		if flood.WS.WriteMessage(websocket.TextMessage, []byte(`{"type":"answer","question":0,"option":0}`)) != nil {
			break
		}
	}
	if code, _ := flood.Closed(); code != hub.ClosePolicy {
		t.Fatalf("flood closed with %d", code)
	}
	hostA.Send(`{"type":"next"}`)
	pa.Next("question")
	// Logging out closes the teacher's sockets.
	req, _ := http.NewRequest(http.MethodPost, ta.URL+"/api/v1/auth/logout", nil)
	if status, _, body := apptest.Do(t, t1, req); status != http.StatusOK && status != http.StatusNoContent {
		t.Fatalf("logout: %d %s", status, body)
	}
	if code, _ := hostA.Closed(); code != hub.CloseSignedOut {
		t.Fatalf("host socket after logout closed with %d", code)
	}
}

func TestGameTenThousandWrongPINs(t *testing.T) {
	ta := apptest.Start(t, func(c *config.Config) {
		c.Sockets.PINAddrFailures = 20
		c.Sockets.MessageRate = 10_000
		c.Sockets.MessageBurst = 10_000
	})
	_, teacher := ta.Teacher("pins@school.test")
	g, _ := hostGame(t, ta, teacher, "individual")
	wrong := "100000"
	if g.PIN == wrong {
		wrong = "100001"
	}
	seated := joinPlayer(t, ta, g.PIN, "Seated")
	guesser := ta.Dial(nil, "")
	looked, refused := 0, 0
	const tries, batch = 10_000, 32 // a batch stays within the socket's send queue
	frame := []byte(`{"type":"join","pin":"` + wrong + `","nickname":"Guess"}`)
	_ = guesser.WS.SetReadDeadline(time.Now().Add(60 * time.Second))
	for sent := 0; sent < tries; sent += batch {
		for i := 0; i < batch && sent+i < tries; i++ {
			if err := guesser.WS.WriteMessage(websocket.TextMessage, frame); err != nil {
				t.Fatalf("send %d: %v", sent+i, err)
			}
		}
		for i := 0; i < batch && sent+i < tries; i++ {
			_, data, err := guesser.WS.ReadMessage()
			if err != nil {
				t.Fatalf("after %d answers: %v", sent+i, err)
			}
			switch {
			case strings.Contains(string(data), `"no_game"`):
				looked++
			case strings.Contains(string(data), `"too_many_tries"`):
				refused++
			default:
				t.Fatalf("unexpected %s", data)
			}
		}
	}
	if looked > 20 || looked+refused != tries {
		t.Fatalf("%d wrong PINs: %d looked up, %d refused", tries, looked, refused)
	}
	// The guessing address is refused even with the right PIN now...
	guesser.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Sneaky"})
	guesser.Error("too_many_tries")
	// ... and with a made-up rejoin token; but a player seated before,
	// behind the same address, comes back with its own token.
	guesser.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": strings.Repeat("0", 32)})
	guesser.Error("too_many_tries")
	back := ta.Dial(nil, "")
	back.Name = "seated player, back"
	back.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": seated.token})
	back.Next("joined")
	// ...while another address joins the game as usual.
	other, err := ta.DialFrom("127.0.0.2")
	if err != nil {
		t.Skipf("no second loopback address here: %v", err)
	}
	other.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Honest"})
	other.Next("joined")
}

func TestQuestionSetAndGameAPI(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, t1 := ta.Teacher("sets1@school.test")
	_, t2 := ta.Teacher("sets2@school.test")
	_, admin := ta.Admin("it@school.test")
	var mine struct{ ID int64 }
	postJSON(t, t1, ta.URL+"/api/v1/question-sets", threeQuestions, http.StatusCreated, &mine)
	id := itoa(mine.ID)
	q := func(body string) string {
		return `{"title":"T","questions":[` + body + `]}`
	}
	ta.Run([]apptest.Scenario{
		{Name: "list has bundled and own", Path: "/api/v1/question-sets", Client: t1, WantStatus: 200,
			WantContent: []string{`"bundled":true`, `"Animal facts"`, `"Quick facts"`}},
		{Name: "other teacher does not see it", Path: "/api/v1/question-sets", Client: t2, WantStatus: 200, NotContent: []string{"Quick facts"}},
		{Name: "bundled set readable", Path: "/api/v1/question-sets/0", Client: t1, WantStatus: 200, WantContent: []string{"octopus"}},
		{Name: "other teacher's set is 404", Path: "/api/v1/question-sets/" + id, Client: t2, WantStatus: 404, WantContent: []string{`"code":"not_found"`}, NotContent: []string{"Quick facts"}},
		{Name: "bad id is 404", Path: "/api/v1/question-sets/abc", Client: t1, WantStatus: 404, WantContent: []string{`"code":"not_found"`}, NotContent: []string{"Quick facts"}},
		{Name: "not signed in", Path: "/api/v1/question-sets", Client: ta.NewClient(), WantStatus: 401},
		{Name: "no csrf", Method: "POST", Path: "/api/v1/question-sets", Body: threeQuestions, Client: t1,
			Header: map[string]string{"X-CSRF-Token": ""}, WantStatus: 403},
		{Name: "one option", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q(`{"text":"x?","options":["a"],"correct":0,"seconds":10}`), WantContent: []string{"questions[0].options"}},
		{Name: "five options", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q(`{"text":"x?","options":["a","b","c","d","e"],"correct":0,"seconds":10}`)},
		{Name: "correct out of range", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q(`{"text":"x?","options":["a","b"],"correct":2,"seconds":10}`), WantContent: []string{"correct"}},
		{Name: "too short", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q(`{"text":"x?","options":["a","b"],"correct":0,"seconds":4}`), WantContent: []string{"seconds"}},
		{Name: "unknown field", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q(`{"text":"x?","options":["a","b"],"correct":0,"seconds":10,"answer":1}`), WantContent: []string{"unknown_field"}},
		{Name: "wrong type", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q(`{"text":"x?","options":["a","b"],"correct":"0","seconds":10}`), WantContent: []string{"wrong_type"}},
		{Name: "not utf8", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: q("{\"text\":\"\xff?\",\"options\":[\"a\",\"b\"],\"correct\":0,\"seconds\":10}")},
		{Name: "overlong title", Method: "POST", Path: "/api/v1/question-sets", Client: t1, WantStatus: 400,
			Body: `{"title":"` + strings.Repeat("t", 81) + `","questions":[{"text":"x?","options":["a","b"],"correct":0,"seconds":10}]}`},
		{Name: "bundled cannot change", Method: "PUT", Path: "/api/v1/question-sets/0", Body: threeQuestions, Client: t1, WantStatus: 409},
		{Name: "bundled cannot go", Method: "DELETE", Path: "/api/v1/question-sets/0", Client: t1, WantStatus: 409},
		{Name: "duplicate bundled", Method: "POST", Path: "/api/v1/question-sets/0/duplicate", Client: t1, WantStatus: 201,
			WantContent: []string{"Copy of Animal facts"}},
		{Name: "other teacher cannot update", Method: "PUT", Path: "/api/v1/question-sets/" + id, Body: threeQuestions, Client: t2, WantStatus: 404, WantContent: []string{`"code":"not_found"`}, NotContent: []string{"Quick facts"}},
		{Name: "other teacher cannot delete", Method: "DELETE", Path: "/api/v1/question-sets/" + id, Client: t2, WantStatus: 404, WantContent: []string{`"code":"not_found"`}, NotContent: []string{"Quick facts"}},
		{Name: "other teacher cannot host it", Method: "POST", Path: "/api/v1/games", Body: `{"setId":` + id + `,"mode":"individual"}`,
			Client: t2, WantStatus: 404},
		{Name: "bad mode", Method: "POST", Path: "/api/v1/games", Body: `{"setId":0,"mode":"solo"}`, Client: t1, WantStatus: 400},
		{Name: "no set", Method: "POST", Path: "/api/v1/games", Body: `{"mode":"individual"}`, Client: t1, WantStatus: 400},
		{Name: "update own", Method: "PUT", Path: "/api/v1/question-sets/" + id, Client: t1, WantStatus: 200,
			Body:        `{"title":"Renamed","questions":[{"text":"Only one?","options":["Yes","No"],"correct":0,"seconds":30}]}`,
			WantContent: []string{"Renamed", "Only one?"}},
	})
	var g createdGame
	postJSON(t, t1, ta.URL+"/api/v1/games", `{"setId":0,"mode":"teams"}`, http.StatusCreated, &g)
	gid := itoa(g.ID)
	ta.Run([]apptest.Scenario{
		{Name: "game listed", Path: "/api/v1/games", Client: t1, WantStatus: 200, WantContent: []string{g.PIN, `"live":true`}},
		{Name: "other teacher's game is 404", Path: "/api/v1/games/" + gid, Client: t2, WantStatus: 404,
			WantContent: []string{`"code":"not_found"`}, NotContent: []string{g.PIN}},
		{Name: "other teacher's results are 404", Path: "/api/v1/games/" + gid + "/results.csv", Client: t2, WantStatus: 404,
			WantContent: []string{`"code":"not_found"`}},
		{Name: "other teacher's qr is 404", Path: "/api/v1/games/" + gid + "/qr.svg", Client: t2, WantStatus: 404, NotContent: []string{"<svg"}},
		{Name: "not a game id", Path: "/api/v1/games/x" + gid + "/results", Client: t1, WantStatus: 404, WantContent: []string{`"code":"not_found"`}},
		{Name: "an admin sees any game, like any class", Path: "/api/v1/games/" + gid + "/results", Client: admin, WantStatus: 200,
			WantContent: []string{`"status":"lobby"`}},
		{Name: "but not another teacher's sets", Path: "/api/v1/question-sets/" + id, Client: admin, WantStatus: 404},
		{Name: "qr of the join link", Path: "/api/v1/games/" + gid + "/qr.svg", Client: t1, WantStatus: 200, WantContent: []string{"<svg", "<path"}},
		{Name: "results while live", Path: "/api/v1/games/" + gid + "/results", Client: t1, WantStatus: 200, WantContent: []string{`"status":"lobby"`}},
		{Name: "delete own set", Method: "DELETE", Path: "/api/v1/question-sets/" + id, Client: t1, WantStatus: 204},
		{Name: "deleted set is gone", Path: "/api/v1/question-sets/" + id, Client: t1, WantStatus: 404},
	})
}

// Stopping the server tells every player the game stopped, saves it as
// stopped, and closes each socket with "server stopping".
func TestGameGracefulShutdown(t *testing.T) {
	ta := apptest.Start(t, nil)
	_, teacher := ta.Teacher("stop@school.test")
	g, host := hostGame(t, ta, teacher, "individual")
	p := joinPlayer(t, ta, g.PIN, "Ann")
	host.Send(`{"type":"start"}`)
	p.Next("question")
	p.Send(`{"type":"answer","question":0,"option":1}`)
	p.Next("answer_locked")
	stopped := make(chan struct{})
	go func() { ta.Stop(); close(stopped) }()
	defer func() { <-stopped }()
	if e := p.Next("ended"); e["stopped"] != true {
		t.Fatalf("ended %v", e)
	}
	if f := p.Next("final"); apptest.Num(f, "score") < 100 {
		t.Fatalf("final %v", f)
	}
	code, _ := p.Closed()
	if code != hub.CloseGameOver && code != hub.CloseGoingAway {
		t.Fatalf("player socket closed with %d", code)
	}
	if code, reason := host.Closed(); code != hub.CloseGameOver && code != hub.CloseGoingAway {
		t.Fatalf("host socket closed with %d %q", code, reason)
	}
}

// TestGameFullIsCounted: a player turned away by sockets.max_per_game is
// told game_full and counted in /metrics like the hub's own caps, so the
// socket-caps alert sees it.
func TestGameFullIsCounted(t *testing.T) {
	ta := apptest.Start(t, func(c *config.Config) { c.Sockets.MaxPerGame = 2 })
	_, teacher := ta.Teacher("full@school.test")
	g, _ := hostGame(t, ta, teacher, "individual")
	joinPlayer(t, ta, g.PIN, "One")
	joinPlayer(t, ta, g.PIN, "Two")
	third := ta.Dial(nil, "")
	third.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Three"})
	third.Error("game_full")
	if status, _, body := ta.Get("/metrics"); status != http.StatusOK || !strings.Contains(body, `animalgenius_sockets_refused_total{reason="game_full"} 1`) {
		t.Fatalf("metrics: %d, no game_full refusal counted:\n%s", status, grepLines(body, "sockets_refused"))
	}
}

// grepLines keeps the lines of s that contain sub.
func grepLines(s, sub string) string {
	var out []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, sub) {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}
