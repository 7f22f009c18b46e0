package web_test

import (
	"crypto/sha256"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"

	"animalgenius/app/apptest"
)

// loungeDigest summarises every row the Learning Lounge, the values vote
// and the achievements keep, with the coins, so a test can show that a
// refused request changed nothing.
func loungeDigest(t *testing.T, ta *apptest.App) string {
	t.Helper()
	h := sha256.New()
	for _, q := range []string{
		`SELECT class_id, lesson_id, status, current_activity, done, completions, coalesce(completed_at, -1), updated_at FROM lesson_progress ORDER BY 1, 2`,
		`SELECT account_id, lesson_id, stars, comment, updated_at FROM lesson_feedback ORDER BY 1, 2`,
		`SELECT id, class_id, opened_at, closes_at, coalesce(closed_at, -1), coalesce(finalized_at, -1) FROM values_sessions ORDER BY id`,
		`SELECT session_id, student_id, ballot FROM values_votes ORDER BY 1, 2`,
		`SELECT session_id, cluster, place, value, score FROM values_results ORDER BY 1, 2, 3`,
		`SELECT student_id, code FROM student_achievements ORDER BY 1, 2`,
		`SELECT id, student_id, amount, type FROM coin_ledger ORDER BY id`,
		`SELECT id, coins FROM students ORDER BY id`,
	} {
		rows, err := ta.App.Store().Reader.Query(q)
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		for rows.Next() {
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(h, vals...)
		}
		rows.Close()
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// Every action of the Lounge on another teacher's class, or on a student
// of another class, is answered 404 like a class that does not exist, and
// changes nothing; students and visitors get 401. The classes are mid-way:
// a lesson under way and a vote open with a ballot in it, so each refused
// action would have had something to change.
func TestLoungeOtherClassesChangeNothing(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	a := fmt.Sprintf("/api/v1/classes/%d", f.classA)
	b := fmt.Sprintf("/api/v1/classes/%d", f.classB)
	for _, step := range []string{a + "/lessons/1/start", a + "/lessons/1/activities/1/done", b + "/lessons/2/start"} {
		client := f.t1
		if strings.HasPrefix(step, b) {
			client = f.t2
		}
		if st, body := ta.Call(client, http.MethodPost, step, ""); st != 200 {
			t.Fatalf("%s: %d %s", step, st, body)
		}
	}
	sid := f.openVote(t, f.t1, f.classA)
	if st, body := ta.Call(f.kidA, http.MethodPost, "/api/v1/student/values/vote", ballotJSON(sid, goodPicks)); st != 200 {
		t.Fatalf("vote: %d %s", st, body)
	}
	anon := ta.NewClient()
	before := loungeDigest(t, ta)

	var scenarios []apptest.Scenario
	changes := []string{"/lessons/1/start", "/lessons/1/activities/2/done", "/lessons/1/complete", "/lessons/1/reset",
		"/values/open", "/values/extend", "/values/close", "/values/finalize", "/values/reset"}
	reads := []string{"/lessons", "/values", "/achievements", fmt.Sprintf("/students/%d/achievements", f.kidsA[0])}
	for _, p := range changes {
		scenarios = append(scenarios,
			apptest.Scenario{Name: "other teacher: POST " + p, Client: f.t2, Method: "POST", Path: a + p, WantStatus: 404,
				WantContent: []string{"not_found"}, NotContent: []string{"Maya", "session", "progress"}},
			apptest.Scenario{Name: "a class that does not exist: POST " + p, Client: f.t1, Method: "POST", Path: "/api/v1/classes/99999" + p, WantStatus: 404},
			apptest.Scenario{Name: "a student of the class: POST " + p, Client: f.kidA, Method: "POST", Path: a + p, WantStatus: 401},
			apptest.Scenario{Name: "a visitor: POST " + p, Client: anon, Method: "POST", Path: a + p, WantStatus: 401},
		)
	}
	for _, p := range reads {
		scenarios = append(scenarios,
			apptest.Scenario{Name: "other teacher: GET " + p, Client: f.t2, Path: a + p, WantStatus: 404, NotContent: []string{"Maya", "Leo"}},
			apptest.Scenario{Name: "a student of the class: GET " + p, Client: f.kidA, Path: a + p, WantStatus: 401},
		)
	}
	scenarios = append(scenarios,
		// A student of class A named through class B, and class B's student through class A.
		apptest.Scenario{Name: "my student through another teacher's class", Client: f.t2, Path: fmt.Sprintf("%s/students/%d/achievements", b, f.kidsA[0]), WantStatus: 404},
		apptest.Scenario{Name: "another class's student through my class", Client: f.t1, Path: fmt.Sprintf("%s/students/%d/achievements", a, f.kidB), WantStatus: 404},
		// Class B's student cannot reach class A's vote, even with its id.
		apptest.Scenario{Name: "another class's student votes with the id of my class's vote", Client: f.kidBClient, Method: "POST",
			Path: "/api/v1/student/values/vote", Body: ballotJSON(sid, goodPicks), WantStatus: 404, WantContent: []string{"not_found"}},
		apptest.Scenario{Name: "another class's student sees no vote", Client: f.kidBClient, Path: "/api/v1/student/values", WantStatus: 200,
			WantContent: []string{`"session":null`, `"voted":false`}},
		// Feedback and the admin's summary are not a student's or a visitor's.
		apptest.Scenario{Name: "a student's feedback", Client: f.kidA, Method: "PUT", Path: "/api/v1/lessons/1/feedback", Body: `{"stars":1}`, WantStatus: 401},
		apptest.Scenario{Name: "a visitor's feedback", Client: anon, Method: "PUT", Path: "/api/v1/lessons/1/feedback", Body: `{"stars":1}`, WantStatus: 401},
		apptest.Scenario{Name: "a student reads the admin summary", Client: f.kidA, Path: "/api/v1/admin/lessons/feedback", WantStatus: 401},
		apptest.Scenario{Name: "a visitor downloads the CSV", Client: anon, Path: "/api/v1/admin/lessons/feedback.csv", WantStatus: 401},
		// A visitor or a teacher has no student side.
		apptest.Scenario{Name: "a visitor's ballot", Client: anon, Method: "POST", Path: "/api/v1/student/values/vote", Body: ballotJSON(sid, goodPicks), WantStatus: 401},
		apptest.Scenario{Name: "a teacher marks achievements seen", Client: f.t1, Method: "POST", Path: "/api/v1/student/achievements/seen", Body: `{"codes":["quiz_finished"]}`, WantStatus: 401},
	)
	ta.Run(scenarios)
	if after := loungeDigest(t, ta); after != before {
		t.Fatal("a refused request changed the Lounge's rows or the coins")
	}

	// An admin may act on any class (and the teacher sees the change).
	if st, body := ta.Call(f.admin, http.MethodPost, b+"/lessons/2/activities/1/done", ""); st != 200 || !strings.Contains(body, `"currentActivity":2`) {
		t.Fatalf("admin on another teacher's class: %d %s", st, body)
	}
	if st, body := ta.Call(f.admin, http.MethodGet, a+"/values", ""); st != 200 || !strings.Contains(body, `"voters":[{"studentId":`) {
		t.Fatalf("admin reads a class's vote: %d %s", st, body)
	}
}

// A student who sends the same ballot from two tabs at once has one vote
// counted, one values_voter achievement, and the other refused as a
// second vote.
func TestLoungeConcurrentSecondVote(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	sid := f.openVote(t, f.t1, f.classA)
	statuses := make([]int, 8)
	bodies := make([]string, 8)
	var wg sync.WaitGroup
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], bodies[i] = ta.Call(f.kidA, http.MethodPost, "/api/v1/student/values/vote", ballotJSON(sid, goodPicks))
		}()
	}
	wg.Wait()
	ok := 0
	for i, st := range statuses {
		switch {
		case st == http.StatusOK:
			ok++
		case st == http.StatusConflict && strings.Contains(bodies[i], "already_voted"):
		default:
			t.Errorf("vote %d: %d %s", i, st, bodies[i])
		}
	}
	if ok != 1 {
		t.Fatalf("%d votes accepted, want 1", ok)
	}
	if n := ta.Count(`SELECT COUNT(*) FROM values_votes WHERE session_id = ?`, sid); n != 1 {
		t.Fatalf("%d ballots stored, want 1", n)
	}
	if n := ta.Count(`SELECT COUNT(*) FROM student_achievements WHERE code = 'values_voter'`); n != 1 {
		t.Fatalf("values_voter held %d times, want once", n)
	}
	// The finalized tally counts the one ballot: 3 points for each first choice.
	if st, body := ta.Call(f.t1, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/values/finalize", f.classA), ""); st != 200 {
		t.Fatalf("finalize: %d %s", st, body)
	}
	if n := ta.Count(`SELECT COUNT(*) FROM values_results WHERE session_id = ? AND place = 1 AND score = 3`, sid); n != 4 {
		t.Fatalf("%d first places with 3 points, want 4 (one ballot)", n)
	}
}
