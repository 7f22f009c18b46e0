package web_test

import (
	appliance "animalgenius/app"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/app/jobs"
)

func TestAPILoginSessionLogout(t *testing.T) {
	app := apptest.Start(t, nil)
	app.CreateAccount("ana@hill.school", "teacher")
	anon := app.NewClient()
	teacher := app.Login("ANA@hill.school ", apptest.Password)
	app.Run([]apptest.Scenario{
		{Name: "me without a session", Path: "/api/v1/auth/me", Client: anon, WantStatus: 401, WantContent: []string{`"login_required"`}},
		{Name: "me with a session", Path: "/api/v1/auth/me", Client: teacher, WantStatus: 200,
			WantContent: []string{`"email":"ana@hill.school"`, `"role":"teacher"`}, NotContent: []string{"argon2", "password_hash"}},
		{Name: "login without CSRF header", Method: "POST", Path: "/api/v1/auth/login", Client: anon,
			Body: `{"email":"ana@hill.school","password":"` + apptest.Password + `"}`, Header: map[string]string{"X-CSRF-Token": ""},
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

func TestAPIAccountsAuthorization(t *testing.T) {
	app := apptest.Start(t, nil)
	root, admin := app.Admin("root@hill.school")
	ana, teacher := app.Teacher("ana@hill.school")
	anon := app.NewClient()
	id := fmt.Sprint(ana.ID)
	adminEndpoints := []struct{ method, path, body string }{
		{"GET", "/api/v1/admin/accounts", ""},
		{"POST", "/api/v1/admin/accounts", `{"email":"x@hill.school","displayName":"X"}`},
		{"POST", "/api/v1/admin/accounts/" + id + "/disable", ""},
		{"POST", "/api/v1/admin/accounts/" + id + "/enable", ""},
		{"POST", "/api/v1/admin/accounts/" + id + "/role", `{"role":"admin"}`},
		{"POST", "/api/v1/admin/accounts/" + id + "/reset-link", ""},
		{"GET", "/api/v1/admin/accounts/" + id + "/holdings", ""},
		{"DELETE", "/api/v1/admin/accounts/" + id, `{"confirm":"ana@hill.school"}`},
		{"GET", "/api/v1/admin/invites", ""},
		{"POST", "/api/v1/admin/invites", `{"days":7}`},
		{"DELETE", "/api/v1/admin/invites/1", ""},
		{"GET", "/api/v1/admin/audit", ""},
	}
	before := app.DBDigest()
	var sc []apptest.Scenario
	for _, ep := range adminEndpoints {
		sc = append(sc,
			apptest.Scenario{Name: "teacher " + ep.method + " " + ep.path, Method: ep.method, Path: ep.path, Body: ep.body, Client: teacher,
				WantStatus: 403, WantContent: []string{`"admin_only"`}},
			apptest.Scenario{Name: "anonymous " + ep.method + " " + ep.path, Method: ep.method, Path: ep.path, Body: ep.body, Client: anon,
				WantStatus: 401, WantContent: []string{`"login_required"`}})
	}
	for _, ep := range []struct{ method, path, body string }{
		{"GET", "/api/v1/account", ""}, {"PATCH", "/api/v1/account", `{"displayName":"X"}`},
		{"POST", "/api/v1/account/password", `{}`}, {"GET", "/api/v1/account/sessions", ""},
		{"POST", "/api/v1/account/logout-everywhere", ""},
	} {
		sc = append(sc, apptest.Scenario{Name: "anonymous " + ep.method + " " + ep.path, Method: ep.method, Path: ep.path, Body: ep.body,
			Client: anon, WantStatus: 401})
	}
	app.Run(sc)
	if app.DBDigest() != before {
		t.Fatal("refused requests changed the database")
	}

	app.Run([]apptest.Scenario{
		{Name: "unknown id", Method: "POST", Path: "/api/v1/admin/accounts/9999/disable", Client: admin, WantStatus: 404},
		{Name: "id not a number", Method: "POST", Path: "/api/v1/admin/accounts/abc/disable", Client: admin, WantStatus: 404},
		{Name: "id zero", Method: "POST", Path: "/api/v1/admin/accounts/0/disable", Client: admin, WantStatus: 404},
		{Name: "id overflowing", Method: "POST", Path: "/api/v1/admin/accounts/99999999999999999999999/disable", Client: admin, WantStatus: 404},
		{Name: "unknown invite", Method: "DELETE", Path: "/api/v1/admin/invites/424242", Client: admin, WantStatus: 404},
		{Name: "the only admin cannot step down", Method: "POST", Path: fmt.Sprintf("/api/v1/admin/accounts/%d/role", root.ID), Client: admin,
			Body: `{"role":"teacher"}`, WantStatus: 409, WantContent: []string{`"last_admin"`}},
		{Name: "an admin cannot switch themself off", Method: "POST", Path: fmt.Sprintf("/api/v1/admin/accounts/%d/disable", root.ID), Client: admin,
			WantStatus: 409, WantContent: []string{`"own_account"`}},
		// A disabled account's existing session stops on its next request.
		{Name: "teacher works", Path: "/api/v1/auth/me", Client: teacher, WantStatus: 200},
		{Name: "disable the teacher", Method: "POST", Path: "/api/v1/admin/accounts/" + id + "/disable", Client: admin, WantStatus: 200,
			WantContent: []string{`"disabled":true`}},
		{Name: "disabled teacher's next request", Path: "/api/v1/auth/me", Client: teacher, WantStatus: 401},
		{Name: "disabled teacher cannot log in", Method: "POST", Path: "/api/v1/auth/login", Client: anon,
			Body: `{"email":"ana@hill.school","password":"` + apptest.Password + `"}`, WantStatus: 403, WantContent: []string{`"account_disabled"`}},
		{Name: "the admin sees that try", Path: "/api/v1/admin/audit", Client: admin, WantStatus: 200,
			WantContent: []string{`"action":"login.refused"`, "account switched off"}},
		{Name: "enable again", Method: "POST", Path: "/api/v1/admin/accounts/" + id + "/enable", Client: admin, WantStatus: 200},
	})
	// A demoted admin loses the admin pages on the next request.
	boss, bossClient := app.Admin("boss@hill.school")
	app.Run([]apptest.Scenario{
		{Name: "boss is admin", Path: "/api/v1/admin/accounts", Client: bossClient, WantStatus: 200},
		{Name: "demote boss", Method: "POST", Path: fmt.Sprintf("/api/v1/admin/accounts/%d/role", boss.ID), Client: admin,
			Body: `{"role":"teacher"}`, WantStatus: 200, WantContent: []string{`"role":"teacher"`}},
		{Name: "boss's next admin request", Path: "/api/v1/admin/accounts", Client: bossClient, WantStatus: 403},
		{Name: "boss still signed in as teacher", Path: "/api/v1/auth/me", Client: bossClient, WantStatus: 200},
	})
}

func TestAPILoginIsThrottled(t *testing.T) {
	app := apptest.Start(t, nil)
	app.CreateAccount("ana@hill.school", "teacher")
	c := app.NewClient()
	login := func(pw string) (int, http.Header, string) {
		req, _ := http.NewRequest(http.MethodPost, app.URL+"/api/v1/auth/login", strings.NewReader(`{"email":"ana@hill.school","password":"`+pw+`"}`))
		req.Header.Set("Content-Type", "application/json")
		return apptest.Do(t, c, req)
	}
	for i := 0; i < 6; i++ {
		if status, _, body := login("wrong password"); status != 401 {
			t.Fatalf("failure %d: %d %s", i+1, status, body)
		}
	}
	status, h, body := login(apptest.Password)
	if status != 429 || h.Get("Retry-After") == "" || !strings.Contains(body, `"too_many_attempts"`) {
		t.Fatalf("past the budget: %d Retry-After=%q %s", status, h.Get("Retry-After"), body)
	}
	if status, _, _ := login(apptest.Password); status != 429 {
		t.Fatalf("the right password during the wait: %d, want 429", status)
	}
}

func TestAPIAdminJourney(t *testing.T) {
	app := apptest.Start(t, nil)
	_, admin := app.Admin("root@hill.school")
	anon := app.NewClient()
	var created struct {
		Account struct{ ID int64 }
		Link    struct{ Path string }
	}
	postJSON(t, admin, app.URL+"/api/v1/admin/accounts", `{"email":"Cy@Hill.School","displayName":"Cy","role":"teacher"}`, 201, &created)
	if !strings.HasPrefix(created.Link.Path, "/reset/") {
		t.Fatalf("new account link %q", created.Link.Path)
	}
	token := strings.TrimPrefix(created.Link.Path, "/reset/")
	app.Run([]apptest.Scenario{
		{Name: "link check", Method: "POST", Path: "/api/v1/auth/link", Client: anon, Body: `{"token":"` + token + `"}`,
			WantStatus: 200, WantContent: []string{`"purpose":"reset"`, `"email":"cy@hill.school"`}},
		{Name: "choose the password", Method: "POST", Path: "/api/v1/auth/reset", Client: anon,
			Body: `{"token":"` + token + `","password":"cy keeps bees on the roof"}`, WantStatus: 200},
		{Name: "signed in", Path: "/api/v1/auth/me", Client: anon, WantStatus: 200, WantContent: []string{`"cy@hill.school"`}},
		{Name: "list", Path: "/api/v1/admin/accounts", Client: admin, WantStatus: 200, WantContent: []string{`"cy@hill.school"`, `"root@hill.school"`}},
		{Name: "holdings", Path: fmt.Sprintf("/api/v1/admin/accounts/%d/holdings", created.Account.ID), Client: admin, WantStatus: 200,
			WantContent: []string{`"classes":0`}},
		{Name: "delete", Method: "DELETE", Path: fmt.Sprintf("/api/v1/admin/accounts/%d", created.Account.ID), Client: admin,
			Body: `{"confirm":"cy@hill.school"}`, WantStatus: 204},
		{Name: "deleted account's session", Path: "/api/v1/auth/me", Client: anon, WantStatus: 401},
		{Name: "audit", Path: "/api/v1/admin/audit?limit=3", Client: admin, WantStatus: 200,
			WantContent: []string{`"account.delete"`, `"nextBefore":`}},
		{Name: "state", Path: "/api/v1/auth/state", Client: anon, WantStatus: 200,
			WantContent: []string{`"signupMode":"invite"`, `"needsSetup":false`, `"signedIn":false`}},
	})
}

func postJSON(t *testing.T, c *http.Client, url, body string, want int, out any) {
	t.Helper()
	req, _ := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	status, _, got := apptest.Do(t, c, req)
	if status != want {
		t.Fatalf("POST %s: %d %s", url, status, got)
	}
	if out != nil {
		if err := json.Unmarshal([]byte(got), out); err != nil {
			t.Fatal(err)
		}
	}
}

// The hourly purge runs as a durable job from the start of serve and
// deletes ended sessions.
func TestSessionPurgeJob(t *testing.T) {
	app := apptest.Start(t, nil)
	ana := app.CreateAccount("ana@hill.school", "teacher")
	past := time.Now().Add(-time.Hour).UnixMilli()
	_, h := accounts.NewToken()
	if _, err := app.App.Store().Writer.Exec(`INSERT INTO sessions (token_hash, subject_kind, subject_id, created_at, last_seen_at, expires_at)
		VALUES (?, 'account', ?, ?, ?, ?)`, h[:], ana.ID, past, past, past); err != nil {
		t.Fatal(err)
	}
	live := app.Login("ana@hill.school", apptest.Password)
	// The job queued at start may have run before the row above existed;
	// queue another like the hourly ticker does.
	if _, err := app.App.Runner().Enqueue(context.Background(), jobs.NewJob{Kind: appliance.JobPurgeSessions}); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	var n int
	for time.Now().Before(deadline) {
		app.App.Store().Reader.QueryRow(`SELECT count(*) FROM sessions WHERE token_hash = ?`, h[:]).Scan(&n)
		if n == 0 {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	if n != 0 {
		t.Fatal("the purge job did not delete the ended session within 10s")
	}
	var done int
	app.App.Store().Reader.QueryRow(`SELECT count(*) FROM jobs WHERE kind = ? AND status = 'done'`, appliance.JobPurgeSessions).Scan(&done)
	if done < 1 {
		t.Fatal("no finished sessions.purge job")
	}
	app.Run([]apptest.Scenario{{Name: "live session kept", Path: "/api/v1/auth/me", Client: live, WantStatus: 200}})
}
