package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/app/quiz"
)

// Joining and submitting with bad input: a clear error, nothing changed.
func TestJoinBadInput(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	full := app.CreateClass(ana, "Full", `,"seatLimit":1`)
	app.CreateClassStudents(full.Code, 1)
	closed := app.CreateClass(ana, "Closed")
	app.Call(ana, "POST", "/api/v1/classes/"+itoa(closed.ID)+"/archive", "")
	gone := app.CreateClass(ana, "Gone")
	app.Call(ana, "DELETE", "/api/v1/classes/"+itoa(gone.ID), `{"confirm":"Gone"}`)
	_, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))

	good := apptest.AnswersAt("ENFP", "auditory")
	missing := good[:len(good)-1]
	dup := append(append([]quiz.Answer{}, good...), good[0])
	unknown := append(append([]quiz.Answer{}, good[1:]...), quiz.Answer{Question: "zz9", Option: "a"})
	outside := append([]quiz.Answer{{Question: good[0].Question, Option: "e"}}, good[1:]...)
	submit := func(code string) string { return "/api/v1/join/" + code + "/submit" }
	key := map[string]string{"Idempotency-Key": apptest.NewKey()}
	body := func(first, initial string, answers []quiz.Answer) string {
		return apptest.SubmitBody(first, initial, answers)
	}
	before := app.Snapshot()
	app.Run([]apptest.Scenario{
		// Looking up a class.
		{Name: "unknown code", Path: "/api/v1/join/ZZZZZZ", Client: app.NewClient(), WantStatus: 404, WantContent: []string{"class_not_found"}},
		{Name: "markup code", Path: "/api/v1/join/%3Cscript%3E", Client: app.NewClient(), WantStatus: 404},
		{Name: "code in lower case with spaces", Path: "/api/v1/join/" + strings.ToLower(cl.Code[:3]) + "%20" + strings.ToLower(cl.Code[3:]) + "%20", Client: app.NewClient(), WantStatus: 200, WantContent: []string{"Room 7"}},
		{Name: "full class", Path: "/api/v1/join/" + full.Code, Client: app.NewClient(), WantStatus: 409, WantContent: []string{"class_full"}},
		{Name: "archived class", Path: "/api/v1/join/" + closed.Code, Client: app.NewClient(), WantStatus: 409, WantContent: []string{"class_closed"}},
		{Name: "deleted class", Path: "/api/v1/join/" + gone.Code, Client: app.NewClient(), WantStatus: 404},

		// Checking a name before the quiz.
		{Name: "name with digits", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"Maya2","lastInitial":"R"}`, WantStatus: 400, WantContent: []string{"numbers", `"firstName"`}},
		{Name: "name with markup", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"<b>Maya</b>","lastInitial":"R"}`, WantStatus: 400, WantContent: []string{`"firstName"`}},
		{Name: "name of 200 characters", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"` + strings.Repeat("a", 200) + `","lastInitial":"R"}`, WantStatus: 400, WantContent: []string{"too long"}},
		{Name: "empty name", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":" ","lastInitial":"R"}`, WantStatus: 400},
		{Name: "initial not a letter", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"Leo","lastInitial":"7"}`, WantStatus: 400, WantContent: []string{`"lastInitial"`}},
		{Name: "whole last name", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"Leo","lastInitial":"Rivera"}`, WantStatus: 400},
		{Name: "name taken in any case", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"MAYA","lastInitial":"r."}`, WantStatus: 409, WantContent: []string{"name_taken", `"suggestion":{"firstName":"Maya","lastInitial":"Ra"}`, "passport code"}, NotContent: []string{maya.PassportCode}},
		{Name: "check in a full class", Method: "POST", Path: "/api/v1/join/" + full.Code + "/check", Body: `{"firstName":"Leo","lastInitial":"K"}`, WantStatus: 409, WantContent: []string{"class_full"}},
		{Name: "check unknown field", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":"Leo","lastInitial":"K","classId":1}`, WantStatus: 400, WantContent: []string{"unknown_field"}},
		{Name: "check malformed", Method: "POST", Path: "/api/v1/join/" + cl.Code + "/check", Body: `{"firstName":`, WantStatus: 400},
		{Name: "check good", Method: "POST", Path: "/api/v1/join/" + strings.ToLower(cl.Code) + "/check", Body: `{"firstName":" leo ","lastInitial":"k."}`, WantStatus: 200, WantContent: []string{`"display":"Leo K."`}},

		// Submitting.
		{Name: "no idempotency key", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", good), WantStatus: 400, WantContent: []string{"bad_idempotency_key"}},
		{Name: "short idempotency key", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", good), Header: map[string]string{"Idempotency-Key": "abc"}, WantStatus: 400},
		{Name: "missing answer", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", missing), Header: key, WantStatus: 400, WantContent: []string{"bad_answers", "missing answers for " + good[len(good)-1].Question}},
		{Name: "duplicate answer", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", dup), Header: key, WantStatus: 400, WantContent: []string{"more than once: " + good[0].Question}},
		{Name: "unknown question", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", unknown), Header: key, WantStatus: 400, WantContent: []string{`no such question: \"zz9\"`, "missing answers for " + good[0].Question}},
		{Name: "answer outside the options", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", outside), Header: key, WantStatus: 400, WantContent: []string{"no such option for " + good[0].Question}},
		{Name: "old bank version", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","lastInitial":"K","quiz":{"bankVersion":"1999.1","answers":[]}}`, Header: key, WantStatus: 409, WantContent: []string{"quiz_changed"}},
		{Name: "unknown field in the quiz", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","lastInitial":"K","quiz":{"bankVersion":"2026.1","answers":[],"score":99}}`, Header: key, WantStatus: 400, WantContent: []string{"bad_submission", "unknown field"}},
		{Name: "result sent by the client", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","lastInitial":"K","animal":"owl","quiz":` + apptest.QuizJSON(good) + `}`, Header: key, WantStatus: 400, WantContent: []string{"unknown_field"}},
		{Name: "answers of the wrong type", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","lastInitial":"K","quiz":{"bankVersion":"2026.1","answers":{"ei1":"a"}}}`, Header: key, WantStatus: 400},
		{Name: "no quiz", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","lastInitial":"K"}`, Header: key, WantStatus: 400},
		{Name: "quiz null", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","lastInitial":"K","quiz":null}`, Header: key, WantStatus: 400},
		{Name: "malformed", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"Leo","quiz":{`, Header: key, WantStatus: 400},
		{Name: "non-UTF-8 name", Method: "POST", Path: submit(cl.Code), Body: body("Le\xffo", "K", good), Header: key, WantStatus: 400},
		{Name: "name with digits", Method: "POST", Path: submit(cl.Code), Body: body("L3o", "K", good), Header: key, WantStatus: 400},
		{Name: "taken name", Method: "POST", Path: submit(cl.Code), Body: body("maya", "R", good), Header: key, WantStatus: 409, WantContent: []string{"name_taken"}, NotContent: []string{maya.PassportCode}},
		{Name: "full class", Method: "POST", Path: submit(full.Code), Body: body("Leo", "K", good), Header: key, WantStatus: 409, WantContent: []string{"class_full"}},
		{Name: "archived class", Method: "POST", Path: submit(closed.Code), Body: body("Leo", "K", good), Header: key, WantStatus: 409, WantContent: []string{"class_closed"}},
		{Name: "deleted class", Method: "POST", Path: submit(gone.Code), Body: body("Leo", "K", good), Header: key, WantStatus: 404, WantContent: []string{"class_not_found"}},
		{Name: "no such class", Method: "POST", Path: submit("not-a-code"), Body: body("Leo", "K", good), Header: key, WantStatus: 404},
		{Name: "no CSRF header", Method: "POST", Path: submit(cl.Code), Body: body("Leo", "K", good), Header: map[string]string{"Idempotency-Key": apptest.NewKey(), "X-CSRF-Token": ""}, Client: app.NewClient(), WantStatus: 403},
		{Name: "oversized", Method: "POST", Path: submit(cl.Code), Body: `{"firstName":"` + strings.Repeat("a", 40<<10) + `"}`, Header: key, WantStatus: 413},
	})
	if after := app.Snapshot(); after != before {
		t.Fatalf("bad input changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// Two (here: twelve) students submitting the same name at the same moment:
// exactly one wins, the others get name_taken, one welcome bonus is paid.
func TestSameNameAtTheSameMoment(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	const n = 12
	statuses := make([]int, n)
	bodies := make([]string, n)
	var wg sync.WaitGroup
	start := make(chan struct{})
	for i := range n {
		wg.Add(1)
		c := app.NewClient()
		app.Call(c, "GET", "/api/v1/version", "") // the CSRF cookie, as a loaded page has
		go func() {
			defer wg.Done()
			<-start
			first := []string{"Maya", "maya", "MAYA"}[i%3]
			req, _ := http.NewRequest("POST", app.URL+"/api/v1/join/"+cl.Code+"/submit", strings.NewReader(apptest.SubmitBody(first, "R", apptest.AnswersAt("ISTP", "visual"))))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Idempotency-Key", apptest.NewKey())
			resp, err := c.Do(req)
			if err != nil {
				bodies[i] = err.Error()
				return
			}
			defer resp.Body.Close()
			var b strings.Builder
			buf := make([]byte, 4096)
			for {
				k, err := resp.Body.Read(buf)
				b.Write(buf[:k])
				if err != nil {
					break
				}
			}
			statuses[i], bodies[i] = resp.StatusCode, b.String()
		}()
	}
	close(start)
	wg.Wait()
	wins := 0
	for i, s := range statuses {
		switch {
		case s == 201:
			wins++
		case s == 409 && strings.Contains(bodies[i], "name_taken"):
		default:
			t.Errorf("submission %d: %d %s", i, s, bodies[i])
		}
	}
	if wins != 1 || app.CountRows("students") != 1 || app.CountRows("coin_ledger") != 1 || app.CountRows("quiz_results") != 1 {
		t.Fatalf("%d winners; %s", wins, app.Snapshot())
	}
}

// A replayed submission (same key: a retry after a dropped answer) gives
// the same student and passport, with no second student and no second bonus.
func TestReplayedSubmission(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	key := apptest.NewKey()
	b := apptest.SubmitBody("Maya", "R", apptest.AnswersAt("ENFJ", "visual"))
	c := app.NewClient()
	s1, b1 := app.Call(c, "POST", "/api/v1/join/"+cl.Code+"/submit", b, "Idempotency-Key", key)
	other := app.NewClient()
	s2, b2 := app.Call(other, "POST", "/api/v1/join/"+cl.Code+"/submit", b, "Idempotency-Key", key)
	var st1, st2 struct{ Student apptest.Student }
	apptest.Decode(t, b1, &st1)
	apptest.Decode(t, b2, &st2)
	if s1 != 201 || s2 != 200 || st1.Student.ID != st2.Student.ID || st1.Student.PassportCode != st2.Student.PassportCode || st2.Student.Coins != 50 {
		t.Fatalf("first %d %s\nreplay %d %s", s1, b1, s2, b2)
	}
	// The replaying browser is signed in too (it lost the first answer).
	if s, _ := app.Call(other, "GET", "/api/v1/student/me", ""); s != 200 {
		t.Fatalf("replay did not sign in: %d", s)
	}
	// The same key for another name is refused.
	s3, b3 := app.Call(app.NewClient(), "POST", "/api/v1/join/"+cl.Code+"/submit", apptest.SubmitBody("Leo", "K", apptest.AnswersAt("ENFJ", "visual")), "Idempotency-Key", key)
	if s3 != 409 || !strings.Contains(b3, "submission_key_reused") || strings.Contains(b3, st1.Student.PassportCode) {
		t.Fatalf("reused key: %d %s", s3, b3)
	}
	if app.CountRows("students") != 1 || app.CountRows("coin_ledger") != 1 || app.CountRows("quiz_results") != 1 {
		t.Fatalf("after replays: %s", app.Snapshot())
	}
}

func TestPassportLoginAndRotation(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	_, ben := app.Teacher("ben@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	_, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	_, leo := app.Join(cl.Code, "Leo", "K", apptest.AnswersAt("INFP", "visual"))
	login := func(code string) (int, string, *http.Client) {
		c := app.NewClient()
		s, b := app.Call(c, "POST", "/api/v1/passport/login", fmt.Sprintf(`{"passportCode":%q}`, code))
		return s, b, c
	}
	for _, typed := range []string{maya.PassportCode, strings.ToLower(strings.ReplaceAll(maya.PassportCode, "-", "")), " " + strings.ToLower(maya.PassportCode[:3]) + " " + maya.PassportCode[4:] + " "} {
		if s, b, _ := login(typed); s != 200 || !strings.Contains(b, maya.PassportCode) || strings.Contains(b, leo.PassportCode) {
			t.Fatalf("login with %q: %d %s", typed, s, b)
		}
	}
	app.Run([]apptest.Scenario{
		{Name: "not a code", Method: "POST", Path: "/api/v1/passport/login", Body: `{"passportCode":"hello"}`, Client: app.NewClient(), WantStatus: 400, WantContent: []string{"bad_passport"}},
		{Name: "unknown code", Method: "POST", Path: "/api/v1/passport/login", Body: `{"passportCode":"OWL-22222"}`, Client: app.NewClient(), WantStatus: 401, WantContent: []string{"unknown_passport"}},
		{Name: "unknown field", Method: "POST", Path: "/api/v1/passport/login", Body: `{"passportCode":"OWL-22222","remember":true}`, Client: app.NewClient(), WantStatus: 400},
		{Name: "wrong type", Method: "POST", Path: "/api/v1/passport/login", Body: `{"passportCode":12345}`, Client: app.NewClient(), WantStatus: 400},
		{Name: "me without a session", Path: "/api/v1/student/me", Client: app.NewClient(), WantStatus: 401},
		{Name: "a teacher is not a student", Path: "/api/v1/student/me", Client: ana, WantStatus: 401},
		{Name: "another teacher cannot see the codes", Path: "/api/v1/classes/" + itoa(cl.ID) + "/roster", Client: ben, WantStatus: 404, NotContent: []string{maya.PassportCode}},
	})

	// Rotating Maya's code ends her sessions and the old code.
	_, _, mayaClient := login(maya.PassportCode)
	s, b := app.Call(ana, "POST", "/api/v1/classes/"+itoa(cl.ID)+"/students/"+itoa(maya.ID)+"/passport", "")
	var rot struct{ Student apptest.Student }
	apptest.Decode(t, b, &rot)
	if s != 200 || rot.Student.PassportCode == maya.PassportCode || rot.Student.PassportCode[:3] != maya.PassportCode[:3] {
		t.Fatalf("rotate: %d %s", s, b)
	}
	if s, _ := app.Call(mayaClient, "GET", "/api/v1/student/me", ""); s != 401 {
		t.Fatalf("session after rotation: %d", s)
	}
	if s, _, _ := login(maya.PassportCode); s != 401 {
		t.Fatalf("old code after rotation: %d", s)
	}
	if s, _, c := login(rot.Student.PassportCode); s != 200 {
		t.Fatalf("new code: %d", s)
	} else if s, _ := app.Call(c, "POST", "/api/v1/passport/logout", ""); s != 204 {
		t.Fatalf("logout: %d", s)
	} else if s, _ := app.Call(c, "GET", "/api/v1/student/me", ""); s != 401 {
		t.Fatalf("me after logout: %d", s)
	}

	// Removing Leo ends his session and his data.
	_, _, leoClient := login(leo.PassportCode)
	if s, _ := app.Call(ana, "DELETE", "/api/v1/classes/"+itoa(cl.ID)+"/students/"+itoa(leo.ID), ""); s != 204 {
		t.Fatalf("remove: %d", s)
	}
	if s, _ := app.Call(leoClient, "GET", "/api/v1/student/me", ""); s != 401 {
		t.Fatalf("removed student's session: %d", s)
	}
	if app.CountRows("students") != 1 || app.CountRows("coin_ledger") != 1 {
		t.Fatalf("after removal: %s", app.Snapshot())
	}
}

func TestSchoolBurstOfCorrectLogins(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	kids := app.CreateClassStudents(cl.Code, 25)
	const logins = 500
	var wg sync.WaitGroup
	var mu sync.Mutex
	fails := map[int]int{}
	sem := make(chan struct{}, 50)
	deadline := time.Now().Add(time.Minute)
	csrf, _ := accounts.NewToken()
	for i := range logins {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer func() { <-sem; wg.Done() }()
			if time.Now().After(deadline) {
				return
			}
			code := kids[i%len(kids)].PassportCode
			if i%2 == 1 {
				code = strings.ToLower(strings.ReplaceAll(code, "-", " "))
			}
			req, _ := http.NewRequest("POST", app.URL+"/api/v1/passport/login", strings.NewReader(`{"passportCode":"`+code+`"}`))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("X-CSRF-Token", csrf)
			req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: csrf})
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				mu.Lock()
				fails[-1]++
				mu.Unlock()
				return
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				mu.Lock()
				fails[resp.StatusCode]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(fails) > 0 {
		t.Fatalf("of %d correct logins from one address, failures by status: %v", logins, fails)
	}
}

// Retakes only when the class allows them; history kept; no second bonus.
func TestRetakes(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	kid, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	owl := apptest.QuizJSON(apptest.AnswersAt("INTP", "kinesthetic"))
	key := map[string]string{"Idempotency-Key": apptest.NewKey()}
	app.Run([]apptest.Scenario{
		{Name: "retakes off", Method: "POST", Path: "/api/v1/student/quiz", Body: owl, Header: key, Client: kid, WantStatus: 403, WantContent: []string{"retakes_off"}},
		{Name: "not signed in", Method: "POST", Path: "/api/v1/student/quiz", Body: owl, Header: key, Client: app.NewClient(), WantStatus: 401},
		{Name: "turn retakes on", Method: "PATCH", Path: "/api/v1/classes/" + itoa(cl.ID), Body: `{"allowRetakes":true}`, Client: ana, WantStatus: 200},
		{Name: "bad answers", Method: "POST", Path: "/api/v1/student/quiz", Body: `{"bankVersion":"2026.1","answers":[]}`, Header: key, Client: kid, WantStatus: 400, WantContent: []string{"missing answers"}},
		{Name: "extra field", Method: "POST", Path: "/api/v1/student/quiz", Body: `{"bankVersion":"2026.1","answers":[],"animal":"owl"}`, Header: key, Client: kid, WantStatus: 400},
		{Name: "not JSON", Method: "POST", Path: "/api/v1/student/quiz", Body: owl, Header: map[string]string{"Idempotency-Key": apptest.NewKey(), "Content-Type": "text/plain"}, Client: kid, WantStatus: 415},
		{Name: "retake", Method: "POST", Path: "/api/v1/student/quiz", Body: owl, Header: key, Client: kid, WantStatus: 201, WantContent: []string{`"animal":"owl"`, `"coins":50`, maya.PassportCode}},
		{Name: "replayed retake", Method: "POST", Path: "/api/v1/student/quiz", Body: owl, Header: key, Client: kid, WantStatus: 200},
	})
	s, b := app.Call(kid, "GET", "/api/v1/student/me", "")
	var home struct {
		History []apptest.Result `json:"history"`
		Student apptest.Student  `json:"student"`
	}
	apptest.Decode(t, b, &home)
	if s != 200 || len(home.History) != 2 || home.History[0].Animal != "owl" || home.History[1].Animal != "border_collie" ||
		home.Student.Result.Animal != "owl" || home.Student.Coins != 50 {
		t.Fatalf("home after retake: %d %s", s, b)
	}
	if app.CountRows("coin_ledger") != 1 {
		t.Fatal("a retake paid a second bonus")
	}
	// The roster shows the current result.
	_, roster := app.Call(ana, "GET", "/api/v1/classes/"+itoa(cl.ID)+"/roster", "")
	var r struct{ Finished []struct{ Animal string } }
	apptest.Decode(t, roster, &r)
	if len(r.Finished) != 1 || r.Finished[0].Animal != "owl" {
		t.Fatalf("roster after retake: %s", roster)
	}
}

// Passport codes never reach the log.
func TestPassportCodesStayOutOfTheLog(t *testing.T) {
	app, logs := apptest.StartLogged(t)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	kid, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	app.Call(kid, "GET", "/api/v1/student/me", "")
	app.Call(app.NewClient(), "POST", "/api/v1/passport/login", `{"passportCode":"`+maya.PassportCode+`"}`)
	app.Call(app.NewClient(), "POST", "/api/v1/passport/login", `{"passportCode":"`+maya.PassportCode[:8]+`"}`)
	app.Call(ana, "GET", "/api/v1/classes/"+itoa(cl.ID)+"/roster", "")
	app.Call(ana, "POST", "/api/v1/classes/"+itoa(cl.ID)+"/students/"+itoa(maya.ID)+"/passport", "")
	app.Stop()
	out := logs.String()
	if !strings.Contains(out, "/api/v1/passport/login") {
		t.Fatalf("the requests were not logged at all:\n%s", out)
	}
	if strings.Contains(out, maya.PassportCode) || strings.Contains(out, maya.PassportCode[4:]) {
		t.Fatalf("a passport code is in the log:\n%s", out)
	}
}
