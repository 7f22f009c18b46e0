package web_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// passportTry sends a passport login from address addr (through the
// trusted proxy on loopback) with client c.
func passportTry(t *testing.T, app *apptest.App, c *http.Client, addr, code, classCode string) (int, http.Header, string) {
	t.Helper()
	body := fmt.Sprintf(`{"passportCode":%q}`, code)
	if classCode != "" {
		body = fmt.Sprintf(`{"passportCode":%q,"classCode":%q}`, code, classCode)
	}
	req, _ := http.NewRequest("POST", app.URL+"/api/v1/passport/login", strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Forwarded-For", addr)
	return apptest.Do(t, c, req)
}

// TestPassportBudgetsNeverLockPupilsOut walks the rules of README
// "Passport guessing" (OWASP's device cookies): wrong codes from an
// address, a prefix or the whole box make devices that never signed in
// give the class code too, and nobody is refused; a device that signed in
// before keeps its own budget; the class code path has a budget per class.
func TestPassportBudgetsNeverLockPupilsOut(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, func(c *config.Config) {
		c.Auth.PassportAddrFailures = 6 // box: 60
		c.Server.TrustedProxies = []string{"127.0.0.1"}
	})
	_, ana := app.Teacher("ana@hill.school")
	room7 := app.CreateClass(ana, "Room 7")
	room8 := app.CreateClass(ana, "Room 8")
	_, maya := app.Join(room7.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	_, leo := app.Join(room8.Code, "Leo", "B", apptest.AnswersAt("INFP", "visual"))
	const school = "198.51.100.10"

	// Maya's own tablet signs in once: a known device from now on.
	tablet := app.NewClient()
	st, h, b := passportTry(t, app, tablet, school, maya.PassportCode, "")
	if sc := strings.Join(h.Values("Set-Cookie"), "\n"); st != 200 || !strings.Contains(sc, "ag_device=") || !strings.Contains(sc, "ag_device=") ||
		!strings.Contains(strings.ToLower(sc[strings.Index(sc, "ag_device="):]), "httponly") {
		t.Fatalf("first login: %d %s %q", st, b, sc)
	}
	// Correct logins never count: 30 from new devices at the school.
	for range 30 {
		if st, _, b := passportTry(t, app, app.NewClient(), school, maya.PassportCode, ""); st != 200 {
			t.Fatalf("correct login: %d %s", st, b)
		}
	}
	// One pupil guesses 7 wrong codes from the school's address.
	for i := range 7 {
		if st, _, b := passportTry(t, app, app.NewClient(), school, fmt.Sprintf("COL-2222%c", 'A'+i), ""); st != 401 || !strings.Contains(b, "unknown_passport") {
			t.Fatalf("wrong code %d: %d %s", i+1, st, b)
		}
	}
	// New devices at the school now give the class code too: never a 429.
	if st, _, b := passportTry(t, app, app.NewClient(), school, maya.PassportCode, ""); st != 401 || !strings.Contains(b, "class_code_needed") {
		t.Fatalf("school address spent, passport alone: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, app.NewClient(), school, "COL-33333", ""); st != 401 || !strings.Contains(b, "class_code_needed") {
		t.Fatalf("school address spent, wrong passport alone (must not be looked up): %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, app.NewClient(), school, maya.PassportCode, room7.Code); st != 200 {
		t.Fatalf("passport with class code: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, app.NewClient(), school, maya.PassportCode, room8.Code); st != 401 || !strings.Contains(b, "unknown_passport") {
		t.Fatalf("passport with another class's code: %d %s", st, b)
	}
	// Maya's tablet is known: her code alone still works.
	if st, _, b := passportTry(t, app, tablet, school, maya.PassportCode, ""); st != 200 {
		t.Fatalf("known device after the school's budget: %d %s", st, b)
	}

	// An attacker with many addresses spends the box budget (60): every
	// unknown device, anywhere, now needs the class code; still no 429.
	prefixes := []string{"PAR", "OWL", "MEE", "PAN", "BEA", "ELE", "OTT", "COL"}
	for i := range 60 {
		addr := fmt.Sprintf("203.0.113.%d", i+1)
		passportTry(t, app, app.NewClient(), addr, fmt.Sprintf("%s-%c%c222", prefixes[i%8], 'A'+i%8, 'A'+i/8), "")
	}
	if st, _, b := passportTry(t, app, app.NewClient(), "192.0.2.77", leo.PassportCode, ""); st != 401 || !strings.Contains(b, "class_code_needed") {
		t.Fatalf("box spent, new address, passport alone: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, app.NewClient(), "192.0.2.77", leo.PassportCode, room8.Code); st != 200 {
		t.Fatalf("box spent, passport with class code: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, tablet, "192.0.2.78", maya.PassportCode, ""); st != 200 {
		t.Fatalf("box spent, known device: %d %s", st, b)
	}

	// Someone who knows Room 8's code guesses its passports: 30 wrong
	// pairs, then that class's code path answers 429 ...
	for i := range 30 {
		passportTry(t, app, app.NewClient(), fmt.Sprintf("203.0.113.%d", 100+i), fmt.Sprintf("OWL-%c%c333", 'A'+i%20, 'A'+i/20), room8.Code)
	}
	st, h, b = passportTry(t, app, app.NewClient(), "192.0.2.80", leo.PassportCode, room8.Code)
	if st != 429 || h.Get("Retry-After") == "" {
		t.Fatalf("class budget spent: %d %s", st, b)
	}
	// ... for Room 8 only; Room 7 and known devices are untouched.
	if st, _, b := passportTry(t, app, app.NewClient(), "192.0.2.80", maya.PassportCode, room7.Code); st != 200 {
		t.Fatalf("another class: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, tablet, "192.0.2.80", maya.PassportCode, ""); st != 200 {
		t.Fatalf("known device: %d %s", st, b)
	}

	// A known device that spends its own budget (10) counts as unknown
	// for any other pupil's code: the class code then lets that pupil in.
	// Its own pupil's code alone still works: the signed cookie names her,
	// so that tells a guesser nothing and nobody can lock her out.
	for i := range 10 {
		passportTry(t, app, tablet, school, fmt.Sprintf("BEA-%c4444", 'A'+i), "")
	}
	if st, _, b := passportTry(t, app, tablet, school, leo.PassportCode, ""); st != 401 || !strings.Contains(b, "class_code_needed") {
		t.Fatalf("known device past its budget, another pupil's code: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, tablet, school, maya.PassportCode, ""); st != 200 {
		t.Fatalf("known device past its budget, its own pupil's code: %d %s", st, b)
	}
	if st, _, b := passportTry(t, app, tablet, school, leo.PassportCode, room7.Code); st != 401 || !strings.Contains(b, "unknown_passport") {
		t.Fatalf("known device past its budget, another pupil with the wrong class code: %d %s", st, b)
	}
	// A forged device cookie is an unknown device.
	forged := app.NewClient()
	forged.Jar.SetCookies(apptest.MustURL(app.URL+"/api/v1/"), []*http.Cookie{{Name: "ag_device", Value: strings.Repeat("A", 56)}})
	if st, _, b := passportTry(t, app, forged, "192.0.2.90", maya.PassportCode, ""); st != 401 || !strings.Contains(b, "class_code_needed") {
		t.Fatalf("forged device cookie: %d %s", st, b)
	}
}

// TestTeacherLockAppliesToUnknownDevices: failures on a teacher's email
// lock that account for devices it never signed in on, not for its own.
func TestTeacherLockAppliesToUnknownDevices(t *testing.T) {
	t.Parallel()
	app := apptest.Start(t, func(c *config.Config) { c.Server.TrustedProxies = []string{"127.0.0.1"} })
	app.CreateAccount("ana@hill.school", "teacher")
	login := func(c *http.Client, addr, password string) (int, string) {
		req, _ := http.NewRequest("POST", app.URL+"/api/v1/auth/login",
			strings.NewReader(fmt.Sprintf(`{"email":"ana@hill.school","password":%q}`, password)))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-Forwarded-For", addr)
		st, _, b := apptest.Do(t, c, req)
		return st, b
	}
	laptop := app.NewClient()
	if st, b := login(laptop, "198.51.100.20", apptest.Password); st != 200 {
		t.Fatalf("first login: %d %s", st, b)
	}
	// Someone elsewhere tries 6 wrong passwords from 6 addresses: the
	// account is locked for unknown devices (5 free, then 2 s, 4 s, ...).
	for i := range 6 {
		if st, b := login(app.NewClient(), fmt.Sprintf("203.0.113.%d", i+1), "wrong password here"); st != 401 {
			t.Fatalf("wrong password %d: %d %s", i+1, st, b)
		}
	}
	if st, b := login(app.NewClient(), "203.0.113.50", apptest.Password); st != 429 {
		t.Fatalf("unknown device with the right password during the lock: %d %s", st, b)
	}
	// The teacher, signed in on the laptop, changes the password there
	// during the lock, and signs in again on it.
	const renewed = "a fresh password for ana"
	if st, b := app.Call(laptop, "POST", "/api/v1/account/password",
		fmt.Sprintf(`{"currentPassword":%q,"newPassword":%q}`, apptest.Password, renewed), "X-Forwarded-For", "198.51.100.21"); st != 200 {
		t.Fatalf("the teacher changes the password on the own laptop during the lock: %d %s", st, b)
	}
	if st, b := login(laptop, "198.51.100.21", renewed); st != 200 {
		t.Fatalf("the teacher's own laptop during the lock: %d %s", st, b)
	}
	// The laptop's own wrong tries count against the laptop only, not
	// against the account: another device then signs in.
	for i := range 6 {
		if st, b := login(laptop, "198.51.100.21", "typo in my password"); st != 401 {
			t.Fatalf("laptop typo %d: %d %s", i+1, st, b)
		}
	}
	if st, b := login(app.NewClient(), "198.51.100.22", renewed); st != 200 {
		t.Fatalf("another device after the laptop's typos: %d %s", st, b)
	}
}
