package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/apptest"
)

// TestEveryRouteAnswersBadInputInJSON walks the whole route table, not a
// list kept by hand: every /api/v1 write (POST, PUT, PATCH, then DELETE)
// gets broken and ill-typed bodies, and every read gets nonsense query
// parameters, as a teacher, an admin and a pupil, with real ids in the
// path. None may fail with a 5xx or answer an error that is not JSON. A
// route added later is covered without touching this test.
func TestEveryRouteAnswersBadInputInJSON(t *testing.T) {
	app := apptest.Start(t, nil)
	_, teacher := app.Teacher("rivera@hill.school")
	_, admin := app.Admin("it@hill.school")
	cl := app.CreateClass(teacher, "Room 7")
	pupil, _ := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	clients := []struct {
		who string
		c   *http.Client
	}{{"teacher", teacher}, {"admin", admin}, {"pupil", pupil}}

	// Class, student and other ids: 1 is a real one of each.
	fill := func(path string) string {
		return fillParams(path, map[string]string{":code": cl.Code}, fmt.Sprint(cl.ID))
	}
	var reads, writes []apiRoute
	for _, rt := range apiRoutes(app) {
		switch {
		case strings.Contains(rt.path, "logout"):
			// Signing out would end the clients' sessions for the routes after it.
		case rt.method == fiber.MethodGet:
			reads = append(reads, rt)
		default:
			writes = append(writes, rt)
		}
	}
	// Deletions last: they may remove what the other routes' ids point at.
	slices.SortStableFunc(writes, func(a, b apiRoute) int {
		return boolInt(a.method == fiber.MethodDelete) - boolInt(b.method == fiber.MethodDelete)
	})
	if len(reads) < 40 || len(writes) < 60 {
		t.Fatalf("the route table has %d reads and %d writes: not the appliance's", len(reads), len(writes))
	}
	t.Logf("%d reads, %d writes", len(reads), len(writes))

	check := func(req *http.Request, c *http.Client, who, what string) {
		t.Helper()
		status, h, body := apptest.Do(t, c, req)
		if status >= 500 {
			t.Errorf("%s as %s: %d %.200s", what, who, status, body)
		} else if status >= 400 && (!strings.HasPrefix(h.Get("Content-Type"), "application/json") || !strings.Contains(body, `"error"`)) {
			t.Errorf("%s as %s: %d answered %q %.200s, want a JSON error", what, who, status, h.Get("Content-Type"), body)
		}
	}
	bodies := []string{"{", "null", "[]", `"text"`, strings.Repeat("9", 400),
		`{"name":{"a":1},"grade":"six","amount":-1e309,"itemId":"x","studentIds":[null],"answers":7,"title":[],"questions":{}}`}
	for _, rt := range writes {
		for _, cl := range clients {
			for _, body := range bodies {
				req, _ := http.NewRequest(rt.method, app.URL+fill(rt.path), strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Idempotency-Key", apptest.NewKey())
				check(req, cl.c, cl.who, fmt.Sprintf("%s %s with %.20q", rt.method, rt.path, body))
			}
		}
	}
	queries := []string{
		"?sort=zzz&desc=maybe&animal=%3Cscript%3E&page=-1&limit=99999999999999999999&since=notatime&q=%00&search=" + strings.Repeat("a", 300),
		"?page=1e9&limit=0&all=yes&format=xml&class=x&student=-5",
		"?%zz",
	}
	for _, rt := range reads {
		for _, cl := range clients {
			for _, q := range queries {
				req, _ := http.NewRequest(http.MethodGet, app.URL+fill(rt.path)+q, nil)
				check(req, cl.c, cl.who, fmt.Sprintf("GET %s%.30s", rt.path, q))
			}
		}
	}
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

// apiRoute is one route of the table: its method and its pattern.
type apiRoute struct{ method, path string }

// apiRoutes is every /api/v1 route of the app's route table for GET,
// POST, PUT, PATCH and DELETE, once each, in the table's order.
func apiRoutes(app *apptest.App) []apiRoute {
	var out []apiRoute
	seen := map[apiRoute]bool{}
	for _, rs := range app.App.Server().App().Stack() {
		for _, r := range rs {
			rt := apiRoute{r.Method, r.Path}
			switch r.Method {
			case fiber.MethodGet, fiber.MethodPost, fiber.MethodPut, fiber.MethodPatch, fiber.MethodDelete:
			default:
				continue
			}
			if strings.HasPrefix(r.Path, "/api/v1/") && !seen[rt] {
				seen[rt] = true
				out = append(out, rt)
			}
		}
	}
	return out
}

// fillParams puts ids[":name"] for each parameter of a route pattern, or
// def for one ids does not name.
func fillParams(pattern string, ids map[string]string, def string) string {
	return routeParam.ReplaceAllStringFunc(pattern, func(p string) string {
		if v, ok := ids[p]; ok {
			return v
		}
		return def
	})
}

var routeParam = regexp.MustCompile(`:[A-Za-z]+`)
