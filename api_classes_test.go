package main

import (
	"net/http"
	"strings"
	"testing"
)

func TestClassesHappyPath(t *testing.T) {
	app := startApp(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	if len(cl.Code) != 6 || cl.JoinURL != app.URL+"/join/"+cl.Code || cl.Students != 0 {
		t.Fatalf("class %+v", cl)
	}
	kid, st := app.Join(strings.ToLower(cl.Code), "maya", "r.", answersAt("ESTP", "visual"))
	if st.Name != "Maya R." || st.Coins != 50 || st.Result == nil || st.Result.Animal != "otter" || !strings.HasPrefix(st.PassportCode, "OTT-") {
		t.Fatalf("student %+v", st)
	}
	status, body := app.call(kid, http.MethodGet, "/api/v1/student/me", "")
	if status != 200 || !strings.Contains(body, st.PassportCode) || !strings.Contains(body, `"tagline"`) {
		t.Fatalf("me: %d %s", status, body)
	}
	status, body = app.call(ana, http.MethodGet, "/api/v1/classes/"+itoa(cl.ID)+"/students", "")
	if status != 200 || !strings.Contains(body, st.PassportCode) {
		t.Fatalf("roster: %d %s", status, body)
	}
}
