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
// nothing. A route added
// later is covered without touching this test.
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
	param := regexp.MustCompile(`:[A-Za-z]+`)

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

	checked := 0
	seen := map[string]bool{}
	for _, rs := range app.App.Server().App().Stack() {
		for _, r := range rs {
			key := r.Method + " " + r.Path
			if !strings.HasPrefix(r.Path, "/api/v1/") || !owned.MatchString(r.Path) || seen[key] {
				continue
			}
			switch r.Method {
			case fiber.MethodGet, fiber.MethodPost, fiber.MethodPut, fiber.MethodPatch, fiber.MethodDelete:
			default:
				continue
			}
			seen[key] = true
			path := param.ReplaceAllStringFunc(r.Path, func(p string) string {
				if v, ok := ids[p]; ok {
					return v
				}
				return "1"
			})
			for _, who := range []struct {
				name string
				c    *http.Client
			}{{"another teacher", other}, {"a pupil", pupil}, {"nobody signed in", nobody}} {
				var body *strings.Reader
				if r.Method != fiber.MethodGet {
					body = strings.NewReader(`{"name":"Mine now","grade":6,"amount":5,"action":"give","all":true}`)
				}
				var req *http.Request
				if body != nil {
					req, _ = http.NewRequest(r.Method, app.URL+path, body)
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Idempotency-Key", apptest.NewKey())
				} else {
					req, _ = http.NewRequest(r.Method, app.URL+path, nil)
				}
				status, _, got := apptest.Do(t, who.c, req)
				checked++
				if status != http.StatusUnauthorized && status != http.StatusForbidden && status != http.StatusNotFound {
					t.Errorf("%s %s as %s: %d %.200s; want 401, 403 or 404", r.Method, path, who.name, status, got)
				}
			}
		}
	}
	if len(seen) < 40 {
		t.Fatalf("only %d owned routes found in the route table", len(seen))
	}
	if after := fingerprint(); after != before {
		t.Errorf("refused requests changed the data:\nbefore %s\nafter  %s", before, after)
	}
	t.Logf("%d owned routes, %d requests refused", len(seen), checked)
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
	param := regexp.MustCompile(`:[A-Za-z]+`)
	before := app.Snapshot()
	counts := map[string]int{}
	seen := map[string]bool{}
	for _, rs := range app.App.Server().App().Stack() {
		for _, r := range rs {
			key := r.Method + " " + r.Path
			var refuse []string
			switch {
			case strings.HasPrefix(r.Path, "/api/v1/admin/"):
				refuse = []string{"a teacher", "a pupil", "nobody signed in"}
			case strings.HasPrefix(r.Path, "/api/v1/student/"):
				refuse = []string{"a teacher", "nobody signed in"}
			default:
				continue
			}
			switch r.Method {
			case fiber.MethodGet, fiber.MethodPost, fiber.MethodPut, fiber.MethodPatch, fiber.MethodDelete:
			default:
				continue
			}
			if seen[key] {
				continue
			}
			seen[key] = true
			counts[strings.Split(r.Path, "/")[3]]++
			path := param.ReplaceAllString(r.Path, "1")
			for _, who := range refuse {
				var req *http.Request
				if r.Method == fiber.MethodGet {
					req, _ = http.NewRequest(r.Method, app.URL+path, nil)
				} else {
					req, _ = http.NewRequest(r.Method, app.URL+path, strings.NewReader(`{"itemId":1,"name":"x","role":"admin","active":false}`))
					req.Header.Set("Content-Type", "application/json")
					req.Header.Set("Idempotency-Key", apptest.NewKey())
				}
				status, _, got := apptest.Do(t, clients[who], req)
				if status != http.StatusUnauthorized && status != http.StatusForbidden && status != http.StatusNotFound {
					t.Errorf("%s %s as %s: %d %.200s; want 401, 403 or 404", r.Method, path, who, status, got)
				}
			}
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
