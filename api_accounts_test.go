package main

import "testing"

func TestAPILoginSessionLogout(t *testing.T) {
	app := startApp(t, nil)
	app.CreateAccount("ana@hill.school", "teacher")
	anon := app.NewClient()
	teacher := app.Login("ANA@hill.school ", testPassword)
	app.Run([]Scenario{
		{Name: "me without a session", Path: "/api/v1/auth/me", Client: anon, WantStatus: 401, WantContent: []string{`"login_required"`}},
		{Name: "me with a session", Path: "/api/v1/auth/me", Client: teacher, WantStatus: 200,
			WantContent: []string{`"email":"ana@hill.school"`, `"role":"teacher"`}, NotContent: []string{"argon2", "password_hash"}},
		{Name: "login without CSRF header", Method: "POST", Path: "/api/v1/auth/login", Client: anon,
			Body: `{"email":"ana@hill.school","password":"` + testPassword + `"}`, Header: map[string]string{"X-CSRF-Token": ""},
			WantStatus: 403, WantContent: []string{`"code":"csrf"`}},
		{Name: "wrong password", Method: "POST", Path: "/api/v1/auth/login", Client: anon,
			Body: `{"email":"ana@hill.school","password":"not the right one"}`, WantStatus: 401, WantContent: []string{`"bad_credentials"`}},
		{Name: "unknown email answers the same", Method: "POST", Path: "/api/v1/auth/login", Client: anon,
			Body: `{"email":"ghost@hill.school","password":"not the right one"}`, WantStatus: 401, WantContent: []string{`"bad_credentials"`}},
		{Name: "logout", Method: "POST", Path: "/api/v1/auth/logout", Client: teacher, WantStatus: 204},
		{Name: "me after logout", Path: "/api/v1/auth/me", Client: teacher, WantStatus: 401},
	})
	if app.SessionCookie(teacher) != "" {
		t.Error("logout left the session cookie in the browser")
	}
}
