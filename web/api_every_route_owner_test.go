package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/apptest"
)

// TestEveryOwnedRouteRefusesOthers walks the route table: every /api/v1
// route that names a class, a game, a question set, a grouping, a student
// or a player of one teacher answers another teacher, a pupil and someone
// not signed in with 401, 403 or 404, for every method, and changes
// nothing. A route added later is covered without touching this test.
func TestEveryOwnedRouteRefusesOthers(t *testing.T) {
	app := apptest.Start(t, nil)
	_, owner := app.Teacher("owner@hill.school")
	_, other := app.Teacher("other@hill.school")
	cl := app.CreateClass(owner, "Room 7")
	pupil, kid := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	nobody := app.NewClient()
	var set struct{ ID int64 }
	postJSON(t, owner, app.URL+"/api/v1/question-sets", `{"title":"Owner's facts","description":"","questions":[
 {"text":"Legs of a spider?","options":["Six","Eight"],"correct":1,"seconds":20}]}`, http.StatusCreated, &set)
	var g createdGame
	postJSON(t, owner, app.URL+"/api/v1/games", fmt.Sprintf(`{"setId":%d,"mode":"individual"}`, set.ID), http.StatusCreated, &g)
	var grouping struct{ ID int64 }
	postJSON(t, owner, fmt.Sprintf("%s/api/v1/classes/%d/groupings", app.URL, cl.ID),
		fmt.Sprintf(`{"name":"Pairs","size":2,"balance":"genius","seed":1,"groups":[[%d]]}`, kid.ID), http.StatusCreated, &grouping)

	ids := map[string]string{":classID": fmt.Sprint(cl.ID), ":gameID": fmt.Sprint(g.ID), ":setID": fmt.Sprint(set.ID),
		":groupingID": fmt.Sprint(grouping.ID), ":studentID": fmt.Sprint(kid.ID), ":playerID": "1", ":lessonID": "1"}
	owned := regexp.MustCompile(`:(classID|gameID|setID|groupingID)\b`)
	fingerprint := func() string {
		t.Helper()
		rows, err := app.App.Store().Reader.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
			AND name NOT IN ('sessions', 'audit_log') ORDER BY name`)
		if err != nil {
			t.Fatal(err)
		}
		var tables []string
		for rows.Next() {
			var n string
			rows.Scan(&n)
			tables = append(tables, n)
		}
		rows.Close()
		var out []string
		for _, tb := range tables {
			out = append(out, fmt.Sprintf("%s=%d", tb, app.CountRows(tb)))
		}
		var coins int
		app.App.Store().Reader.QueryRow(`SELECT COALESCE(SUM(coins), 0) FROM students`).Scan(&coins)
		return strings.Join(out, " ") + fmt.Sprintf(" coins=%d", coins) + " " + app.Snapshot()
	}
	before := fingerprint()

	clients := map[string]*http.Client{"another teacher": other, "a pupil": pupil, "nobody signed in": nobody}
	checked, routes := 0, 0
	for _, r := range apiRoutes(app) {
		if !owned.MatchString(r.path) {
			continue
		}
		routes++
		path := fillParams(r.path, ids, "1")
		for who, c := range clients {
			refused(t, c, r.method, app.URL+path, who)
			checked++
		}
	}
	if routes < 40 {
		t.Fatalf("only %d owned routes found in the route table", routes)
	}
	if after := fingerprint(); after != before {
		t.Errorf("refused requests changed the data:\nbefore %s\nafter  %s", before, after)
	}
	t.Logf("%d owned routes, %d requests refused", routes, checked)
}

// TestEveryRoleRouteRefusesOtherRoles walks the route table: every
// /api/v1/admin route refuses a teacher, a pupil and someone not signed
// in; every /api/v1/student route (a pupil's own things) refuses a teacher
// and someone not signed in; no refused request changes a row.
func TestEveryRoleRouteRefusesOtherRoles(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacher := app.Teacher("teacher@hill.school")
	cl := app.CreateClass(teacher, "Room 7")
	pupil, _ := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	clients := map[string]*http.Client{"a teacher": teacher, "a pupil": pupil, "nobody signed in": app.NewClient()}
	before := app.Snapshot()
	counts := map[string]int{}
	for _, r := range apiRoutes(app) {
		var refuse []string
		switch {
		case strings.HasPrefix(r.path, "/api/v1/admin/"):
			refuse = []string{"a teacher", "a pupil", "nobody signed in"}
		case strings.HasPrefix(r.path, "/api/v1/student/"):
			refuse = []string{"a teacher", "nobody signed in"}
		default:
			continue
		}
		counts[strings.Split(r.path, "/")[3]]++
		for _, who := range refuse {
			refused(t, clients[who], r.method, app.URL+fillParams(r.path, nil, "1"), who)
		}
	}
	if counts["admin"] < 10 || counts["student"] < 10 {
		t.Fatalf("routes found: %v", counts)
	}
	if after := app.Snapshot(); after != before {
		t.Errorf("refused requests changed the data:\nbefore %s\nafter  %s", before, after)
	}
	t.Logf("routes walked: %v", counts)
}

// refused sends method to url as who (a JSON body that would do something
// for a write) and fails unless it is answered 401, 403 or 404.
func refused(t *testing.T, c *http.Client, method, url, who string) {
	t.Helper()
	var req *http.Request
	if method == fiber.MethodGet {
		req, _ = http.NewRequest(method, url, nil)
	} else {
		req, _ = http.NewRequest(method, url, strings.NewReader(`{"name":"Mine now","grade":6,"amount":5,"action":"give","all":true,"itemId":1,"role":"admin","active":false}`))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", apptest.NewKey())
	}
	status, _, got := apptest.Do(t, c, req)
	if status != http.StatusUnauthorized && status != http.StatusForbidden && status != http.StatusNotFound {
		t.Errorf("%s %s as %s: %d %.200s; want 401, 403 or 404", method, url, who, status, got)
	}
}
