package web_test

import (
	"fmt"
	pngpkg "image/png"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/web"
)

func TestClassesHappyPath(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	if len(cl.Code) != 6 || cl.JoinURL != app.URL+"/join/"+cl.Code || cl.Students != 0 {
		t.Fatalf("class %+v", cl)
	}
	kid, st := app.Join(strings.ToLower(cl.Code), "maya", "r.", apptest.AnswersAt("ESTP", "visual"))
	if st.Name != "Maya R." || st.Coins != 50 || st.Result == nil || st.Result.Animal != "otter" || !strings.HasPrefix(st.PassportCode, "OTT-") {
		t.Fatalf("student %+v", st)
	}
	status, body := app.Call(kid, http.MethodGet, "/api/v1/student/me", "")
	if status != 200 || !strings.Contains(body, st.PassportCode) || !strings.Contains(body, `"tagline"`) {
		t.Fatalf("me: %d %s", status, body)
	}
	status, body = app.Call(ana, http.MethodGet, "/api/v1/classes/"+itoa(cl.ID)+"/roster", "")
	if status != 200 || !strings.Contains(body, `"passportCode":"`+st.PassportCode+`"`) {
		t.Fatalf("roster: %d %s", status, body)
	}
}

// Bad input on class creation and editing: a clear error, nothing changed.
func TestClassesBadInput(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	before := app.Snapshot()
	p := "/api/v1/classes"
	one := p + "/" + itoa(cl.ID)
	long := strings.Repeat("x", 200)
	app.Run([]apptest.Scenario{
		{Name: "no session", Method: "POST", Path: p, Body: `{"name":"A"}`, Client: app.NewClient(), WantStatus: 401, WantContent: []string{`"login_required"`}},
		{Name: "no session list", Path: p, Client: app.NewClient(), WantStatus: 401},
		{Name: "malformed", Method: "POST", Path: p, Body: `{"name":`, Client: ana, WantStatus: 400, WantContent: []string{`"bad_json"`}},
		{Name: "not an object", Method: "POST", Path: p, Body: `["Room"]`, Client: ana, WantStatus: 400},
		{Name: "unknown field", Method: "POST", Path: p, Body: `{"name":"A","teacherId":2}`, Client: ana, WantStatus: 400, WantContent: []string{`"unknown_field"`}},
		{Name: "wrong type", Method: "POST", Path: p, Body: `{"name":"A","grade":"six"}`, Client: ana, WantStatus: 400, WantContent: []string{`"wrong_type"`}},
		{Name: "trailing data", Method: "POST", Path: p, Body: `{"name":"A"} {}`, Client: ana, WantStatus: 400},
		{Name: "empty name", Method: "POST", Path: p, Body: `{"name":"   "}`, Client: ana, WantStatus: 400, WantContent: []string{`"name"`}},
		{Name: "long name", Method: "POST", Path: p, Body: `{"name":"` + long + `"}`, Client: ana, WantStatus: 400, WantContent: []string{"too long"}},
		{Name: "markup name", Method: "POST", Path: p, Body: `{"name":"<b>Room</b>"}`, Client: ana, WantStatus: 400},
		{Name: "control character", Method: "POST", Path: p, Body: `{"name":"Room\u0000"}`, Client: ana, WantStatus: 400},
		{Name: "bad icon", Method: "POST", Path: p, Body: `{"name":"A","icon":"dragon"}`, Client: ana, WantStatus: 400, WantContent: []string{`"icon"`}},
		{Name: "bad colour", Method: "POST", Path: p, Body: `{"name":"A","colour":"red"}`, Client: ana, WantStatus: 400, WantContent: []string{`"colour"`}},
		{Name: "bad grade", Method: "POST", Path: p, Body: `{"name":"A","grade":13}`, Client: ana, WantStatus: 400},
		{Name: "negative seats", Method: "POST", Path: p, Body: `{"name":"A","seatLimit":-1}`, Client: ana, WantStatus: 400},
		{Name: "too many seats", Method: "POST", Path: p, Body: `{"name":"A","seatLimit":5000}`, Client: ana, WantStatus: 400},
		{Name: "not JSON", Method: "POST", Path: p, Body: `name=A`, Client: ana, Header: map[string]string{"Content-Type": "application/x-www-form-urlencoded"}, WantStatus: 415},
		{Name: "no CSRF header", Method: "POST", Path: p, Body: `{"name":"A"}`, Client: ana, Header: map[string]string{"X-CSRF-Token": ""}, WantStatus: 403},
		{Name: "non-UTF-8", Method: "POST", Path: p, Body: "{\"name\":\"\xff\xfe\"}", Client: ana, WantStatus: 400},
		{Name: "empty patch", Method: "PATCH", Path: one, Body: `{}`, Client: ana, WantStatus: 400},
		{Name: "patch unknown field", Method: "PATCH", Path: one, Body: `{"code":"AAAAAA"}`, Client: ana, WantStatus: 400},
		{Name: "patch bad name", Method: "PATCH", Path: one, Body: `{"name":""}`, Client: ana, WantStatus: 400},
		{Name: "patch retakes wrong type", Method: "PATCH", Path: one, Body: `{"allowRetakes":"yes"}`, Client: ana, WantStatus: 400},
		{Name: "delete without confirmation", Method: "DELETE", Path: one, Body: `{}`, Client: ana, WantStatus: 400, WantContent: []string{`"confirm_mismatch"`}},
		{Name: "delete wrong name", Method: "DELETE", Path: one, Body: `{"confirm":"Room 8"}`, Client: ana, WantStatus: 400},
		{Name: "qr size too big", Path: one + "/qr.png?size=99999", Client: ana, WantStatus: 400},
		{Name: "qr size not a number", Path: one + "/qr.png?size=big", Client: ana, WantStatus: 400},
	})
	if after := app.Snapshot(); after != before {
		t.Fatalf("bad input changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// Another teacher's class id answers 404 on every class endpoint (ids are
// not confirmed), and changes nothing; an admin may reach any class.
func TestClassesOtherTeachersGet404(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	_, ben := app.Teacher("ben@hill.school")
	_, root := app.Admin("root@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	_, st := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("INFP", "visual"))
	one := "/api/v1/classes/" + itoa(cl.ID)
	var scenarios []apptest.Scenario
	for _, path := range []string{one, "/api/v1/classes/999999", "/api/v1/classes/abc", "/api/v1/classes/0", "/api/v1/classes/-4",
		"/api/v1/classes/99999999999999999999999"} {
		for _, r := range []struct{ method, suffix, body string }{
			{"GET", "", ""}, {"PATCH", "", `{"name":"Mine now"}`}, {"DELETE", "", `{"confirm":"Room 7"}`},
			{"POST", "/archive", ""}, {"POST", "/unarchive", ""}, {"POST", "/code", ""},
			{"GET", "/qr.svg", ""}, {"GET", "/qr.png", ""},
			{"POST", "/students/" + itoa(st.ID) + "/passport", ""}, {"DELETE", "/students/" + itoa(st.ID), ""},
			// The economy and insight pages of a class answer the same.
			{"GET", "/economy", ""}, {"PUT", "/store", `{"open":true}`}, {"POST", "/coins", `{"all":true,"amount":5,"action":"give"}`},
			{"GET", "/students/" + itoa(st.ID) + "/ledger", ""}, {"GET", "/students/" + itoa(st.ID) + "/avatar.svg", ""},
			{"GET", "/roster", ""}, {"GET", "/analytics", ""}, {"GET", "/pairings", ""}, {"GET", "/groupings", ""},
			{"GET", "/students/" + itoa(st.ID) + "/profile", ""}, {"GET", "/export.csv", ""}, {"GET", "/board", ""},
		} {
			scenarios = append(scenarios, apptest.Scenario{Name: r.method + " " + path + r.suffix, Method: r.method, Path: path + r.suffix,
				Body: r.body, Header: apptest.Key("ben"), Client: ben, WantStatus: 404,
				WantContent: []string{`"code":"not_found"`, "find that class"}, NotContent: []string{st.PassportCode, cl.Code, "Maya"}})
		}
	}
	// A student id of another class under Ana's own class is not found either.
	other := app.CreateClass(ana, "Room 8")
	scenarios = append(scenarios,
		apptest.Scenario{Name: "student of another class", Method: "POST", Path: "/api/v1/classes/" + itoa(other.ID) + "/students/" + itoa(st.ID) + "/passport", Client: ana, WantStatus: 404},
		apptest.Scenario{Name: "remove student of another class", Method: "DELETE", Path: "/api/v1/classes/" + itoa(other.ID) + "/students/" + itoa(st.ID), Client: ana, WantStatus: 404},
		apptest.Scenario{Name: "bad student id", Method: "DELETE", Path: one + "/students/x", Client: ana, WantStatus: 404},
	)
	before := app.Snapshot()
	app.Run(scenarios)
	if after := app.Snapshot(); after != before {
		t.Fatalf("another teacher changed the database:\nbefore %s\nafter  %s", before, after)
	}
	app.Run([]apptest.Scenario{
		{Name: "ben lists none", Path: "/api/v1/classes", Client: ben, WantStatus: 200, WantContent: []string{`"classes":[]`}},
		{Name: "ben asking for all still gets his own", Path: "/api/v1/classes?all=1", Client: ben, WantStatus: 200, WantContent: []string{`"classes":[]`}},
		{Name: "admin lists all", Path: "/api/v1/classes?all=1", Client: root, WantStatus: 200, WantContent: []string{"Room 7", "Room 8", "Teacher ana"}},
		{Name: "admin reads the roster", Path: one + "/roster", Client: root, WantStatus: 200, WantContent: []string{`"passportCode":"` + st.PassportCode}},
	})
}

func TestClassLifecycle(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Server.PublicURL = "https://ag.hill.school/" })
	app.CreateAccount("root@hill.school", "admin") // so the check has nothing to say about accounts
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	one := "/api/v1/classes/" + itoa(cl.ID)
	if cl.JoinURL != "https://ag.hill.school/join/"+cl.Code {
		t.Fatalf("join URL with public_url: %q", cl.JoinURL)
	}
	// The QR codes hold the full join link.
	wantSVG, _ := web.QRSVG(cl.JoinURL)
	status, hdr, svg := app.Get(one+"/qr.svg", "Cookie", cookieHeader(app, ana))
	if status != 200 || hdr.Get("Content-Type") != "image/svg+xml" || svg != wantSVG {
		t.Fatalf("qr.svg: %d %s (%d bytes, matches the join link: %v)", status, hdr.Get("Content-Type"), len(svg), svg == wantSVG)
	}
	status, hdr, png := app.Get(one+"/qr.png", "Cookie", cookieHeader(app, ana))
	img, err := pngpkg.Decode(strings.NewReader(png))
	if status != 200 || hdr.Get("Content-Type") != "image/png" || err != nil || img.Bounds().Dx() < 900 {
		t.Fatalf("qr.png: %d %s %v (a projector needs about 1024 px)", status, hdr.Get("Content-Type"), err)
	}

	kid, st := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("INFP", "visual"))
	// Seat limit below the students already in: refused.
	app.Run([]apptest.Scenario{
		{Name: "seat limit too small", Method: "PATCH", Path: one, Body: `{"seatLimit":0}`, Client: ana, WantStatus: 200},
		{Name: "retakes on", Method: "PATCH", Path: one, Body: `{"allowRetakes":true,"name":"Room 7B"}`, Client: ana, WantStatus: 200, WantContent: []string{`"allowRetakes":true`, "Room 7B"}},
	})
	app.CreateClassStudents(cl.Code, 2)
	app.Run([]apptest.Scenario{{Name: "seat limit below students", Method: "PATCH", Path: one, Body: `{"seatLimit":2}`, Client: ana, WantStatus: 409, WantContent: []string{"seat_limit_too_small"}}})

	// A new class code: the old one stops working, the new one works.
	old := cl.Code
	status, body := app.Call(ana, "POST", one+"/code", "")
	var rot struct{ Class apptest.Class }
	apptest.Decode(t, body, &rot)
	if status != 200 || rot.Class.Code == old || len(rot.Class.Code) != 6 {
		t.Fatalf("rotate: %d %s", status, body)
	}
	app.Run([]apptest.Scenario{
		{Name: "old code", Path: "/api/v1/join/" + old, Client: app.NewClient(), WantStatus: 404, WantContent: []string{"class_not_found"}},
		{Name: "new code", Path: "/api/v1/join/" + rot.Class.Code, Client: app.NewClient(), WantStatus: 200, WantContent: []string{"Room 7B"}, NotContent: []string{st.PassportCode}},
	})

	// Archive: read-only, nobody joins, students still log in.
	app.Run([]apptest.Scenario{
		{Name: "archive", Method: "POST", Path: one + "/archive", Client: ana, WantStatus: 200, WantContent: []string{`"archived":true`}},
		{Name: "edit archived", Method: "PATCH", Path: one, Body: `{"name":"X"}`, Client: ana, WantStatus: 409, WantContent: []string{"class_archived"}},
		{Name: "rotate archived", Method: "POST", Path: one + "/code", Client: ana, WantStatus: 409},
		{Name: "join archived", Path: "/api/v1/join/" + rot.Class.Code, Client: app.NewClient(), WantStatus: 409, WantContent: []string{"class_closed"}},
		{Name: "passport login still works", Method: "POST", Path: "/api/v1/passport/login", Body: `{"passportCode":"` + st.PassportCode + `"}`, Client: app.NewClient(), WantStatus: 200},
		{Name: "unarchive", Method: "POST", Path: one + "/unarchive", Client: ana, WantStatus: 200, WantContent: []string{`"archived":false`}},
	})

	// Delete with the typed name (any case): everything goes, sessions end.
	app.Run([]apptest.Scenario{
		{Name: "delete", Method: "DELETE", Path: one, Body: `{"confirm":"  room 7b "}`, Client: ana, WantStatus: 204},
		{Name: "gone", Path: one, Client: ana, WantStatus: 404},
		{Name: "student session ended", Path: "/api/v1/student/me", Client: kid, WantStatus: 401},
		{Name: "join deleted class", Path: "/api/v1/join/" + rot.Class.Code, Client: app.NewClient(), WantStatus: 404},
		{Name: "passport of a deleted student", Method: "POST", Path: "/api/v1/passport/login", Body: `{"passportCode":"` + st.PassportCode + `"}`, Client: app.NewClient(), WantStatus: 401},
	})
	for _, table := range []string{"classes", "students", "quiz_results", "coin_ledger"} {
		if n := app.CountRows(table); n != 0 {
			t.Errorf("%d rows left in %s", n, table)
		}
	}
	if problems, err := app.App.Store().Check(t.Context()); err != nil || len(problems) != 0 {
		t.Errorf("check after delete: %v %v", problems, err)
	}
}

// cookieHeader is the Cookie header c would send to the app.
func cookieHeader(app *apptest.App, c *http.Client) string {
	var parts []string
	for _, ck := range c.Jar.Cookies(apptest.MustURL(app.URL)) {
		parts = append(parts, fmt.Sprintf("%s=%s", ck.Name, ck.Value))
	}
	return strings.Join(parts, "; ")
}
