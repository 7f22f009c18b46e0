package web_test

import (
	"animalgenius/app/apptest"
	"fmt"
	"testing"
)

// Coins moved by the economy show at once in the teacher's roster (the
// insight cache is dropped after every movement), and the welcome bonus
// paid at join is counted in /metrics with the economy's coins.
func TestEconomyRefreshesRosterAndCountsWelcomeBonus(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ms.reed@school.test")
	class := app.CreateClass(tc, "Room 12")
	mayaClient, _ := app.Join(class.Code, "Maya", "R", apptest.AnswersAt("INFP", "visual"))
	_, leo := app.Join(class.Code, "Leo", "S", apptest.AnswersAt("ESTJ", "auditory"))
	base := fmt.Sprintf("/api/v1/classes/%d", class.ID)

	app.Run([]apptest.Scenario{
		{Name: "welcome bonus counted", Path: "/metrics", WantStatus: 200,
			WantContent: []string{`animalgenius_coins_awarded_total{type="welcome_bonus"} 100`}},
		{Name: "roster read (and cached) before the gift", Path: base + "/roster?sort=coins&dir=desc", Client: tc, WantStatus: 200,
			WantContent: []string{`"coins":50`}, NotContent: []string{`"coins":75`}},
		{Name: "teacher gives Leo 25", Method: "POST", Path: base + "/coins", Body: fmt.Sprintf(`{"studentIds":[%d],"amount":25,"action":"give"}`, leo.ID),
			Header: apptest.Key("leo-25"), Client: tc, WantStatus: 200, WantContent: []string{`"coins":75`}},
		{Name: "roster shows the gift at once", Path: base + "/roster?sort=coins&dir=desc", Client: tc, WantStatus: 200,
			WantContent: []string{`"coins":75`}},
		{Name: "teacher opens the store", Method: "PUT", Path: base + "/store", Body: `{"open":true}`, Client: tc, WantStatus: 200},
		{Name: "Maya buys the party hat", Method: "POST", Path: "/api/v1/student/store/purchases", Body: `{"itemId":1}`,
			Header: apptest.Key("maya-hat"), Client: mayaClient, WantStatus: 201, WantContent: []string{`"coins":25`}},
		{Name: "roster shows Maya's purchase at once", Path: base + "/roster?sort=coins&dir=asc", Client: tc, WantStatus: 200,
			WantContent: []string{`"coins":25`, `"coins":75`}, NotContent: []string{`"coins":50`}},
	})
}
