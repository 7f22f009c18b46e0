package web_test

import (
	"net/http"
	"sort"
	"strconv"
	"strings"
	"testing"

	"animalgenius/app/apptest"
)

// cachedOnPurpose are the API routes whose answers may be kept: their
// handlers set a Cache-Control of their own after the no-store middleware.
var cachedOnPurpose = map[string]string{
	"/api/v1/quiz": "no-cache",
	"/api/v1/classes/:classID/students/:studentID/avatar.svg": "private, no-cache",
	"/api/v1/student/avatar.svg":                              "private, no-cache",
	"/api/v1/student/avatar/preview.svg":                      "private, max-age=60",
}

// signOuts take no body and end the caller's sessions: the walk leaves
// them out (they are tested with the accounts).
var signOuts = map[string]bool{"/api/v1/auth/logout": true, "/api/v1/passport/logout": true, "/api/v1/account/logout-everywhere": true}

// TestAPIAnswersAreNoStore calls every GET route registered under /api/v1
// (ids filled with a real class and student, as the teacher, the admin
// and the student) and every route with a body as a refused request: each
// answer, good or refused, says Cache-Control: no-store, except the few
// routes that deliberately cache, which say what they mean on success.
func TestAPIAnswersAreNoStore(t *testing.T) {
	app := apptest.Start(t, nil)
	teacher, tc := app.Teacher("ms.hill@school.test")
	_, admin := app.Admin("it@school.test")
	class, kids := app.EconClass(teacher.ID, "Maya")
	student := app.StudentClient(kids[0])
	ids := map[string]string{":classID": strconv.FormatInt(class, 10), ":studentID": strconv.FormatInt(kids[0], 10)}

	var paths []string
	seen := map[string]bool{}
	for _, r := range app.App.Server().App().GetRoutes(true) {
		if !strings.HasPrefix(r.Path, "/api/v1/") || r.Path == "/api/v1/*" || seen[r.Method+" "+r.Path] {
			continue
		}
		seen[r.Method+" "+r.Path] = true
		if signOuts[r.Path] {
			continue
		}
		if r.Method != http.MethodGet && r.Method != http.MethodPost && r.Method != http.MethodPut && r.Method != http.MethodPatch {
			continue
		}
		paths = append(paths, r.Method+" "+r.Path)
	}
	// Every GET first, as every client, before any action changes state.
	sort.Slice(paths, func(i, j int) bool {
		gi, gj := strings.HasPrefix(paths[i], "GET "), strings.HasPrefix(paths[j], "GET ")
		if gi != gj {
			return gi
		}
		return paths[i] < paths[j]
	})
	if len(paths) < 60 {
		t.Fatalf("only %d API routes found: %v", len(paths), paths)
	}
	for _, mp := range paths {
		method, route, _ := strings.Cut(mp, " ")
		var parts []string
		for _, seg := range strings.Split(route, "/") {
			if v, ok := ids[seg]; ok {
				seg = v
			} else if strings.HasPrefix(seg, ":") {
				seg = "1"
			}
			parts = append(parts, seg)
		}
		path := strings.Join(parts, "/")
		clients := []*http.Client{tc, admin, student, app.NewClient()}
		for i, c := range clients {
			var status int
			var h http.Header
			if method == http.MethodGet {
				req, _ := http.NewRequest(method, app.URL+path, nil)
				status, h, _ = apptest.Do(t, c, req)
			} else {
				// A body of the wrong type (actions without a body may still
				// act: the GETs ran first, so what they change is no matter).
				req, _ := http.NewRequest(method, app.URL+path, strings.NewReader("x"))
				req.Header.Set("Content-Type", "text/plain")
				status, h, _ = apptest.Do(t, c, req)
			}
			got := h.Get("Cache-Control")
			if want, ok := cachedOnPurpose[route]; ok && method == http.MethodGet && status == 200 {
				if got != want {
					t.Errorf("GET %s (client %d): Cache-Control %q, want %q", path, i, got, want)
				}
				continue
			}
			if got != "no-store" {
				t.Errorf("%s %s (client %d): %d with Cache-Control %q, want no-store", method, path, i, status, got)
			}
		}
	}
}
