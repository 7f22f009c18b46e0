package web_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/game"
)

// A teacher pays a finished game's podium through the ledger: once, to
// student players only, and the students see it in their history.
func TestGamePodiumCoins(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	_, other := app.Teacher("mr.stone@school.test")
	classID, kids := app.EconClass(teacher.ID, "Maya", "Leo", "Zoe")
	ctx := context.Background()
	now := time.Now()
	qs := []game.Question{{Text: "Which animal is the tallest?", Options: []string{"Giraffe", "Mouse"}, Correct: 0, Seconds: 10}}
	id, err := app.App.Store().CreateGame(ctx, game.NewGame{PIN: "246810", HostID: teacher.ID, Title: "Animal facts", Mode: game.Individual, Questions: qs, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	players := []game.PlayerRecord{
		{No: 1, Nickname: "Maya R.", StudentID: kids[0], Score: 140, Correct: 1, Rank: 1, JoinedAt: now},
		{No: 2, Nickname: "Guest", Score: 120, Correct: 1, Rank: 2, JoinedAt: now},
		{No: 3, Nickname: "Leo R.", StudentID: kids[1], Score: 60, Correct: 1, Rank: 3, JoinedAt: now},
		// 0 points: not a winner, so no coins even with a 4th place paid.
		{No: 4, Nickname: "Zoe R.", StudentID: kids[2], Score: 0, Rank: 4, JoinedAt: now},
	}
	if err := app.App.Store().FinishGame(ctx, game.Final{GameID: id, Status: "ended", EndedAt: now, Players: players}); err != nil {
		t.Fatal(err)
	}
	award := fmt.Sprintf("/api/v1/games/%d/award", id)
	maya := app.StudentClient(kids[0])
	leo := app.StudentClient(kids[1])
	zoe := app.StudentClient(kids[2])
	app.Run([]apptest.Scenario{
		{Name: "another teacher cannot award", Method: "POST", Path: award, Body: `{"coins":[30,20,10]}`, Client: other, WantStatus: 404},
		{Name: "too many coins", Method: "POST", Path: award, Body: `{"coins":[5000]}`, Client: tc, WantStatus: 400},
		{Name: "award the podium", Method: "POST", Path: award, Body: `{"coins":[30,20,10,5]}`, Client: tc, WantStatus: 200,
			WantContent: []string{`"coins":30`, `"coins":10`}, NotContent: []string{`"coins":5`, "Zoe"}},
		{Name: "only once", Method: "POST", Path: award, Body: `{"coins":[30,20,10]}`, Client: tc, WantStatus: 409, WantContent: []string{`"already_awarded"`}},
		{Name: "the results show the coins given, and no second award", Path: fmt.Sprintf("/api/v1/games/%d/results", id), Client: tc, WantStatus: 200,
			WantContent: []string{`"canAward":false`, `"nickname":"Maya R.","studentId":` + fmt.Sprint(kids[0]), `"kicked":false,"coins":30`}},
		{Name: "the CSV has the coins", Path: fmt.Sprintf("/api/v1/games/%d/results.csv", id), Client: tc, WantStatus: 200,
			WantContent: []string{"removed,coins", "Maya R.,,140,1,false,30"}},
		{Name: "Maya got 30", Path: "/api/v1/student/economy", Client: maya, WantStatus: 200, WantContent: []string{`"coins":30`, `"game_reward"`}},
		{Name: "Leo got 10 for 3rd", Path: "/api/v1/student/ledger", Client: leo, WantStatus: 200, WantContent: []string{`"amount":10`, "Live game: place 3"}},
		{Name: "Zoe scored nothing and got nothing", Path: "/api/v1/student/ledger", Client: zoe, WantStatus: 200, NotContent: []string{"game_reward", "Live game"}},
		{Name: "metrics", Path: "/metrics", WantStatus: 200, WantContent: []string{`animalgenius_coins_awarded_total{type="game_reward"} 40`}},
		{Name: "delete the results", Method: "DELETE", Path: fmt.Sprintf("/api/v1/games/%d", id), Client: tc, WantStatus: 204},
	})
	// The coins paid and the deletion are in the audit log, a line per
	// pupil with the pupil's class.
	_, admin := app.Admin("root@school.test")
	for _, c := range []struct {
		query string
		want  []string
		not   []string
	}{
		{fmt.Sprintf("student=%d", kids[0]), []string{`"action":"coins.game_reward"`, "30 coins for place 1", `"action":"game.results_delete"`}, nil},
		{fmt.Sprintf("student=%d", kids[1]), []string{`"action":"coins.game_reward"`, "10 coins for place 3", `"action":"game.results_delete"`}, nil},
		{fmt.Sprintf("student=%d", kids[2]), []string{`"action":"game.results_delete"`}, []string{"coins.game_reward"}},
		{fmt.Sprintf("class=%d", classID), []string{`"action":"coins.game_reward"`, `"action":"game.results_delete"`}, nil},
	} {
		status, body := app.Call(admin, "GET", "/api/v1/admin/audit?"+c.query, "")
		if status != 200 {
			t.Fatalf("audit?%s: %d %s", c.query, status, body)
		}
		for _, w := range c.want {
			if !strings.Contains(body, w) {
				t.Errorf("audit?%s lacks %s: %s", c.query, w, body)
			}
		}
		for _, w := range c.not {
			if strings.Contains(body, w) {
				t.Errorf("audit?%s has %s: %s", c.query, w, body)
			}
		}
	}
}
