package web_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// The class list (the teacher's home) is a kept answer: every change of
// what it shows, made through the API, shows in the very next GET. After
// each change every viewer's list is checked against the database (which
// classes, in which order) and each class in it against GET
// /classes/:id, which reads the class afresh; then the change itself is
// looked for. A teacher sees only their classes, with ?all=1 too; an
// admin sees their own, and every class with ?all=1.
func TestClassListFollowsEveryChange(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) {
		c.Retention.ArchivedClassDays, c.Retention.ArchivedClassWarnDays = 30, 29
	})
	admin, adminClient := app.Admin("root@hill.school")
	ana, anaClient := app.Teacher("ana@hill.school")
	ben, benClient := app.Teacher("ben@hill.school")

	type viewer struct {
		name   string
		client *http.Client
		id     int64 // 0: every class (?all=1)
		query  string
	}
	viewers := []viewer{
		{"ana", anaClient, ana.ID, ""}, {"ana asking for all", anaClient, ana.ID, "?all=1"},
		{"ben", benClient, ben.ID, ""}, {"admin", adminClient, admin.ID, ""}, {"admin, all", adminClient, 0, "?all=1"},
	}
	type entry map[string]json.RawMessage
	list := func(c *http.Client, query string, host ...string) []entry {
		t.Helper()
		req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/v1/classes"+query, nil)
		if len(host) > 0 {
			// The client's jar keys cookies by Host: send them by hand.
			req.Host = host[0]
			for _, ck := range c.Jar.Cookies(req.URL) {
				req.AddCookie(ck)
			}
			c = &http.Client{}
		}
		status, _, body := apptest.Do(t, c, req)
		if status != http.StatusOK {
			t.Fatalf("class list%s: %d %s", query, status, body)
		}
		var v struct{ Classes []json.RawMessage }
		apptest.Decode(t, body, &v)
		out := make([]entry, len(v.Classes))
		for i, raw := range v.Classes {
			apptest.Decode(t, string(raw), &out[i])
			out[i]["raw"] = raw
		}
		return out
	}
	// check compares every viewer's list with the database and with the
	// class read afresh, and returns ana's and the admin's whole-box list.
	check := func(step string) (anaList, all []entry) {
		t.Helper()
		for _, v := range viewers {
			got := list(v.client, v.query)
			rows, err := app.App.Store().Reader.Query(`SELECT id FROM classes WHERE ?1 = 0 OR teacher_id = ?1
				ORDER BY archived_at IS NOT NULL, id DESC`, v.id)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for rows.Next() {
				var id int64
				rows.Scan(&id)
				want = append(want, fmt.Sprint(id))
			}
			rows.Close()
			var ids []string
			for _, e := range got {
				ids = append(ids, string(e["id"]))
			}
			if strings.Join(ids, ",") != strings.Join(want, ",") {
				t.Fatalf("%s: %s's list has classes %v, the database %v", step, v.name, ids, want)
			}
			for _, e := range got {
				status, body := app.Call(v.client, http.MethodGet, "/api/v1/classes/"+string(e["id"]), "")
				var one struct{ Class json.RawMessage }
				apptest.Decode(t, body, &one)
				if status != http.StatusOK || !bytes.Equal(one.Class, e["raw"]) {
					t.Fatalf("%s: %s's list is stale:\nlist  %s\nfresh %d %s", step, v.name, e["raw"], status, one.Class)
				}
			}
			switch v.name {
			case "ana":
				anaList = got
			case "admin, all":
				all = got
			}
		}
		return anaList, all
	}
	field := func(es []entry, id int64, name string) string {
		for _, e := range es {
			if string(e["id"]) == fmt.Sprint(id) {
				return string(e[name])
			}
		}
		return "(no class)"
	}
	call := func(c *http.Client, method, path, body string, want int) string {
		t.Helper()
		status, got := app.Call(c, method, path, body)
		if status != want {
			t.Fatalf("%s %s: %d %s", method, path, status, got)
		}
		return got
	}

	check("at the start")
	room := app.CreateClass(anaClient, "Room 1")
	anaList, all := check("ana made a class")
	if field(anaList, room.ID, "name") != `"Room 1"` || field(all, room.ID, "students") != "0" {
		t.Fatalf("new class: %v", anaList)
	}
	bens := app.CreateClass(benClient, "Ben's room")
	check("ben made a class")
	one := "/api/v1/classes/" + itoa(room.ID)
	for _, p := range []struct{ body, field, want string }{
		{`{"name":"Room 2"}`, "name", `"Room 2"`},
		{`{"grade":4}`, "grade", "4"},
		{`{"icon":"otter"}`, "icon", `"otter"`},
		{`{"colour":"#DC2626"}`, "colour", `"#DC2626"`},
		{`{"seatLimit":25}`, "seatLimit", "25"},
		{`{"allowRetakes":true}`, "allowRetakes", "true"},
	} {
		call(anaClient, http.MethodPatch, one, p.body, http.StatusOK)
		anaList, all = check("ana changed " + p.field)
		if field(anaList, room.ID, p.field) != p.want || field(all, room.ID, p.field) != p.want {
			t.Fatalf("after %s: ana sees %s, the admin %s", p.body, field(anaList, room.ID, p.field), field(all, room.ID, p.field))
		}
	}
	call(anaClient, http.MethodPost, one+"/code", "", http.StatusOK)
	anaList, _ = check("ana rotated the code")
	if code := field(anaList, room.ID, "code"); code == `"`+room.Code+`"` || !strings.Contains(field(anaList, room.ID, "joinUrl"), strings.Trim(code, `"`)) {
		t.Fatalf("after the rotation: code %s, link %s", code, field(anaList, room.ID, "joinUrl"))
	}
	var code string
	apptest.Decode(t, field(anaList, room.ID, "code"), &code)

	app.Join(code, "Maya", "R", apptest.AnswersAt("INFP", "visual"))
	_, leo := app.Join(code, "Leo", "B", apptest.AnswersAt("ESTJ", "auditory"))
	anaList, all = check("two students joined")
	if field(anaList, room.ID, "students") != "2" || field(all, room.ID, "students") != "2" {
		t.Fatalf("after two joins: %s students", field(anaList, room.ID, "students"))
	}
	call(anaClient, http.MethodDelete, fmt.Sprintf("%s/students/%d", one, leo.ID), "", http.StatusNoContent)
	anaList, _ = check("ana removed a student")
	if field(anaList, room.ID, "students") != "1" {
		t.Fatalf("after the removal: %s students", field(anaList, room.ID, "students"))
	}

	call(anaClient, http.MethodPatch, "/api/v1/account", `{"displayName":"Ana Hill"}`, http.StatusOK)
	anaList, all = check("ana renamed herself")
	if field(anaList, room.ID, "teacherName") != `"Ana Hill"` || field(all, room.ID, "teacherName") != `"Ana Hill"` {
		t.Fatalf("after the rename: %s", field(all, room.ID, "teacherName"))
	}

	call(anaClient, http.MethodPost, one+"/archive", "", http.StatusOK)
	anaList, all = check("ana archived the class")
	if field(anaList, room.ID, "archived") != "true" || field(all, room.ID, "studentsDeletedAt") == "" ||
		field(anaList, room.ID, "archivedAt") == "" || field(anaList, room.ID, "deletionWarning") != "" {
		t.Fatalf("archived: %s", field(anaList, room.ID, "raw"))
	}
	call(anaClient, http.MethodPost, one+"/unarchive", "", http.StatusOK)
	anaList, _ = check("ana brought the class back")
	if field(anaList, room.ID, "archived") != "false" || field(anaList, room.ID, "studentsDeletedAt") != "" {
		t.Fatalf("brought back: %s", field(anaList, room.ID, "raw"))
	}

	// Archived 29 days ago (set in the database, which nothing tells the
	// list): the next change that drops it shows the deletion warning.
	call(anaClient, http.MethodPost, one+"/archive", "", http.StatusOK)
	check("archived again")
	if _, err := app.App.Store().Writer.Exec(`UPDATE classes SET archived_at = archived_at - 29*86400000 - 60000 WHERE id = ?`, room.ID); err != nil {
		t.Fatal(err)
	}
	call(anaClient, http.MethodPatch, "/api/v1/account", `{"displayName":"Ana H."}`, http.StatusOK)
	anaList, _ = check("29 days later, ana renamed herself again")
	if field(anaList, room.ID, "deletionWarning") != "true" {
		t.Fatalf("no deletion warning: %s", field(anaList, room.ID, "raw"))
	}
	if _, err := app.App.Store().Writer.Exec(`UPDATE classes SET archived_at = archived_at - 2*86400000 WHERE id = ?`, room.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := app.App.RunClassRetention(t.Context()); err != nil {
		t.Fatal(err)
	}
	anaList, _ = check("retention deleted the archived class's students")
	if field(anaList, room.ID, "students") != "0" {
		t.Fatalf("after retention: %s students", field(anaList, room.ID, "students"))
	}

	// A second base for the links: each base has its own answer.
	other := list(anaClient, "", "box.hill.school:8080")
	if !strings.HasPrefix(field(other, room.ID, "joinUrl"), `"http://box.hill.school:8080/join/`) {
		t.Fatalf("link for another host: %s", field(other, room.ID, "joinUrl"))
	}
	if again := list(anaClient, ""); field(again, room.ID, "joinUrl") == field(other, room.ID, "joinUrl") {
		t.Fatalf("the other host's link was served to this one: %s", field(again, room.ID, "joinUrl"))
	}

	// Ben's account deleted with ana as heir: his class is hers now.
	call(adminClient, http.MethodDelete, fmt.Sprintf("/api/v1/admin/accounts/%d", ben.ID),
		fmt.Sprintf(`{"confirm":"ben@hill.school","heirId":%d}`, ana.ID), http.StatusNoContent)
	viewers = append(viewers[:2], viewers[3:]...)
	anaList, all = check("ben's account was deleted, his class handed to ana")
	if field(anaList, bens.ID, "teacherName") != `"Ana H."` || field(all, bens.ID, "teacherId") != fmt.Sprint(ana.ID) {
		t.Fatalf("handed class: %s", field(anaList, bens.ID, "raw"))
	}

	mine := app.CreateClass(adminClient, "Admin's club")
	_, all = check("the admin made a class")
	if field(all, mine.ID, "name") != `"Admin's club"` {
		t.Fatalf("admin's class missing from every class: %v", all)
	}
	call(anaClient, http.MethodDelete, one, `{"confirm":"Room 2"}`, http.StatusNoContent)
	_, all = check("ana deleted her class")
	if field(all, room.ID, "name") != "(no class)" {
		t.Fatalf("deleted class still listed: %s", field(all, room.ID, "raw"))
	}
}
