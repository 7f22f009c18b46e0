package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// TestAPIAccountsBadInput sends malformed and invalid bodies to every
// endpoint of the area that takes one: each is refused with a JSON error
// and the database is unchanged.
func TestAPIAccountsBadInput(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Auth.SchoolInviteCode = "HILL-OWLS-2030" })
	ana, teacher := app.Teacher("ana@hill.school")
	_, admin := app.Admin("root@hill.school")
	anon := app.NewClient()
	id := fmt.Sprint(ana.ID)
	endpoints := []struct {
		method, path, field string
		client              *http.Client
	}{
		{"POST", "/api/v1/auth/login", "email", anon},
		{"POST", "/api/v1/auth/link", "token", anon},
		{"POST", "/api/v1/auth/setup", "email", anon},
		{"POST", "/api/v1/auth/signup", "email", anon},
		{"POST", "/api/v1/auth/reset", "password", anon},
		{"PATCH", "/api/v1/account", "displayName", teacher},
		{"POST", "/api/v1/account/password", "newPassword", teacher},
		{"POST", "/api/v1/admin/accounts", "email", admin},
		{"POST", "/api/v1/admin/accounts/" + id + "/role", "role", admin},
		{"DELETE", "/api/v1/admin/accounts/" + id, "confirm", admin},
		{"POST", "/api/v1/admin/invites", "email", admin},
	}
	bodies := []struct{ name, body, code string }{
		{"empty", " ", "empty_body"},
		{"broken JSON", `{"`, "bad_json"},
		{"not an object", `["a"]`, "bad_json"},
		{"a string", `"x"`, "bad_json"},
		{"unknown field", `{"isAdmin":true}`, "unknown_field"},
		{"trailing data", `{}{}`, "trailing_data"},
		{"trailing garbage", `{} x`, "trailing_data"},
		{"not UTF-8", "{\"%s\":\"\xff\xfe\"}", "bad_encoding"},
		{"wrong type", `{"%s":12}`, "wrong_type"},
		{"null field object", `{"%s":{"a":1}}`, "wrong_type"},
		{"too large", `{"%s":"` + strings.Repeat("a", 17<<10) + `"}`, "body_too_large"},
	}
	before := app.DBDigest()
	var scenarios []apptest.Scenario
	for _, ep := range endpoints {
		for _, b := range bodies {
			body := b.body
			if strings.Contains(body, "%s") {
				body = fmt.Sprintf(body, ep.field)
			}
			scenarios = append(scenarios, apptest.Scenario{Name: ep.method + " " + ep.path + " " + b.name, Method: ep.method, Path: ep.path,
				Body: body, Client: ep.client, WantStatus: statusFor(b.code), WantContent: []string{`"code":"` + b.code + `"`}})
		}
		scenarios = append(scenarios, apptest.Scenario{Name: ep.method + " " + ep.path + " text/plain", Method: ep.method, Path: ep.path,
			Body: `{}`, Client: ep.client, Header: map[string]string{"Content-Type": "text/plain"}, WantStatus: 415})
		scenarios = append(scenarios, apptest.Scenario{Name: ep.method + " " + ep.path + " without CSRF", Method: ep.method, Path: ep.path,
			Body: `{}`, Client: ep.client, Header: map[string]string{"X-CSRF-Token": ""}, WantStatus: 403, WantContent: []string{`"csrf"`}})
	}
	app.Run(scenarios)

	long := strings.Repeat("x", 300)
	app.Run([]apptest.Scenario{
		{Name: "login overlong email", Method: "POST", Path: "/api/v1/auth/login", Client: anon,
			Body: `{"email":"` + long + `@hill.school","password":"x"}`, WantStatus: 400, WantContent: []string{`"fields":{"email"`}},
		{Name: "signup empty fields", Method: "POST", Path: "/api/v1/auth/signup", Client: anon, Body: `{"schoolCode":"HILL-OWLS-2030"}`,
			WantStatus: 400, WantContent: []string{`"displayName":`, `"email":`, `"password":`}},
		{Name: "signup overlong name and school", Method: "POST", Path: "/api/v1/auth/signup", Client: anon,
			Body:       `{"schoolCode":"HILL-OWLS-2030","email":"x@hill.school","displayName":"` + long + `","school":"` + long + `","password":"maple syrup pancakes"}`,
			WantStatus: 400, WantContent: []string{`"displayName":`, `"school":`}},
		{Name: "signup control characters", Method: "POST", Path: "/api/v1/auth/signup", Client: anon,
			Body:       `{"schoolCode":"HILL-OWLS-2030","email":"x@hill.school","displayName":"A\u0007B","password":"maple syrup pancakes"}`,
			WantStatus: 400, WantContent: []string{`"displayName":`}},
		{Name: "signup common password", Method: "POST", Path: "/api/v1/auth/signup", Client: anon,
			Body:       `{"schoolCode":"HILL-OWLS-2030","email":"x@hill.school","displayName":"X","password":"Password1234"}`,
			WantStatus: 400, WantContent: []string{`too common`}},
		{Name: "signup taken email", Method: "POST", Path: "/api/v1/auth/signup", Client: anon,
			Body:       `{"schoolCode":"HILL-OWLS-2030","email":"ana@hill.school","displayName":"X","password":"maple syrup pancakes"}`,
			WantStatus: 400, WantContent: []string{`"email":`}},
		{Name: "link with a forged token", Method: "POST", Path: "/api/v1/auth/link", Client: anon,
			Body: `{"token":"` + strings.Repeat("A", 43) + `"}`, WantStatus: 404, WantContent: []string{`"link_invalid"`}},
		{Name: "reset with a forged token", Method: "POST", Path: "/api/v1/auth/reset", Client: anon,
			Body: `{"token":"nope","password":"maple syrup pancakes"}`, WantStatus: 404},
		{Name: "setup with a forged token", Method: "POST", Path: "/api/v1/auth/setup", Client: anon,
			Body: `{"token":"nope","email":"x@hill.school","displayName":"X","password":"maple syrup pancakes"}`, WantStatus: 404},
		{Name: "profile empty name", Method: "PATCH", Path: "/api/v1/account", Client: teacher, Body: `{"displayName":"  "}`,
			WantStatus: 400, WantContent: []string{`"displayName":`}},
		{Name: "password too short", Method: "POST", Path: "/api/v1/account/password", Client: teacher,
			Body: `{"currentPassword":"` + apptest.Password + `","newPassword":"short"}`, WantStatus: 400, WantContent: []string{`"newPassword":`}},
		{Name: "invite bad days", Method: "POST", Path: "/api/v1/admin/invites", Client: admin, Body: `{"days":90}`,
			WantStatus: 400, WantContent: []string{`"days":`}},
		{Name: "invite days as text", Method: "POST", Path: "/api/v1/admin/invites", Client: admin, Body: `{"days":"7"}`,
			WantStatus: 400, WantContent: []string{`"wrong_type"`, `"days":`}},
		{Name: "role unknown", Method: "POST", Path: "/api/v1/admin/accounts/" + id + "/role", Client: admin, Body: `{"role":"owner"}`,
			WantStatus: 400, WantContent: []string{`"role":`}},
		{Name: "delete without confirmation", Method: "DELETE", Path: "/api/v1/admin/accounts/" + id, Client: admin, Body: `{"confirm":"ANA@hill.school"}`,
			WantStatus: 400, WantContent: []string{`"confirm":`}},
		{Name: "delete with a bad heir", Method: "DELETE", Path: "/api/v1/admin/accounts/" + id, Client: admin,
			Body: `{"confirm":"ana@hill.school","heirId":` + id + `}`, WantStatus: 400, WantContent: []string{`"heirId":`}},
		{Name: "create account bad email", Method: "POST", Path: "/api/v1/admin/accounts", Client: admin,
			Body: `{"email":"nope","displayName":"X"}`, WantStatus: 400, WantContent: []string{`"email":`}},
		{Name: "audit bad cursor", Path: "/api/v1/admin/audit?before=-4", Client: admin, WantStatus: 400},
		{Name: "audit bad limit", Path: "/api/v1/admin/audit?limit=5000", Client: admin, WantStatus: 400},
	})

	if after := app.DBDigest(); after != before {
		t.Fatal("refused requests changed the database")
	}

	// Forged, expired and malformed session cookies are refused.
	expired, hash := accounts.NewToken()
	past := time.Now().Add(-time.Hour).UnixMilli()
	if _, err := app.App.Store().Writer.Exec(`INSERT INTO sessions (token_hash, subject_kind, subject_id, created_at, last_seen_at, expires_at)
		VALUES (?, 'account', ?, ?, ?, ?)`, hash[:], ana.ID, past-1000, past, past); err != nil {
		t.Fatal(err)
	}
	before = app.DBDigest()
	forged, _ := accounts.NewToken()
	for name, cookie := range map[string]string{"forged": forged, "expired": expired, "garbage": "%%%", "long": strings.Repeat("a", 4000)} {
		req, _ := http.NewRequest(http.MethodGet, app.URL+"/api/v1/auth/me", nil)
		req.AddCookie(&http.Cookie{Name: "ag_session", Value: cookie})
		if status, _, body := apptest.Do(t, &http.Client{Timeout: 10 * time.Second}, req); status != http.StatusUnauthorized {
			t.Errorf("%s session cookie: %d %s", name, status, body)
		}
	}
	if after := app.DBDigest(); after != before {
		t.Error("refused session cookies changed the database")
	}
}

func statusFor(code string) int {
	switch code {
	case "body_too_large":
		return http.StatusRequestEntityTooLarge
	}
	return http.StatusBadRequest
}
