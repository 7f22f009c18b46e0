package web_test

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

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

	// Nor from a socket without the browser cookie (a fresh client).
	bare := ta.Dial(ta.NewClient(), "")
	bare.Name = "Rude without cookie"
	bare.Send(map[string]any{"type": "join", "pin": g.PIN, "nickname": "Bobby"})
	bare.Error("browser_needed")

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
	if status != 200 || head != "rank,nickname,team,score,correct,removed,coins,q1: Legs of a spider?,q1 points,q2: Hearts of an octopus?,q2 points" {
		t.Fatalf("csv header %q", head)
	}
	if strings.Contains(csv, "Fastest land animal") {
		t.Fatalf("the unplayed question is in the CSV:\n%s", csv)
	}
}

// A pupil removed by the teacher during a live game leaves it: the host's
// list shows no name any more, and the game token alone (a socket
// without the pupil's ended session) does not bring the seat back.
func TestRemovedPupilLeavesTheLiveGame(t *testing.T) {
	ta := apptest.Start(t, nil)
	teacher, tc := ta.Teacher("ana@hill.school")
	classID, kids := ta.EconClass(teacher.ID, "Zelmira", "Kaibartholomewjones")
	g, host := hostGame(t, ta, tc, "individual")

	pupil := ta.Dial(ta.StudentClient(kids[0]), "as=student")
	pupil.Name = "Zelmira"
	pupil.Send(map[string]any{"type": "join", "pin": g.PIN, "asStudent": true})
	joined := pupil.Next("joined")
	token, _ := joined["token"].(string)
	name, _ := joined["nickname"].(string)
	if !strings.HasPrefix(name, "Zelmira") || len(token) != 32 {
		t.Fatalf("joined %v", joined)
	}
	for lobby := host.Next("players"); apptest.Num(lobby, "count") < 1; lobby = host.Next("players") {
	}
	// Kai's passport is given anew (his sessions end): his seat waits for
	// him to log in again, not for whoever holds the token.
	kai := ta.Dial(ta.StudentClient(kids[1]), "as=student")
	kai.Name = "Kai"
	kai.Send(map[string]any{"type": "join", "pin": g.PIN, "asStudent": true})
	kaiJoined := kai.Next("joined")
	kaiToken, _ := kaiJoined["token"].(string)
	// A 19-letter first name and its initial do not fit a nickname's 20
	// characters: the first name is shortened, never "Student N".
	if nick, _ := kaiJoined["nickname"].(string); !strings.HasPrefix(nick, "Kaibartholomewjo") || !strings.HasSuffix(nick, ".") || len([]rune(nick)) != 20 {
		t.Fatalf("a long name in the game: %q", nick)
	}
	for lobby := host.Next("players"); apptest.Num(lobby, "count") < 2; lobby = host.Next("players") {
	}
	// Deleting the class's game results now leaves this live game (saved
	// when it ends): the teacher is told.
	if status, body := ta.Call(tc, http.MethodDelete, fmt.Sprintf("/api/v1/classes/%d/game-plays", classID), ""); status != http.StatusOK || !strings.Contains(body, `"liveGames":1`) {
		t.Fatalf("delete the class's game results during a game: %d %s", status, body)
	}
	if status, body := ta.Call(tc, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/students/%d/passport", classID, kids[1]), ""); status != http.StatusOK {
		t.Fatalf("new passport: %d %s", status, body)
	}
	kai.Closed()
	thief := ta.Dial(ta.NewClient(), "")
	thief.Name = "Kai's token only"
	thief.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": kaiToken})
	thief.Error("sign_in_again")

	if status, body := ta.Call(tc, http.MethodDelete, fmt.Sprintf("/api/v1/classes/%d/students/%d", classID, kids[0]), ""); status != http.StatusNoContent && status != http.StatusOK {
		t.Fatalf("remove: %d %s", status, body)
	}
	// The host's list no longer names the child.
	for deadline := time.Now().Add(5 * time.Second); ; {
		list := host.Next("players")
		text := fmt.Sprint(list["players"])
		if !strings.Contains(text, "Zelmira") && strings.Contains(text, "Kai") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the host's list after the removal: %v", list)
		}
	}
	back := ta.Dial(ta.NewClient(), "")
	back.Name = "token only"
	back.Send(map[string]any{"type": "rejoin", "pin": g.PIN, "token": token})
	back.Error("kicked")
}
