package bench

import (
	"animalgenius/app/apptest"
	"encoding/json"
	"strings"
	"testing"
)

// The school scenario at small scale, over real sockets against the
// server bench starts itself: every operation of the school (teachers,
// boards, submissions, passport logins, teacher reads, economy, cached
// reads, references and a live game) is in the report, none with an error.
func TestBenchSchoolScenario(t *testing.T) {
	code, out := apptest.RunBin(t, nil, "bench", "--scenario", "school", "--teachers", "2", "--students", "30", "--concurrency", "8",
		"--duration", "60s", "--spread", "300ms", "--reads", "300ms", "--players", "12", "--json")
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, out)
	}
	var rep Report
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &rep); err != nil {
		t.Fatalf("bench --json output: %v\n%s", err, out)
	}
	const atLeast = -1 // any count above zero
	want := map[string]int{
		"POST /auth/signup": 2, "POST /classes": 2, "PUT /classes/:id/store": 2, "board: open": 2,
		"GET /join/:code": 30, "POST /join/:code/check": 30, "POST /join/:code/submit": 30, "board: push after submit": 30,
		"teacher: GET /classes/:id/roster": atLeast, "teacher: GET /classes/:id/analytics": atLeast, "teacher: GET /classes (dashboard)": atLeast,
		"reference: bare SQLite commit loop": atLeast,
		"POST /passport/login":               30,
		"POST /classes/:id/coins":            2, "student: GET /student/store": 30, "student: POST /student/store/purchases": 30,
		"student: POST /student/pet": 30, "student: POST /student/pet/care (feed)": 30,
		"POST /classes/:id/lessons/:lid/start": 2, "POST /classes/:id/values/open": 2, "student: POST /student/values/vote": 30,
		"POST /classes/:id/values/finalize": 2, "POST /classes/:id/lessons/:lid/complete": 2,
		"GET /classes/:id/roster (class page)": 2,
		"reads: GET /healthz":                  atLeast, "reads: GET /student/economy (dashboard)": atLeast, "reads: GET /classes/:id/roster": atLeast,
		"reads: GET /classes/:id/analytics": atLeast, "reads: GET /classes (dashboard)": atLeast, refBareOp: atLeast,
		// No errors (checked below) means every answer came gzipped.
		"reads: GET /classes/:id/roster (gzip, as a browser)": atLeast, "reads: GET /classes/:id/analytics (gzip, as a browser)": atLeast,
		"reference: bare fan-out, 12 sockets": 120, "reference: bare fan-out, 12 sockets, last socket": 10,
		"game: join": 12, "game: question delivered": 12 * 32, "game: answer locked": 12 * 32, "game: whole question": 32,
	}
	bytesRef := ""
	for _, op := range rep.Operations {
		if op.Errors > 0 {
			t.Errorf("%s: %d errors %v", op.Name, op.Errors, op.ErrorKinds)
		}
		if strings.HasPrefix(op.Name, refBareBytesOp) {
			bytesRef = op.Name // its size is the rosters' mean, which varies
			if op.Count < 1 {
				t.Errorf("%s: nothing done", op.Name)
			}
			continue
		}
		n, ok := want[op.Name]
		if !ok {
			t.Errorf("unexpected operation %q", op.Name)
			continue
		}
		if (n == atLeast && op.Count < 1) || (n != atLeast && op.Count != n) {
			t.Errorf("%s: %d done, want %d", op.Name, op.Count, n)
		}
		delete(want, op.Name)
	}
	if len(want) > 0 {
		t.Errorf("operations missing from the report: %v", want)
	}
	// Reads have two ratios: to the product's /healthz and to bare fiber's.
	ratios := map[string]RatioReport{}
	for _, r := range rep.Ratios {
		if r.Reference == refBareOp {
			ratios[r.Name+" vs bare"] = r
			continue
		}
		if r.Reference == bytesRef {
			ratios[r.Name+" vs bare bytes"] = r
			continue
		}
		ratios[r.Name] = r
		if r.Value <= 0 || r.RefValue <= 0 || r.Ratio <= 0 {
			t.Errorf("ratio %+v: a figure is missing", r)
		}
	}
	for _, name := range []string{"POST /join/:code/submit (over the submit phase)", "student: POST /student/store/purchases (over the economy phase)",
		"student: POST /student/values/vote (over the values vote phase)",
		"reads: GET /student/economy (dashboard)", "reads: GET /classes/:id/roster", "reads: GET /classes/:id/analytics", "reads: GET /classes (dashboard)",
		"game: question delivered p99", "reads: GET /classes/:id/roster vs bare", "reads: GET /classes/:id/analytics vs bare",
		"reads: GET /classes (dashboard) vs bare", "reads: GET /healthz vs bare", "reads: GET /classes/:id/roster vs bare bytes",
		"reads: GET /classes/:id/roster (gzip, as a browser) vs bare", "reads: GET /classes/:id/analytics (gzip, as a browser) vs bare"} {
		if _, ok := ratios[name]; !ok {
			t.Errorf("no ratio for %q in %v", name, rep.Ratios)
		}
	}
	if r := ratios["POST /join/:code/submit (over the submit phase)"]; r.Reference != refCommitOp {
		t.Errorf("submissions compared with %q", r.Reference)
	}
	if r := ratios["reads: GET /classes/:id/roster"]; r.Reference != "reads: GET /healthz" {
		t.Errorf("roster compared with %q", r.Reference)
	}
	if rep.ServerRSS <= 0 || rep.ServerCPU <= 0 || rep.Game == nil || rep.Game.Players != 12 {
		t.Errorf("server RSS %d, CPU %.1f, game %+v", rep.ServerRSS, rep.ServerCPU, rep.Game)
	}
	// With --spread 300ms the 30 students arrive over 300 ms, not at once.
	for _, p := range rep.Phases {
		if p.Name == "submit" && p.Seconds < 0.28 {
			t.Errorf("submit phase took %.2fs with --spread 300ms", p.Seconds)
		}
	}
}
