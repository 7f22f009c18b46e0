package web_test

import (
	"animalgenius/app/apptest"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// A student who joins a class whose insight is cached is added to the
// cached snapshot in memory (insight.OnJoined); the roster, analytics,
// board and pairings must then read exactly as they do when the class is
// read again from the database.
func TestInsightJoinedIncrementallyMatchesDatabase(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ms.park@school.test")
	class := app.CreateClass(tc, "Room 9")
	base := fmt.Sprintf("/api/v1/classes/%d", class.ID)
	paths := []string{base + "/roster", base + "/roster?sort=coins&dir=desc", base + "/analytics", base + "/board", base + "/pairings"}
	read := func() []string {
		var out []string
		for _, p := range paths {
			status, body := app.Call(tc, "GET", p, "")
			if status != 200 {
				t.Fatalf("GET %s: %d %s", p, status, body)
			}
			out = append(out, body)
		}
		return out
	}
	app.Join(class.Code, "Maya", "R", apptest.AnswersAt("INFP", "visual"))
	read() // cached now
	app.Join(class.Code, "Leo", "S", apptest.AnswersAt("ESTJ", "auditory"))
	app.Join(class.Code, "Ana", "B", apptest.AnswersAt("ISFJ", "kinesthetic"))
	incremental := read()
	app.App.Insight().OnStudentsChanged(class.ID) // drop the cache: read from the database
	fresh := read()
	for i, p := range paths {
		if p == base+"/board" {
			// The board carries the snapshot's version, which the drop moved on.
			incremental[i], fresh[i] = stripVersion(t, incremental[i]), stripVersion(t, fresh[i])
		}
		if incremental[i] != fresh[i] {
			t.Errorf("GET %s after joins:\n in memory %s\n database  %s", p, incremental[i], fresh[i])
		}
	}
	if len(incremental[0]) < 100 || !contains(incremental[0], "Ana B.") || !contains(incremental[3], "Leo S.") {
		t.Errorf("roster/board miss the students who joined: %s %s", incremental[0], incremental[3])
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// stripVersion removes the "version" field of a board answer.
func stripVersion(t *testing.T, body string) string {
	t.Helper()
	var m map[string]any
	apptest.Decode(t, body, &m)
	delete(m, "version")
	out, _ := json.Marshal(m)
	return string(out)
}
