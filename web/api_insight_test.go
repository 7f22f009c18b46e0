package web_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/insight"
)

type insightWorld struct {
	ta                *apptest.App
	teacher, other    *http.Client
	admin             *http.Client
	class, otherClass int64
	maya, ben, abe    int64
	otherStudent      int64
	base, otherBase   string
}

func newInsightWorld(t *testing.T) *insightWorld {
	ta := apptest.Start(t, nil)
	w := &insightWorld{ta: ta}
	acct, teacher := ta.Teacher("maria@school.test")
	otherAcct, other := ta.Teacher("olga@school.test")
	_, w.admin = ta.Admin("ada@school.test")
	w.teacher, w.other = teacher, other
	w.class = ta.InsightClass(acct.ID, "Room 7", "ABCDEF")
	w.otherClass = ta.InsightClass(otherAcct.ID, "Room 9", "ABCDEG")
	w.maya = ta.InsightStudent(w.class, "Maya", "INFP", "meerkat", "feeler", "visual")
	w.ben = ta.InsightStudent(w.class, "Ben", "ESTP", "otter", "doer", "kinesthetic")
	w.abe = ta.InsightStudent(w.class, "Abe", "", "", "", "")
	w.otherStudent = ta.InsightStudent(w.otherClass, "Zed", "INTP", "owl", "thinker", "auditory")
	w.base = fmt.Sprintf("/api/v1/classes/%d", w.class)
	w.otherBase = fmt.Sprintf("/api/v1/classes/%d", w.otherClass)
	return w
}

func TestInsightAPIReads(t *testing.T) {
	w := newInsightWorld(t)
	w.ta.Run([]apptest.Scenario{
		{Name: "roster", Path: w.base + "/roster", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"total":3`, `"name":"Maya T."`, `"animal":"meerkat"`, `"passportCode":"OTT-`, `"coins":`, `"completedAt":"`,
				`"notYet":[{"id":`, `"name":"Abe T."`},
			NotContent: []string{"Zed"}},
		// One roster resource: the class's student list of old is gone.
		{Name: "no second student list", Path: w.base + "/students", Client: w.teacher, WantStatus: 404,
			WantContent: []string{`"code":"not_found"`}, NotContent: []string{"Maya", "OTT-"}},
		{Name: "roster filtered by animal", Path: w.base + "/roster?animal=otter", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"name":"Ben T."`, `"notYet":[]`}, NotContent: []string{"Maya", "Abe"}},
		{Name: "roster search", Path: w.base + "/roster?q=ma&sort=completed&dir=desc", Client: w.teacher, WantStatus: 200,
			WantContent: []string{"Maya"}, NotContent: []string{"Ben"}},
		{Name: "roster not yet", Path: w.base + "/roster?status=notyet", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"finished":[]`, "Abe"}},
		{Name: "roster bad sort", Path: w.base + "/roster?sort=passport", Client: w.teacher, WantStatus: 400,
			WantContent: []string{`"code":"bad_sort"`, `"fields":{"sort"`}},
		{Name: "roster bad animal", Path: w.base + "/roster?animal=lion", Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_animal"`}},
		{Name: "roster overlong search", Path: w.base + "/roster?q=" + strings.Repeat("a", 41), Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_search"`}},
		{Name: "roster bad utf8 search", Path: w.base + "/roster?q=%FF", Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_search"`}},
		{Name: "analytics", Path: w.base + "/analytics", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"total":3`, `"finished":2`, `"notYet":1`, `{"key":"meerkat","label":"Meerkat","color":"#4B4959","count":1,"share":0.5}`, `"code":"think_time"`,
				`"animals":["owl","panda","meerkat","beaver"],"count":1}`},
			// The insight lists count their students; the roster names them.
			NotContent: []string{"Maya", `"students"`}},
		{Name: "pairings", Path: w.base + "/pairings", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"duos":[{"a":{"id":`, `"reason":"The Otter's energy`, `"solo":[{"animal":"meerkat"`}},
		{Name: "profile", Path: fmt.Sprintf("%s/students/%d/profile", w.base, w.maya), Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"name":"Maya T."`, `"tagline":`, `"strengths":[`, `"poles":{"E":5,"I":4`, `"styleTotal":8`}},
		{Name: "profile of a not-yet student", Path: fmt.Sprintf("%s/students/%d/profile", w.base, w.abe), Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"done":false`, `"animal":null`}},
		{Name: "profile of another class's student", Path: fmt.Sprintf("%s/students/%d/profile", w.base, w.otherStudent), Client: w.teacher,
			WantStatus: 404, WantContent: []string{`"code":"not_found"`, "find that student"}, NotContent: []string{"Zed"}},
		{Name: "profile with a bad id", Path: w.base + "/students/abc/profile", Client: w.teacher, WantStatus: 404},
		{Name: "board", Path: w.base + "/board", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"type":"board"`, `"topic":"class:`, `"className":"Room 7"`, `"arrivals":[{`}, NotContent: []string{"Abe"}},
		{Name: "admin sees any class", Path: w.otherBase + "/roster", Client: w.admin, WantStatus: 200, WantContent: []string{"Zed"}},
		{Name: "no session", Path: w.base + "/analytics", Client: w.ta.NewClient(), WantStatus: 401, WantContent: []string{`"code":"login_required"`}},
		{Name: "student session", Path: w.base + "/roster", Client: w.ta.StudentClient(w.maya), WantStatus: 401},
		{Name: "class id not a number", Path: "/api/v1/classes/seven/roster", Client: w.teacher, WantStatus: 404, WantContent: []string{`"code":"not_found"`, "find that class"}},
		{Name: "class id too big", Path: "/api/v1/classes/99999999999999999999/roster", Client: w.teacher, WantStatus: 404},
		{Name: "class id zero", Path: "/api/v1/classes/0/roster", Client: w.teacher, WantStatus: 404},
		{Name: "class that does not exist", Path: "/api/v1/classes/999/analytics", Client: w.teacher, WantStatus: 404, WantContent: []string{`"code":"not_found"`, "find that class"}},
	})
}

// TestInsightAPIOtherTeacher: every endpoint answers 404 for another
// teacher's class, and changes nothing.
func TestInsightAPIOtherTeacher(t *testing.T) {
	w := newInsightWorld(t)
	gid := w.saveGrouping(t, w.teacher, w.base, "Teams", [][]int64{{w.maya, w.ben}})
	var scenarios []apptest.Scenario
	for _, e := range []struct{ method, path, body string }{
		{"GET", "/roster", ""}, {"GET", "/analytics", ""}, {"GET", "/pairings", ""},
		{"POST", "/groups", `{"size":2,"balance":"genius"}`},
		{"GET", "/groupings", ""},
		{"POST", "/groupings", fmt.Sprintf(`{"name":"x","size":2,"balance":"genius","seed":1,"groups":[[%d]]}`, w.maya)},
		{"GET", fmt.Sprintf("/groupings/%d", gid), ""}, {"DELETE", fmt.Sprintf("/groupings/%d", gid), ""},
		{"GET", fmt.Sprintf("/students/%d/profile", w.maya), ""},
		{"GET", "/export.csv", ""}, {"GET", "/export.json", ""},
		{"GET", "/board", ""}, {"POST", "/board/fresh", ""}, {"DELETE", "/board/fresh", ""},
	} {
		scenarios = append(scenarios, apptest.Scenario{Name: e.method + " " + e.path, Method: e.method, Path: w.base + e.path, Body: e.body,
			Client: w.other, WantStatus: 404, WantContent: []string{`"code":"not_found"`, "find that class"}, NotContent: []string{"Maya", "Room 7"}})
	}
	w.ta.Run(scenarios)
	if n := w.ta.Count(`SELECT count(*) FROM insight_groupings`); n != 1 {
		t.Fatalf("%d groupings after the other teacher's tries, want 1", n)
	}
	if n := w.ta.Count(`SELECT count(*) FROM insight_boards`); n != 0 {
		t.Fatalf("the other teacher changed the board")
	}
}

func (w *insightWorld) saveGrouping(t *testing.T, c *http.Client, base, name string, groups [][]int64) int64 {
	t.Helper()
	g, _ := json.Marshal(groups)
	var out insight.LoadedGrouping
	postJSON(t, c, w.ta.URL+base+"/groupings", fmt.Sprintf(`{"name":%q,"size":2,"balance":"genius","seed":7,"groups":%s}`, name, g), 201, &out)
	return out.ID
}

func TestInsightAPIGroups(t *testing.T) {
	w := newInsightWorld(t)
	p := w.base + "/groups"
	w.ta.Run([]apptest.Scenario{
		{Name: "make", Method: "POST", Path: p, Body: `{"size":2,"balance":"genius","seed":42}`, Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"size":2`, `"balance":"genius"`, `"seed":42`, `"groups":[{"name":"Group 1","members":[`}},
		{Name: "make without a seed", Method: "POST", Path: p, Body: `{"size":3,"balance":"random"}`, Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"seed":`}},
		{Name: "make only finished", Method: "POST", Path: p, Body: `{"size":2,"balance":"energy","seed":1,"onlyFinished":true}`, Client: w.teacher,
			WantStatus: 200, NotContent: []string{"Abe"}},
		{Name: "size too small", Method: "POST", Path: p, Body: `{"size":1,"balance":"genius"}`, Client: w.teacher, WantStatus: 400,
			WantContent: []string{`"code":"bad_size"`, "2 to 6"}},
		{Name: "size too big", Method: "POST", Path: p, Body: `{"size":7,"balance":"genius"}`, Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_size"`}},
		{Name: "unknown balance", Method: "POST", Path: p, Body: `{"size":4,"balance":"height"}`, Client: w.teacher, WantStatus: 400,
			WantContent: []string{`"code":"bad_balance"`, "genius"}},
		{Name: "negative seed", Method: "POST", Path: p, Body: `{"size":4,"balance":"genius","seed":-3}`, Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_seed"`}},
		{Name: "malformed JSON", Method: "POST", Path: p, Body: `{"size":4,`, Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_json"`}},
		{Name: "unknown field", Method: "POST", Path: p, Body: `{"size":4,"balance":"genius","colour":"red"}`, Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"unknown_field"`}},
		{Name: "wrong type", Method: "POST", Path: p, Body: `{"size":"four","balance":"genius"}`, Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"wrong_type"`}},
		{Name: "two objects", Method: "POST", Path: p, Body: `{"size":4,"balance":"genius"}{}`, Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"trailing_data"`}},
		{Name: "not UTF-8", Method: "POST", Path: p, Body: "{\"size\":4,\"balance\":\"gen\xffius\"}", Client: w.teacher, WantStatus: 400, WantContent: []string{`"code":"bad_encoding"`}},
		{Name: "too large", Method: "POST", Path: p, Body: `{"size":4,"balance":"` + strings.Repeat("x", 20000) + `"}`, Client: w.teacher, WantStatus: 413},
		{Name: "not JSON", Method: "POST", Path: p, Body: `size=4`, Header: map[string]string{"Content-Type": "text/plain"}, Client: w.teacher, WantStatus: 415},
		{Name: "no CSRF header", Method: "POST", Path: p, Body: `{"size":4,"balance":"genius"}`, Header: map[string]string{"X-CSRF-Token": ""}, Client: w.teacher, WantStatus: 403},
	})
}

func TestInsightAPIGroupings(t *testing.T) {
	w := newInsightWorld(t)
	p := w.base + "/groupings"
	gid := w.saveGrouping(t, w.teacher, w.base, "Science teams", [][]int64{{w.maya, w.ben}, {}, {w.abe}})
	otherGID := w.saveGrouping(t, w.other, w.otherBase, "Theirs", [][]int64{{w.otherStudent}})
	w.ta.Run([]apptest.Scenario{
		{Name: "list", Path: p, Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"name":"Science teams"`, `"groups":2`, `"students":3`}, NotContent: []string{"Theirs"}},
		{Name: "load", Path: fmt.Sprintf("%s/%d", p, gid), Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"name":"Science teams"`, `"members":[{"id":`, `"unassigned":[]`, `"left":0`}},
		{Name: "load another class's grouping", Path: fmt.Sprintf("%s/%d", p, otherGID), Client: w.teacher, WantStatus: 404,
			WantContent: []string{`"code":"not_found"`, "find those saved groups"}, NotContent: []string{"Theirs"}},
		{Name: "load a bad id", Path: p + "/x1", Client: w.teacher, WantStatus: 404},
		{Name: "save with another class's student", Method: "POST", Path: p, Client: w.teacher, WantStatus: 404,
			Body:        fmt.Sprintf(`{"name":"Mixed","size":2,"balance":"genius","seed":1,"groups":[[%d,%d]]}`, w.maya, w.otherStudent),
			WantContent: []string{`"code":"not_found"`, "find that student"}},
		{Name: "save a student twice", Method: "POST", Path: p, Client: w.teacher, WantStatus: 400,
			Body:        fmt.Sprintf(`{"name":"Twice","size":2,"balance":"genius","seed":1,"groups":[[%d],[%d]]}`, w.maya, w.maya),
			WantContent: []string{`"code":"duplicate_student"`}},
		{Name: "save without a name", Method: "POST", Path: p, Client: w.teacher, WantStatus: 400,
			Body: fmt.Sprintf(`{"name":" ","size":2,"balance":"genius","seed":1,"groups":[[%d]]}`, w.maya), WantContent: []string{`"code":"name_required"`}},
		{Name: "save an overlong name", Method: "POST", Path: p, Client: w.teacher, WantStatus: 400,
			Body: fmt.Sprintf(`{"name":"%s","size":2,"balance":"genius","seed":1,"groups":[[%d]]}`, strings.Repeat("n", 61), w.maya), WantContent: []string{`"code":"name_too_long"`}},
		{Name: "save with a bad size", Method: "POST", Path: p, Client: w.teacher, WantStatus: 400,
			Body: fmt.Sprintf(`{"name":"A","size":8,"balance":"genius","seed":1,"groups":[[%d]]}`, w.maya), WantContent: []string{`"code":"bad_size"`}},
		{Name: "save with groups of the wrong type", Method: "POST", Path: p, Client: w.teacher, WantStatus: 400,
			Body: `{"name":"A","size":2,"balance":"genius","seed":1,"groups":[["maya"]]}`, WantContent: []string{`"code":"wrong_type"`}},
		{Name: "save nobody", Method: "POST", Path: p, Client: w.teacher, WantStatus: 400,
			Body: `{"name":"A","size":2,"balance":"genius","seed":1,"groups":[[],[]]}`, WantContent: []string{`"code":"no_groups"`}},
		{Name: "delete another class's grouping", Method: "DELETE", Path: fmt.Sprintf("%s/%d", p, otherGID), Client: w.teacher, WantStatus: 404},
		{Name: "delete", Method: "DELETE", Path: fmt.Sprintf("%s/%d", p, gid), Client: w.teacher, WantStatus: 204},
		{Name: "delete again", Method: "DELETE", Path: fmt.Sprintf("%s/%d", p, gid), Client: w.teacher, WantStatus: 404},
	})
	if n := w.ta.Count(`SELECT count(*) FROM insight_groupings`); n != 1 {
		t.Fatalf("%d groupings left, want only the other teacher's", n)
	}
}

func TestInsightAPIExports(t *testing.T) {
	w := newInsightWorld(t)
	w.ta.InsightStudent(w.class, "=HYPERLINK", "ENFJ", "elephant", "feeler", "auditory")
	w.saveGrouping(t, w.teacher, w.base, "Teams", [][]int64{{w.maya, w.ben}})
	req, _ := http.NewRequest("GET", w.ta.URL+w.base+"/export.csv", nil)
	status, h, body := apptest.Do(t, w.teacher, req)
	if status != 200 || !strings.HasPrefix(body, "\ufeffName,Finished,") || !strings.Contains(h.Get("Content-Type"), "text/csv") ||
		h.Get("Content-Disposition") != `attachment; filename="room-7-students.csv"` {
		t.Fatalf("csv: %d %v %.200q", status, h, body)
	}
	if !strings.Contains(body, "\r\n'=HYPERLINK T.,yes,Elephant") || !strings.Contains(body, "Abe T.,no,") {
		t.Fatalf("csv rows: %q", body)
	}
	req, _ = http.NewRequest("GET", w.ta.URL+w.base+"/export.json", nil)
	status, h, body = apptest.Do(t, w.teacher, req)
	var ex insight.ClassExport
	if status != 200 || json.Unmarshal([]byte(body), &ex) != nil || h.Get("Content-Disposition") != `attachment; filename="room-7-all-data.json"` {
		t.Fatalf("json: %d %v %.300s", status, h, body)
	}
	if ex.Class.Name != "Room 7" || ex.Class.Code != "ABCDEF" || len(ex.Students) != 4 || len(ex.Groupings) != 1 || ex.Format == "" {
		t.Fatalf("export %+v", ex)
	}
	for _, s := range ex.Students {
		if s.Name == "Zed T." {
			t.Fatal("another class's student in the export")
		}
		if (s.Current == nil) != (s.Name == "Abe T.") || s.History == nil || s.Coinbook == nil {
			t.Fatalf("student %+v", s)
		}
	}
}

func TestInsightAPIBoardFresh(t *testing.T) {
	w := newInsightWorld(t)
	w.ta.Run([]apptest.Scenario{
		{Name: "start fresh", Method: "POST", Path: w.base + "/board/fresh", Client: w.teacher, WantStatus: 200,
			WantContent: []string{`"arrivals":[]`, `"freshSince":"20`}},
		{Name: "start fresh with a body", Method: "POST", Path: w.base + "/board/fresh", Body: `{"x":1}`, Client: w.teacher, WantStatus: 400,
			WantContent: []string{`"code":"unexpected_body"`}},
	})
	w.ta.InsightStudent(w.class, "Cleo", "ISFJ", "beaver", "doer", "visual")
	w.ta.Run([]apptest.Scenario{
		{Name: "only the newcomer", Path: w.base + "/board", Client: w.teacher, WantStatus: 200,
			WantContent: []string{"Cleo"}, NotContent: []string{"Maya", "Ben"}},
		{Name: "roster keeps everyone", Path: w.base + "/roster", Client: w.teacher, WantStatus: 200, WantContent: []string{"Maya", "Ben", "Cleo"}},
		{Name: "show everyone", Method: "DELETE", Path: w.base + "/board/fresh", Client: w.teacher, WantStatus: 200,
			WantContent: []string{"Maya", "Ben", "Cleo", `"freshSince":null`}},
	})
}
