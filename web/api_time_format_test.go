package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/web"
)

// apiTime is the one time format of the API: RFC 3339, UTC, milliseconds.
var apiTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)

// looksLikeTime is any string a client might read as a time.
var looksLikeTime = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}`)

// isTimeKey names the fields that hold times.
func isTimeKey(k string) bool {
	return strings.HasSuffix(k, "At") || strings.HasSuffix(k, "_at") || strings.HasSuffix(k, "Since") ||
		k == "lastGood" || k == "lastCopy" || k == "at" || k == "since" || k == "now"
}

// checkTimes walks a decoded JSON value: every time field is a string in
// apiTime (never epoch milliseconds), and so is every string that looks
// like a time. It returns how many times it checked.
func checkTimes(t *testing.T, where, path string, v any) int {
	t.Helper()
	n := 0
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if isTimeKey(k) && e != nil {
				s, ok := e.(string)
				if !ok {
					t.Errorf("%s: %s.%s is %T %v, want a time string", where, path, k, e, e)
					continue
				}
				if !apiTime.MatchString(s) {
					t.Errorf("%s: %s.%s = %q, want RFC 3339 UTC with milliseconds", where, path, k, s)
				}
				n++
				continue
			}
			n += checkTimes(t, where, path+"."+k, e)
		}
	case []any:
		for i, e := range x {
			n += checkTimes(t, where, fmt.Sprintf("%s[%d]", path, i), e)
		}
	case string:
		if looksLikeTime.MatchString(x) {
			if !apiTime.MatchString(x) {
				t.Errorf("%s: %s = %q, a time in another format", where, path, x)
			}
			n++
		}
	}
	return n
}

// TestOneTimeFormat reads every kind of answer that carries times (a
// class with finished students and a pupil working on the quiz, its
// roster, board after a fresh start, saved groups, exports, ledgers,
// games, sets, accounts, sessions, invites, audit, the box, lessons and
// their feedback, a values vote, achievements) and checks each time is
// RFC 3339 in UTC with milliseconds: completedAt is the same string in the
// student's own page, the roster and the profile.
func TestOneTimeFormat(t *testing.T) {
	w := newInsightWorld(t)
	ta := w.ta
	gid := w.saveGrouping(t, w.teacher, w.base, "Teams", [][]int64{{w.maya, w.ben}})
	// The board before a fresh start shows both arrivals with their times.
	_, board := ta.Call(w.teacher, "GET", w.base+"/board", "")
	var bv any
	if err := json.Unmarshal([]byte(board), &bv); err != nil || checkTimes(t, "board", "", bv) != 2 {
		t.Fatalf("board before the fresh start: %v %s", err, board)
	}
	if st, body := ta.Call(w.teacher, "POST", w.base+"/board/fresh", ""); st != 200 {
		t.Fatalf("fresh start: %d %s", st, body)
	}
	var game struct{ ID int64 }
	postJSON(t, w.teacher, ta.URL+"/api/v1/games", `{"setId":0,"mode":"individual"}`, http.StatusCreated, &game)
	var set struct{ ID int64 }
	postJSON(t, w.teacher, ta.URL+"/api/v1/question-sets", threeQuestions, http.StatusCreated, &set)
	if st, body := ta.Call(w.admin, "POST", "/api/v1/admin/invites", `{"email":"new@school.test","days":7}`); st != 201 {
		t.Fatalf("invite: %d %s", st, body)
	}
	if st, body := ta.Call(w.teacher, "POST", w.base+"/coins", `{"all":true,"amount":5,"action":"give","reason":"Well done"}`,
		"Idempotency-Key", apptest.NewKey()); st != 200 {
		t.Fatalf("coins: %d %s", st, body)
	}
	// Lia is working on the quiz (a pending join); Nia finishes it and
	// earns an achievement; a lesson is started and rated; a vote is open.
	if st, body := ta.Call(ta.NewClient(), "POST", "/api/v1/join/ABCDEF/check", `{"firstName":"Lia","lastInitial":"K"}`); st != 200 {
		t.Fatalf("name check: %d %s", st, body)
	}
	nia, niaStudent := ta.Join("ABCDEF", "Nia", "P", apptest.AnswersAt("INFP", "visual"))
	for _, c := range []struct{ method, path, body string }{
		{"POST", w.base + "/lessons/1/start", ""}, {"PUT", "/api/v1/lessons/1/feedback", `{"stars":5,"comment":"Lovely"}`},
		{"POST", w.base + "/values/open", ""},
	} {
		if st, body := ta.Call(w.teacher, c.method, c.path, c.body); st != 200 {
			t.Fatalf("%s %s: %d %s", c.method, c.path, st, body)
		}
	}
	maya := ta.StudentClient(w.maya)
	student := fmt.Sprintf("%s/students/%d", w.base, w.maya)
	reads := []struct {
		client *http.Client
		path   string
		min    int // times the answer must hold at least
	}{
		{w.teacher, "/api/v1/auth/me", 1}, {w.teacher, "/api/v1/account", 1}, {w.teacher, "/api/v1/account/sessions", 2},
		{w.admin, "/api/v1/admin/accounts", 3}, {w.admin, "/api/v1/admin/invites", 2}, {w.admin, "/api/v1/admin/audit", 2},
		{w.admin, "/api/v1/admin/box", 1},
		{w.teacher, "/api/v1/classes", 2}, {w.teacher, w.base, 2},
		{w.teacher, w.base + "/roster", 5}, {w.teacher, w.base + "/board", 4}, {w.teacher, w.base + "/groupings", 1},
		{w.teacher, fmt.Sprintf("%s/groupings/%d", w.base, gid), 1}, {w.teacher, w.base + "/export.json", 6},
		{w.teacher, student + "/profile", 1}, {w.teacher, student + "/ledger", 1}, {w.teacher, student + "/export", 3},
		{w.teacher, "/api/v1/games", 1}, {w.teacher, fmt.Sprintf("/api/v1/games/%d", game.ID), 1},
		{w.teacher, fmt.Sprintf("/api/v1/games/%d/results", game.ID), 1},
		{w.teacher, "/api/v1/question-sets", 1}, {w.teacher, fmt.Sprintf("/api/v1/question-sets/%d", set.ID), 2},
		{maya, "/api/v1/student/me", 1}, {maya, "/api/v1/student/ledger", 1},
		{w.teacher, w.base + "/lessons", 2}, {w.teacher, "/api/v1/lessons/progress", 2}, {w.teacher, "/api/v1/lessons/feedback", 1},
		{w.admin, "/api/v1/admin/lessons/feedback", 1}, {w.teacher, w.base + "/values", 3}, {nia, "/api/v1/student/values", 3},
		{nia, "/api/v1/student/achievements", 1}, {w.teacher, fmt.Sprintf("%s/students/%d/achievements", w.base, niaStudent.ID), 1},
	}
	for _, r := range reads {
		st, body := ta.Call(r.client, "GET", r.path, "")
		if st != 200 {
			t.Errorf("GET %s: %d %s", r.path, st, body)
			continue
		}
		var v any
		if err := json.Unmarshal([]byte(body), &v); err != nil {
			t.Errorf("GET %s: %v", r.path, err)
			continue
		}
		if n := checkTimes(t, "GET "+r.path, "", v); n < r.min {
			t.Errorf("GET %s: %d times, want at least %d: %s", r.path, n, r.min, body)
		}
	}

	// The same student's completedAt is the same string in the three places.
	var me struct {
		Student struct {
			Result *struct {
				CompletedAt string `json:"completedAt"`
			} `json:"result"`
		} `json:"student"`
	}
	_, body := ta.Call(maya, "GET", "/api/v1/student/me", "")
	apptest.Decode(t, body, &me)
	var own string
	if me.Student.Result != nil {
		own = me.Student.Result.CompletedAt
	}
	_, body = ta.Call(w.teacher, "GET", student+"/profile", "")
	var profile struct {
		Student struct {
			CompletedAt string `json:"completedAt"`
		} `json:"student"`
	}
	apptest.Decode(t, body, &profile)
	_, roster := ta.Call(w.teacher, "GET", w.base+"/roster", "")
	if own == "" || own != profile.Student.CompletedAt || !strings.Contains(roster, `"completedAt":"`+own+`"`) {
		t.Fatalf("completedAt differs: student %q, profile %q, roster %s", own, profile.Student.CompletedAt, roster)
	}
}

// TestOpenAPITimesUseTheTimeSchema: every property of web/openapi.json
// named like a time is the Time schema (alone, or with null), so the
// document promises the one format wherever the answers carry a time.
func TestOpenAPITimesUseTheTimeSchema(t *testing.T) {
	var doc any
	if err := json.Unmarshal(web.OpenAPI(), &doc); err != nil {
		t.Fatal(err)
	}
	const ref = "#/components/schemas/Time"
	isTime := func(s map[string]any) bool {
		if s["$ref"] == ref {
			return true
		}
		for _, k := range []string{"anyOf", "oneOf"} {
			alts, _ := s[k].([]any)
			for _, a := range alts {
				if m, _ := a.(map[string]any); m["$ref"] == ref {
					return true
				}
			}
		}
		return false
	}
	n := 0
	var walk func(path string, v any)
	walk = func(path string, v any) {
		switch x := v.(type) {
		case map[string]any:
			if props, ok := x["properties"].(map[string]any); ok {
				for k, p := range props {
					if s, ok := p.(map[string]any); ok && isTimeKey(k) {
						n++
						if !isTime(s) {
							t.Errorf("%s.%s is %v, want the Time schema", path, k, s)
						}
					}
				}
			}
			for k, e := range x {
				walk(path+"/"+k, e)
			}
		case []any:
			for i, e := range x {
				walk(fmt.Sprintf("%s/%d", path, i), e)
			}
		}
	}
	walk("", doc)
	if n < 100 {
		t.Fatalf("only %d time properties found: the walk is broken", n)
	}
}
