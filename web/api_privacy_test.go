package web_test

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/game"
	"animalgenius/app/privacy"
)

// privacySnapshot is what the privacy endpoints may change: names, games,
// players and audit lines.
func privacySnapshot(ta *apptest.App) string {
	ta.T.Helper()
	var names string
	ta.App.Store().Reader.QueryRow(`SELECT COALESCE(group_concat(first_name || ' ' || last_initial, ','), '') FROM students`).Scan(&names)
	return ta.Snapshot() + fmt.Sprintf(" names=[%s] games=%d players=%d audit=%d", names,
		ta.CountRows("games"), ta.CountRows("game_players"), ta.CountRows("audit_log"))
}

// A finished game the students of kids played in, made in the store.
func finishedGame(ta *apptest.App, hostID int64, pin string, kids ...int64) int64 {
	ta.T.Helper()
	ctx, now := context.Background(), time.Now()
	qs := []game.Question{{Text: "Which animal is the tallest?", Options: []string{"Giraffe", "Mouse"}, Correct: 0, Seconds: 10}}
	id, err := ta.App.Store().CreateGame(ctx, game.NewGame{PIN: pin, HostID: hostID, Title: "Animal facts", Mode: game.Individual, Questions: qs, CreatedAt: now})
	if err != nil {
		ta.T.Fatal(err)
	}
	players := []game.PlayerRecord{{No: 1, Nickname: "Guest", Rank: 1, JoinedAt: now}}
	for i, k := range kids {
		players = append(players, game.PlayerRecord{No: i + 2, Nickname: fmt.Sprintf("Kid %c", 'A'+i), StudentID: k, Rank: i + 2, JoinedAt: now})
	}
	if err := ta.App.Store().FinishGame(ctx, game.Final{GameID: id, Status: "ended", EndedAt: now, Players: players}); err != nil {
		ta.T.Fatal(err)
	}
	return id
}

// Name correction, the first-name-only rule, deleting game results and
// the audit lines of actions on student data, with their refusals.
func TestPrivacyAPI(t *testing.T) {
	app := apptest.Start(t, nil)
	_, admin := app.Admin("root@hill.school")
	ana, tc := app.Teacher("ana@hill.school")
	ben, other := app.Teacher("ben@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	_, zel := app.Join(cl.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	_, leo := app.Join(cl.Code, "Leo", "K", apptest.AnswersAt("INFP", "visual"))
	gameID := finishedGame(app, ana.ID, "135791", zel.ID, leo.ID)
	bensGame := finishedGame(app, ben.ID, "975310")
	student := fmt.Sprintf("/api/v1/classes/%d/students/%d", cl.ID, zel.ID)
	check := "/api/v1/join/" + cl.Code + "/check"

	zc := app.StudentClient(zel.ID)
	before := privacySnapshot(app)
	app.Run([]apptest.Scenario{
		// The first-name box at the door.
		{Name: "first and last name", Method: "POST", Path: check, Body: `{"firstName":"Zelmira Quintanilla","lastInitial":"Q"}`, Client: app.NewClient(),
			WantStatus: 400, WantContent: []string{`"just_first_name"`, "Just your first name, please", `"firstName"`}},
		{Name: "two-word first name, not confirmed", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/submit", Body: apptest.SubmitBody("Ana Sofia", "R", apptest.AnswersAt("ESTJ", "visual")),
			Header: map[string]string{"Idempotency-Key": apptest.NewKey()}, Client: app.NewClient(), WantStatus: 400, WantContent: []string{`"just_first_name"`}},
		{Name: "two-word first name, confirmed", Method: "POST", Path: check, Body: `{"firstName":"ana sofia","lastInitial":"R","firstNameConfirmed":true}`, Client: app.NewClient(),
			WantStatus: 200, WantContent: []string{`"display":"Ana Sofia R."`}},

		// Name correction: the rules of joining, the teacher's own students only.
		// Said to the teacher, not to a pupil ("your name").
		{Name: "rename: digits", Method: "PATCH", Path: student, Body: `{"firstName":"Z3lmira","lastInitial":"Q"}`, Client: tc, WantStatus: 400,
			WantContent: []string{"numbers", "the pupil's first name"}, NotContent: []string{"your"}},
		{Name: "rename: surname", Method: "PATCH", Path: student, Body: `{"firstName":"Zelmira Quintanilla","lastInitial":"Q"}`, Client: tc, WantStatus: 400,
			WantContent: []string{"just_first_name", "the pupil's first name"}, NotContent: []string{"your"}},
		{Name: "rename: no initial", Method: "PATCH", Path: student, Body: `{"firstName":"Zelmira","lastInitial":""}`, Client: tc, WantStatus: 400,
			WantContent: []string{"the pupil's last name"}, NotContent: []string{"your"}},
		{Name: "rename: taken", Method: "PATCH", Path: student, Body: `{"firstName":"leo","lastInitial":"k"}`, Client: tc, WantStatus: 409, WantContent: []string{"name_taken", `"suggestion"`, "Another student"},
			NotContent: []string{"passport code", "your last name"}},
		{Name: "rename: unknown field", Method: "PATCH", Path: student, Body: `{"firstName":"Zel","lastInitial":"Q","coins":5}`, Client: tc, WantStatus: 400, WantContent: []string{"unknown_field"}},
		{Name: "rename: malformed", Method: "PATCH", Path: student, Body: `{"firstName":`, Client: tc, WantStatus: 400},
		{Name: "rename: wrong type", Method: "PATCH", Path: student, Body: `{"firstName":7,"lastInitial":"Q"}`, Client: tc, WantStatus: 400},
		{Name: "rename: another teacher", Method: "PATCH", Path: student, Body: `{"firstName":"Zel","lastInitial":"Q"}`, Client: other, WantStatus: 404},
		{Name: "rename: no such student", Method: "PATCH", Path: fmt.Sprintf("/api/v1/classes/%d/students/999999", cl.ID), Body: `{"firstName":"Zel","lastInitial":"Q"}`, Client: tc, WantStatus: 404},
		{Name: "rename: bad id", Method: "PATCH", Path: fmt.Sprintf("/api/v1/classes/%d/students/abc", cl.ID), Body: `{"firstName":"Zel","lastInitial":"Q"}`, Client: tc, WantStatus: 404},
		{Name: "rename: signed out", Method: "PATCH", Path: student, Body: `{"firstName":"Zel","lastInitial":"Q"}`, Client: app.NewClient(), WantStatus: 401},
		{Name: "rename: student itself", Method: "PATCH", Path: student, Body: `{"firstName":"Zel","lastInitial":"Q"}`, Client: zc, WantStatus: 401},

		// Exports: the teacher's own students only.
		{Name: "export: another teacher", Path: student + "/export", Client: other, WantStatus: 404},
		{Name: "export: another class's student", Path: fmt.Sprintf("/api/v1/classes/%d/students/%d/export", cl.ID, 999999), Client: tc, WantStatus: 404},
		{Name: "export: the student itself", Path: student + "/export", Client: zc, WantStatus: 401},
		{Name: "school export: a teacher", Path: "/api/v1/admin/export", Client: tc, WantStatus: 403},

		// Game results.
		{Name: "delete another teacher's game", Method: "DELETE", Path: fmt.Sprintf("/api/v1/games/%d", bensGame), Client: tc, WantStatus: 404},
		{Name: "delete no such game", Method: "DELETE", Path: "/api/v1/games/999999", Client: tc, WantStatus: 404},
		{Name: "delete a bad game id", Method: "DELETE", Path: "/api/v1/games/x1", Client: tc, WantStatus: 404},
		{Name: "class plays of another teacher's class", Method: "DELETE", Path: fmt.Sprintf("/api/v1/classes/%d/game-plays", cl.ID), Client: other, WantStatus: 404},

		// The audit log's filters.
		{Name: "audit: bad class", Path: "/api/v1/admin/audit?class=abc", Client: admin, WantStatus: 400},
		{Name: "audit: negative student", Path: "/api/v1/admin/audit?student=-4", Client: admin, WantStatus: 400},
		{Name: "audit: a teacher", Path: "/api/v1/admin/audit?class=1", Client: tc, WantStatus: 403},
	})
	if after := privacySnapshot(app); after != before {
		t.Fatalf("refused requests changed the database:\nbefore %s\nafter  %s", before, after)
	}

	app.Run([]apptest.Scenario{
		{Name: "rename: a two-word first name, confirmed", Method: "PATCH", Path: student, Body: `{"firstName":"zelmira rose","lastInitial":"q.","firstNameConfirmed":true}`, Client: tc,
			WantStatus: 200, WantContent: []string{`"name":"Zelmira Rose Q."`, zel.PassportCode}},
		{Name: "the roster has the new name", Path: fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID), Client: tc, WantStatus: 200,
			WantContent: []string{"Zelmira Rose Q."}, NotContent: []string{`"Zelmira Q."`}},
		{Name: "the student keeps its coins and code", Path: "/api/v1/student/me", Client: zc, WantStatus: 200,
			WantContent: []string{"Zelmira Rose", zel.PassportCode}},
		{Name: "export", Path: student + "/export", Client: tc, WantStatus: 200,
			WantContent: []string{`"format":"animalgenius-student-export"`, `"name":"Zelmira Rose Q."`, zel.PassportCode, `"table":"quiz_results"`, `"table":"game_players"`, `"table":"sessions"`},
			NotContent:  []string{"Leo", `"token_hash":`}},
	})
	resp, err := tc.Get(app.URL + student + "/export?download=1")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || cd != fmt.Sprintf(`attachment; filename="student-%d-data.json"`, zel.ID) {
		t.Fatalf("export as a file: %d %q", resp.StatusCode, cd)
	}
	app.Run([]apptest.Scenario{
		{Name: "the class's all-data export holds each student's data", Path: fmt.Sprintf("/api/v1/classes/%d/export.json", cl.ID), Client: tc, WantStatus: 200,
			WantContent: []string{`"studentData":[`, `"table":"game_players"`, `"table":"sessions"`, `"table":"pets"`, `"user_agent"`, zel.PassportCode}},
		{Name: "delete the class's game plays", Method: "DELETE", Path: fmt.Sprintf("/api/v1/classes/%d/game-plays", cl.ID), Client: tc, WantStatus: 200, WantContent: []string{`"deleted":2`}},
		{Name: "the game keeps the guest only", Path: fmt.Sprintf("/api/v1/games/%d/results", gameID), Client: tc, WantStatus: 200,
			WantContent: []string{"Guest"}, NotContent: []string{"Kid A", "Kid B"}},
		{Name: "delete the game's results", Method: "DELETE", Path: fmt.Sprintf("/api/v1/games/%d", gameID), Client: tc, WantStatus: 204},
		{Name: "the game is gone", Path: fmt.Sprintf("/api/v1/games/%d/results", gameID), Client: tc, WantStatus: 404},
		{Name: "passport reissue", Method: "POST", Path: student + "/passport", Client: tc, WantStatus: 200},
		{Name: "coins given", Method: "POST", Path: fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID), Body: fmt.Sprintf(`{"studentIds":[%d],"amount":5,"action":"give","reason":"for helping Leo"}`, zel.ID),
			Header: map[string]string{"Idempotency-Key": apptest.NewKey()}, Client: tc, WantStatus: 200},
		{Name: "audit by student", Path: fmt.Sprintf("/api/v1/admin/audit?student=%d", zel.ID), Client: admin, WantStatus: 200,
			WantContent: []string{`"action":"student.rename"`, `"action":"student.export"`, `"action":"student.passport_reissue"`, `"action":"coins.give"`, `"detail":"5 coins given"`,
				`"studentName":"Zelmira Rose Q."`, `"actor":"ana@hill.school"`, `"ip":"127.0.0.1"`},
			NotContent: []string{"for helping", `"action":"game.results_delete"`, "Zelmira Q."}},
		{Name: "audit by class", Path: fmt.Sprintf("/api/v1/admin/audit?class=%d", cl.ID), Client: admin, WantStatus: 200,
			WantContent: []string{`"action":"class.game_results_delete"`, `"detail":"2 game plays deleted"`, `"action":"student.rename"`, `"action":"class.export"`}},
		{Name: "removal", Method: "DELETE", Path: student, Client: tc, WantStatus: 204},
		{Name: "audit after removal: the id stays, no name", Path: fmt.Sprintf("/api/v1/admin/audit?student=%d", zel.ID), Client: admin, WantStatus: 200,
			WantContent: []string{`"action":"student.remove"`}, NotContent: []string{"Zelmira"}},
	})
}

// The admin's whole-school export: one archive, a JSON file per class,
// accounts without password hashes, and a manifest with checksums.
func TestSchoolExportAPI(t *testing.T) {
	app := apptest.Start(t, nil)
	_, admin := app.Admin("root@hill.school")
	_, tc := app.Teacher("ana@hill.school")
	a := app.CreateClass(tc, "Room 7")
	b := app.CreateClass(tc, "Room 8")
	_, zel := app.Join(a.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	app.Join(b.Code, "Leo", "K", apptest.AnswersAt("INFP", "visual"))

	resp, err := admin.Get(app.URL + "/api/v1/admin/export")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), `attachment; filename="animalgenius-school-`) {
		t.Fatalf("export: %d %v", resp.StatusCode, resp.Header)
	}
	files := readTarGz(t, resp.Body)
	var m privacy.Manifest
	if err := json.Unmarshal(files["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Format != privacy.SchoolFormat || m.Classes != 2 || m.Students != 2 || len(m.Files) != 3 {
		t.Fatalf("manifest: %+v", m)
	}
	for _, f := range m.Files {
		if len(files[f.Name]) != f.Size {
			t.Errorf("%s: %d bytes, manifest says %d", f.Name, len(files[f.Name]), f.Size)
		}
	}
	var class privacy.ClassFile
	if err := json.Unmarshal(files[fmt.Sprintf("classes/%d.json", a.ID)], &class); err != nil {
		t.Fatal(err)
	}
	if len(class.Students) != 1 || class.Students[0].Name != "Zelmira Q." || class.Class["name"] != "Room 7" {
		t.Fatalf("class file: %+v", class)
	}
	if !strings.Contains(string(files[fmt.Sprintf("classes/%d.json", a.ID)]), zel.PassportCode) {
		t.Error("the class file lacks the passport code")
	}
	if strings.Contains(string(files["accounts.json"]), "argon2") || !strings.Contains(string(files["accounts.json"]), "ana@hill.school") {
		t.Errorf("accounts.json: %s", files["accounts.json"])
	}
	app.Run([]apptest.Scenario{{Name: "the export is audited", Path: "/api/v1/admin/audit", Client: admin, WantStatus: 200, WantContent: []string{`"action":"school.export"`}}})
}

func readTarGz(t *testing.T, r io.Reader) map[string][]byte {
	t.Helper()
	gz, err := gzip.NewReader(r)
	if err != nil {
		t.Fatal(err)
	}
	tr := tar.NewReader(gz)
	files := map[string][]byte{}
	for range 10000 {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(tr)
		if err != nil {
			t.Fatal(err)
		}
		files[h.Name] = b
	}
	return files
}

// An archived class whose students retention deletes within
// retention.archived_class_warn_days carries the warning and the date.
func TestClassDeletionWarning(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ana@hill.school")
	soon := app.CreateClass(tc, "Room 7")
	later := app.CreateClass(tc, "Room 8")
	empty := app.CreateClass(tc, "Room 9")
	app.Join(soon.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	app.Join(later.Code, "Leo", "K", apptest.AnswersAt("INFP", "visual"))
	day := int64(24 * time.Hour / time.Millisecond)
	now := time.Now().UnixMilli()
	for id, days := range map[int64]int64{soon.ID: 340, later.ID: 300, empty.ID: 360} {
		if _, err := app.App.Store().Writer.Exec(`UPDATE classes SET archived_at = ? WHERE id = ?`, now-days*day, id); err != nil {
			t.Fatal(err)
		}
	}
	_, body := app.Call(tc, "GET", "/api/v1/classes", "")
	var v struct {
		Classes []struct {
			ID                int64     `json:"id"`
			StudentsDeletedAt time.Time `json:"studentsDeletedAt"`
			DeletionWarning   bool      `json:"deletionWarning"`
		}
	}
	apptest.Decode(t, body, &v)
	for _, c := range v.Classes {
		switch c.ID {
		case soon.ID:
			if !c.DeletionWarning || c.StudentsDeletedAt.Before(time.Now().Add(24*24*time.Hour)) || c.StudentsDeletedAt.After(time.Now().Add(26*24*time.Hour)) {
				t.Errorf("class archived 340 days ago: %+v", c)
			}
		case later.ID:
			if c.DeletionWarning || c.StudentsDeletedAt.IsZero() {
				t.Errorf("class archived 300 days ago: %+v", c)
			}
		case empty.ID:
			if c.DeletionWarning || !c.StudentsDeletedAt.IsZero() {
				t.Errorf("empty class: %+v", c)
			}
		}
	}
}

// Request log lines carry the actor's id, never a name.
func TestRequestLogNamesTheActorByID(t *testing.T) {
	app, logs := apptest.StartLogged(t)
	ana, tc := app.Teacher("ana@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	_, zel := app.Join(cl.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	student := fmt.Sprintf("/api/v1/classes/%d/students/%d", cl.ID, zel.ID)
	app.Call(tc, "PATCH", student, `{"firstName":"Zelmira","lastInitial":"R"}`)
	app.Call(app.StudentClient(zel.ID), "POST", "/api/v1/student/quiz", `{}`)
	app.Call(tc, "DELETE", student, "")
	app.Stop()
	out := logs.String()
	for _, want := range []string{fmt.Sprintf("actor=account:%d", ana.ID), fmt.Sprintf("actor=student:%d", zel.ID)} {
		if !strings.Contains(out, want) {
			t.Errorf("the log lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Zelmira") {
		t.Errorf("a name is in the request log:\n%s", out)
	}
}

// Every way a pupil's data is deleted or taken out leaves an audit line
// the admin finds by that pupil and by its class: a class deleted by its
// teacher, a teacher deleted with the classes, a roster CSV export.
func TestAuditFindsEveryDeletionByStudentAndClass(t *testing.T) {
	app := apptest.Start(t, nil)
	_, admin := app.Admin("root@hill.school")
	_, ana := app.Teacher("ana@hill.school")
	bo, boc := app.Teacher("bo@hill.school")
	a := app.CreateClass(ana, "Room 7")
	_, p1 := app.Join(a.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	_, p2 := app.Join(a.Code, "Leo", "K", apptest.AnswersAt("INFP", "visual"))
	b := app.CreateClass(boc, "Room 8")
	_, p3 := app.Join(b.Code, "Ola", "P", apptest.AnswersAt("ENFP", "visual"))
	empty := app.CreateClass(boc, "Room 9")
	app.Run([]apptest.Scenario{
		{Name: "roster CSV", Path: fmt.Sprintf("/api/v1/classes/%d/export.csv", a.ID), Client: ana, WantStatus: 200, WantContent: []string{"Zelmira"}},
		{Name: "delete the class", Method: "DELETE", Path: fmt.Sprintf("/api/v1/classes/%d", a.ID), Body: `{"confirm":"Room 7"}`, Client: ana, WantStatus: 204},
		{Name: "delete the teacher with the classes", Method: "DELETE", Path: fmt.Sprintf("/api/v1/admin/accounts/%d", bo.ID),
			Body: `{"confirm":"bo@hill.school","heirId":0}`, Client: admin, WantStatus: 204},
	})
	for _, c := range []struct {
		query string
		want  []string
	}{
		{fmt.Sprintf("class=%d", a.ID), []string{`"action":"class.export"`, "roster CSV", `"action":"class.delete"`}},
		{fmt.Sprintf("student=%d", p1.ID), []string{`"action":"class.delete"`, `"actor":"ana@hill.school"`, `"action":"class.export"`}},
		{fmt.Sprintf("student=%d", p2.ID), []string{`"action":"class.delete"`}},
		{fmt.Sprintf("student=%d", p3.ID), []string{`"action":"class.delete"`, "deleted with the teacher", `"actor":"root@hill.school"`}},
		{fmt.Sprintf("class=%d", b.ID), []string{`"action":"class.delete"`}},
		{fmt.Sprintf("class=%d", empty.ID), []string{`"action":"class.delete"`}},
	} {
		status, body := app.Call(admin, "GET", "/api/v1/admin/audit?"+c.query, "")
		if status != 200 {
			t.Fatalf("audit?%s: %d %s", c.query, status, body)
		}
		for _, w := range c.want {
			if !strings.Contains(string(body), w) {
				t.Errorf("audit?%s lacks %s: %s", c.query, w, body)
			}
		}
		if strings.Contains(string(body), "Zelmira") || strings.Contains(string(body), p1.PassportCode) {
			t.Errorf("audit?%s names a pupil: %s", c.query, body)
		}
	}
}
