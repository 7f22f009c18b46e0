package web_test

import (
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"

	"animalgenius/app/apptest"
)

// ballotJSON is a vote body: per cluster the three codes given, ranked 1,
// 2, 3 in order.
func ballotJSON(session int64, picks map[string][3]string) string {
	var parts []string
	for _, cl := range []string{"treat", "challenge", "learn", "daily"} {
		codes, ok := picks[cl]
		if !ok {
			continue
		}
		parts = append(parts, fmt.Sprintf(`%q:[{"value":%q,"rank":1},{"value":%q,"rank":2},{"value":%q,"rank":3}]`, cl, codes[0], codes[1], codes[2]))
	}
	return fmt.Sprintf(`{"sessionId":%d,"ballot":{%s}}`, session, strings.Join(parts, ","))
}

var goodPicks = map[string][3]string{
	"treat":     {"kindness", "respect", "honesty"},
	"challenge": {"courage", "perseverance", "calm"},
	"learn":     {"curiosity", "teamwork", "creativity"},
	"daily":     {"joy", "effort", "positivity"},
}

// loungeFixture: two teachers, each with a class; class A has three
// students, class B one.
type loungeFixture struct {
	ta            *apptest.App
	t1, t2, admin *http.Client
	classA        int64
	classB        int64
	kidsA         []int64
	kidB          int64
	kidA          *http.Client
	kidBClient    *http.Client
}

func newLounge(t *testing.T) *loungeFixture {
	ta := apptest.Start(t, nil)
	a1, t1 := ta.Teacher("one@school.test")
	a2, t2 := ta.Teacher("two@school.test")
	_, admin := ta.Admin("boss@school.test")
	classA, kidsA := ta.EconClass(a1.ID, "Maya", "Leo", "Ana")
	classB, kidsB := ta.EconClass(a2.ID, "Zed")
	return &loungeFixture{ta: ta, t1: t1, t2: t2, admin: admin, classA: classA, classB: classB, kidsA: kidsA, kidB: kidsB[0],
		kidA: ta.StudentClient(kidsA[0]), kidBClient: ta.StudentClient(kidsB[0])}
}

func (f *loungeFixture) openVote(t *testing.T, client *http.Client, classID int64) int64 {
	t.Helper()
	st, body := f.ta.Call(client, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/values/open", classID), "")
	if st != http.StatusOK {
		t.Fatalf("open vote: %d %s", st, body)
	}
	var v struct{ Session struct{ ID int64 } }
	apptest.Decode(t, body, &v)
	return v.Session.ID
}

// Every route of the area: who may call it, and other teachers' classes and
// other classes' students answered 404 like ids that do not exist.
func TestLoungeRoutesScenarios(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	a := fmt.Sprintf("/api/v1/classes/%d", f.classA)
	b := fmt.Sprintf("/api/v1/classes/%d", f.classB)
	anon := ta.NewClient()
	ta.Run([]apptest.Scenario{
		{Name: "library needs a session", Client: anon, Path: "/api/v1/lessons", WantStatus: 401},
		{Name: "library for a student is refused", Client: f.kidA, Path: "/api/v1/lessons", WantStatus: 401},
		{Name: "library", Client: f.t1, Path: "/api/v1/lessons", WantStatus: 200,
			WantContent: []string{`"id":5`, "Leadership and teamwork", "Discovering your genius type", `"coinsPerCompletion":10`}},
		{Name: "one lesson", Client: f.t1, Path: "/api/v1/lessons/4", WantStatus: 200,
			WantContent: []string{"Our class values vote", `"link":"values"`, `"questions"`, `"tips"`, `"steps"`, `"materials"`}},
		{Name: "lesson 0", Client: f.t1, Path: "/api/v1/lessons/0", WantStatus: 404, WantContent: []string{"lesson_not_found"}},
		{Name: "lesson 6", Client: f.t1, Path: "/api/v1/lessons/6", WantStatus: 404, WantContent: []string{"lesson_not_found"}},
		{Name: "lesson abc", Client: f.t1, Path: "/api/v1/lessons/abc", WantStatus: 404},
		{Name: "progress of my classes", Client: f.t1, Path: "/api/v1/lessons/progress", WantStatus: 200,
			WantContent: []string{fmt.Sprintf(`"%d":{"completed":0,"total":5`, f.classA)}, NotContent: []string{fmt.Sprintf(`"%d"`, f.classB)}},
		{Name: "a teacher's all=1 is its own classes", Client: f.t1, Path: "/api/v1/lessons/progress?all=1", WantStatus: 200,
			WantContent: []string{fmt.Sprintf(`"%d":{`, f.classA)}, NotContent: []string{fmt.Sprintf(`"%d"`, f.classB)}},
		{Name: "admin: progress of every class", Client: f.admin, Path: "/api/v1/lessons/progress?all=1", WantStatus: 200,
			WantContent: []string{fmt.Sprintf(`"%d":{"completed":0,"total":5`, f.classA), fmt.Sprintf(`"%d":{"completed":0,"total":5`, f.classB)}},
		{Name: "admin without all=1: its own classes (none)", Client: f.admin, Path: "/api/v1/lessons/progress", WantStatus: 200,
			WantContent: []string{`"classes":{}`}},
		{Name: "class lessons", Client: f.t1, Path: a + "/lessons", WantStatus: 200, WantContent: []string{`"status":"not_started"`}},
		{Name: "admin sees any class's lessons", Client: f.admin, Path: b + "/lessons", WantStatus: 200},
		{Name: "other teacher's class lessons", Client: f.t1, Path: b + "/lessons", WantStatus: 404, NotContent: []string{"status"}},
		{Name: "class that does not exist", Client: f.t1, Path: "/api/v1/classes/99999/lessons", WantStatus: 404},
		{Name: "bad class id", Client: f.t1, Path: "/api/v1/classes/-1/lessons", WantStatus: 404},
		{Name: "start on other teacher's class", Client: f.t1, Method: "POST", Path: b + "/lessons/1/start", WantStatus: 404},
		{Name: "start unknown lesson", Client: f.t1, Method: "POST", Path: a + "/lessons/9/start", WantStatus: 404, WantContent: []string{"lesson_not_found"}},
		{Name: "start with a body", Client: f.t1, Method: "POST", Path: a + "/lessons/1/start", Body: `{"x":1}`, WantStatus: 400, WantContent: []string{"unexpected_body"}},
		{Name: "start", Client: f.t1, Method: "POST", Path: a + "/lessons/1/start", WantStatus: 200, WantContent: []string{`"status":"in_progress"`, `"currentActivity":1`}},
		{Name: "activity 5", Client: f.t1, Method: "POST", Path: a + "/lessons/1/activities/5/done", WantStatus: 404, WantContent: []string{"activity_not_found"}},
		{Name: "activity 0", Client: f.t1, Method: "POST", Path: a + "/lessons/1/activities/0/done", WantStatus: 404},
		{Name: "activity 2 done", Client: f.t1, Method: "POST", Path: a + "/lessons/1/activities/2/done", WantStatus: 200,
			WantContent: []string{`"activitiesDone":[2]`, `"currentActivity":1`}},
		{Name: "activity 1 done advances past 2", Client: f.t1, Method: "POST", Path: a + "/lessons/1/activities/1/done", WantStatus: 200,
			WantContent: []string{`"activitiesDone":[1,2]`, `"currentActivity":3`}},
		{Name: "student cannot complete", Client: f.kidA, Method: "POST", Path: a + "/lessons/1/complete", WantStatus: 401},
		{Name: "other teacher cannot complete", Client: f.t2, Method: "POST", Path: a + "/lessons/1/complete", WantStatus: 404},
		{Name: "values of my class", Client: f.t1, Path: a + "/values", WantStatus: 200, WantContent: []string{`"session":null`, `"clusters"`, "Maya"}},
		{Name: "values of other teacher's class", Client: f.t1, Path: b + "/values", WantStatus: 404, NotContent: []string{"Zed"}},
		{Name: "unknown values action", Client: f.t1, Method: "POST", Path: a + "/values/launch", WantStatus: 404},
		{Name: "extend without a vote", Client: f.t1, Method: "POST", Path: a + "/values/extend", WantStatus: 409, WantContent: []string{"no_vote"}},
		{Name: "finalize without a vote", Client: f.t1, Method: "POST", Path: a + "/values/finalize", WantStatus: 409, WantContent: []string{"no_vote"}},
		{Name: "open on other teacher's class", Client: f.t1, Method: "POST", Path: b + "/values/open", WantStatus: 404},
		{Name: "student cannot open", Client: f.kidA, Method: "POST", Path: a + "/values/open", WantStatus: 401},
		{Name: "achievement counts", Client: f.t1, Path: a + "/achievements", WantStatus: 200, WantContent: []string{`"counts"`}},
		{Name: "achievement counts of other class", Client: f.t1, Path: b + "/achievements", WantStatus: 404},
		{Name: "another class's student through my class", Client: f.t1, Path: fmt.Sprintf("%s/students/%d/achievements", a, f.kidB), WantStatus: 404},
		{Name: "my student through another teacher's class", Client: f.t2, Path: fmt.Sprintf("%s/students/%d/achievements", a, f.kidsA[0]), WantStatus: 404},
		{Name: "student that does not exist", Client: f.t1, Path: a + "/students/99999/achievements", WantStatus: 404},
		{Name: "student's own achievements", Client: f.kidA, Path: "/api/v1/student/achievements", WantStatus: 200, WantContent: []string{"first_purchase", "happy_pet", `"goal":3`}},
		{Name: "teacher has no student achievements", Client: f.t1, Path: "/api/v1/student/achievements", WantStatus: 401},
		{Name: "seen: unknown code", Client: f.kidA, Method: "POST", Path: "/api/v1/student/achievements/seen", Body: `{"codes":["hacker"]}`, WantStatus: 400, WantContent: []string{"unknown_achievement"}},
		{Name: "seen: unknown field", Client: f.kidA, Method: "POST", Path: "/api/v1/student/achievements/seen", Body: `{"codes":[],"earn":true}`, WantStatus: 400, WantContent: []string{"unknown_field"}},
		{Name: "seen: not JSON", Client: f.kidA, Method: "POST", Path: "/api/v1/student/achievements/seen", Body: `codes`, WantStatus: 400},
		{Name: "no route earns an achievement", Client: f.kidA, Method: "POST", Path: "/api/v1/student/achievements", Body: `{"code":"podium"}`, WantStatus: 404},
		{Name: "student values without a vote", Client: f.kidA, Path: "/api/v1/student/values", WantStatus: 200, WantContent: []string{`"session":null`, `"voted":false`}},
		{Name: "vote without a vote", Client: f.kidA, Method: "POST", Path: "/api/v1/student/values/vote", Body: ballotJSON(1, goodPicks), WantStatus: 409, WantContent: []string{"no_vote"}},
		{Name: "teacher cannot vote", Client: f.t1, Method: "POST", Path: "/api/v1/student/values/vote", Body: ballotJSON(1, goodPicks), WantStatus: 401},
		{Name: "feedback: my list", Client: f.t1, Path: "/api/v1/lessons/feedback", WantStatus: 200, WantContent: []string{`"feedback":[]`}},
		{Name: "feedback: stars 0", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":0}`, WantStatus: 400, WantContent: []string{`"stars"`}},
		{Name: "feedback: stars 6", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":6}`, WantStatus: 400},
		{Name: "feedback: stars missing", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"comment":"hi"}`, WantStatus: 400, WantContent: []string{`"stars"`}},
		{Name: "feedback: stars as text", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":"5"}`, WantStatus: 400, WantContent: []string{"wrong_type"}},
		{Name: "feedback: too long", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: fmt.Sprintf(`{"stars":4,"comment":%q}`, strings.Repeat("a", 1001)), WantStatus: 400, WantContent: []string{`"comment"`}},
		{Name: "feedback: rude", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":4,"comment":"what a shit lesson"}`, WantStatus: 400, WantContent: []string{"rude"}},
		{Name: "feedback: unknown lesson", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/7/feedback", Body: `{"stars":4}`, WantStatus: 404},
		{Name: "feedback: student", Client: f.kidA, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":4}`, WantStatus: 401},
		{Name: "feedback", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":4,"comment":"  Loved the\u00a0interviews.  "}`, WantStatus: 200,
			WantContent: []string{`"stars":4`, `"comment":"Loved the interviews."`}},
		{Name: "feedback replaced", Client: f.t1, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":5,"comment":"=SUM(A1) even better"}`, WantStatus: 200},
		{Name: "feedback by teacher two", Client: f.t2, Method: "PUT", Path: "/api/v1/lessons/2/feedback", Body: `{"stars":2}`, WantStatus: 200},
		{Name: "admin summary: teacher refused", Client: f.t1, Path: "/api/v1/admin/lessons/feedback", WantStatus: 403},
		{Name: "admin summary", Client: f.admin, Path: "/api/v1/admin/lessons/feedback", WantStatus: 200,
			WantContent: []string{`"lessonId":2`, `"count":2`, `"average":3.5`, `"distribution":[0,1,0,0,1]`, "even better"}},
		{Name: "admin CSV: teacher refused", Client: f.t1, Path: "/api/v1/admin/lessons/feedback.csv", WantStatus: 403},
		{Name: "admin CSV", Client: f.admin, Path: "/api/v1/admin/lessons/feedback.csv", WantStatus: 200,
			WantContent: []string{"lesson,lesson_title,teacher,stars,comment,updated_at", "Building the class community", "'=SUM(A1) even better", "Teacher two,2,"}},
	})
	// Its times have the API's one form (UTC, milliseconds).
	if st, body := ta.Call(f.admin, http.MethodGet, "/api/v1/admin/lessons/feedback.csv", ""); st != 200 ||
		!regexp.MustCompile(`,\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z\r?\n`).MatchString(body) {
		t.Fatalf("feedback CSV times: %d %s", st, body)
	}

	// With a vote open.
	sid := f.openVote(t, f.t1, f.classA)
	ta.Run([]apptest.Scenario{
		{Name: "open twice", Client: f.t1, Method: "POST", Path: a + "/values/open", WantStatus: 409, WantContent: []string{"vote_running"}},
		{Name: "finalize with no ballot", Client: f.t1, Method: "POST", Path: a + "/values/finalize", WantStatus: 409, WantContent: []string{"no_ballots"}},
		{Name: "other class's student votes in my class's vote", Client: f.kidBClient, Method: "POST", Path: "/api/v1/student/values/vote",
			Body: ballotJSON(sid, goodPicks), WantStatus: 404, WantContent: []string{"not_found"}},
		{Name: "vote", Client: f.kidA, Method: "POST", Path: "/api/v1/student/values/vote", Body: ballotJSON(sid, goodPicks), WantStatus: 200,
			WantContent: []string{`"voted":true`}},
		{Name: "vote again", Client: f.kidA, Method: "POST", Path: "/api/v1/student/values/vote", Body: ballotJSON(sid, goodPicks), WantStatus: 409,
			WantContent: []string{"already_voted"}},
		{Name: "teacher sees who voted, not what", Client: f.t1, Path: a + "/values", WantStatus: 200,
			WantContent: []string{`"voters":[{"studentId":` + fmt.Sprint(f.kidsA[0])}, NotContent: []string{`"rank"`, `"ballot"`}},
		{Name: "student's achievements for its teacher", Client: f.t1, Path: fmt.Sprintf("%s/students/%d/achievements", a, f.kidsA[0]), WantStatus: 200,
			WantContent: []string{`"code":"values_voter","title":"My voice counts","description":"Voted on your class's values.","icon":"ballot","earned":true`}},
		{Name: "student sees it voted", Client: f.kidA, Path: "/api/v1/student/values", WantStatus: 200, WantContent: []string{`"voted":true`, `"state":"open"`}},
		{Name: "close", Client: f.t1, Method: "POST", Path: a + "/values/close", WantStatus: 200, WantContent: []string{`"state":"closed"`}},
		{Name: "close twice", Client: f.t1, Method: "POST", Path: a + "/values/close", WantStatus: 409, WantContent: []string{"vote_closed"}},
		{Name: "vote after close", Client: f.ta.StudentClient(f.kidsA[1]), Method: "POST", Path: "/api/v1/student/values/vote",
			Body: ballotJSON(sid, goodPicks), WantStatus: 409, WantContent: []string{"vote_closed"}},
		{Name: "extend reopens", Client: f.t1, Method: "POST", Path: a + "/values/extend", WantStatus: 200, WantContent: []string{`"state":"open"`}},
		{Name: "finalize", Client: f.t1, Method: "POST", Path: a + "/values/finalize", WantStatus: 200, WantContent: []string{`"state":"finalized"`}},
		{Name: "finalize twice", Client: f.t1, Method: "POST", Path: a + "/values/finalize", WantStatus: 409, WantContent: []string{"vote_finalized"}},
		{Name: "extend after finalize", Client: f.t1, Method: "POST", Path: a + "/values/extend", WantStatus: 409, WantContent: []string{"vote_finalized"}},
		{Name: "results for the student", Client: f.kidA, Path: "/api/v1/student/values", WantStatus: 200,
			WantContent: []string{`"value":"kindness"`, `"value":"respect"`, `"clusterTitle":"How we treat each other"`}},
		{Name: "results not in other class", Client: f.kidBClient, Path: "/api/v1/student/values", WantStatus: 200, WantContent: []string{`"winners":[]`}},
		{Name: "new vote after finalize", Client: f.t1, Method: "POST", Path: a + "/values/open", WantStatus: 200, WantContent: []string{`"state":"open"`}},
		{Name: "a ballot for the class's earlier vote", Client: f.ta.StudentClient(f.kidsA[1]), Method: "POST", Path: "/api/v1/student/values/vote",
			Body: ballotJSON(sid, goodPicks), WantStatus: 409, WantContent: []string{"vote_changed"}},
		{Name: "reset drops the new vote, results stay", Client: f.t1, Method: "POST", Path: a + "/values/reset", WantStatus: 200, WantContent: []string{`"state":"finalized"`}},
	})
}

// Completing a lesson pays every current student 10 coins once: eight
// concurrent clicks make one payment; a reset takes nothing back and
// completing again pays only a student who joined since.
func TestLoungeLessonCompletionPaysOnce(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	a := fmt.Sprintf("/api/v1/classes/%d", f.classA)
	coins := func() int {
		return ta.Count(`SELECT COALESCE(SUM(coins), 0) FROM students WHERE class_id = ?`, f.classA)
	}
	before := coins()
	var wg sync.WaitGroup
	statuses := make([]int, 8)
	paid := make([]string, 8)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			statuses[i], paid[i] = ta.Call(f.t1, http.MethodPost, a+"/lessons/3/complete", "")
		}()
	}
	wg.Wait()
	ok := 0
	for i, st := range statuses {
		switch st {
		case http.StatusOK:
			ok++
			if !strings.Contains(paid[i], `"studentsPaid":3`) || !strings.Contains(paid[i], `"coinsEach":10`) {
				t.Errorf("completion answer: %s", paid[i])
			}
		case http.StatusConflict:
			if !strings.Contains(paid[i], "lesson_completed") {
				t.Errorf("refusal: %s", paid[i])
			}
		default:
			t.Errorf("completion: %d %s", st, paid[i])
		}
	}
	if ok != 1 {
		t.Fatalf("%d completions succeeded, want exactly 1", ok)
	}
	if got := ta.Count(`SELECT COUNT(*) FROM coin_ledger WHERE type = 'lesson_reward'`); got != 3 {
		t.Fatalf("%d lesson payments in the ledger, want 3", got)
	}
	if got := coins(); got != before+30 {
		t.Fatalf("class coins %d, want %d", got, before+30)
	}
	if got := ta.Count(`SELECT COUNT(*) FROM student_achievements WHERE code = 'lesson_complete'`); got != 3 {
		t.Fatalf("lesson_complete earned by %d students, want 3", got)
	}
	// The coins the click paid are in the audit log, a line per pupil.
	if got := ta.Count(`SELECT COUNT(DISTINCT student_id) FROM audit_log WHERE action = 'coins.lesson_reward' AND class_id = ?`, f.classA); got != 3 {
		t.Fatalf("%d pupils in the audit log of the lesson's coins, want 3", got)
	}
	// Reset keeps the coins; completing again pays nobody twice.
	for _, step := range []string{"reset", "start", "complete"} {
		if st, body := ta.Call(f.t1, http.MethodPost, a+"/lessons/3/"+step, ""); st != 200 {
			t.Fatalf("%s: %d %s", step, st, body)
		} else if step == "complete" && !strings.Contains(body, `"studentsPaid":0`) {
			t.Fatalf("second completion paid someone: %s", body)
		}
	}
	if got := coins(); got != before+30 {
		t.Fatalf("after reset and completing again: class coins %d, want %d", got, before+30)
	}
	// A student who joins later is paid on the next completion, alone.
	_, body := ta.Call(f.t1, http.MethodGet, a, "")
	var c struct{ Class struct{ Code string } }
	apptest.Decode(t, body, &c)
	_, newKid := ta.Join(c.Class.Code, "Nia", "P", apptest.AnswersAt("ESTJ", "visual"))
	// It joined a class that has done a lesson: it holds the class's lesson
	// achievement (not the week's: one lesson of five).
	if got := ta.Count(`SELECT COUNT(*) FROM student_achievements WHERE student_id = ? AND code IN ('lesson_complete', 'week_complete')`, newKid.ID); got != 1 {
		t.Fatalf("late joiner holds %d of the class's lesson achievements, want 1", got)
	}
	ta.Call(f.t1, http.MethodPost, a+"/lessons/3/reset", "")
	if st, body := ta.Call(f.t1, http.MethodPost, a+"/lessons/3/complete", ""); st != 200 || !strings.Contains(body, `"studentsPaid":1`) {
		t.Fatalf("completion after a new student joined: %d %s", st, body)
	}
	if got := ta.Count(`SELECT COUNT(*) FROM coin_ledger WHERE type = 'lesson_reward' AND student_id = ?`, newKid.ID); got != 1 {
		t.Fatalf("new student paid %d times", got)
	}
	if got := ta.Count(`SELECT COUNT(*) FROM coin_ledger WHERE type = 'lesson_reward'`); got != 4 {
		t.Fatalf("%d lesson payments, want 4", got)
	}
	// Balances still add up to the ledger.
	if got := ta.Count(`SELECT COUNT(*) FROM students s WHERE coins <> (SELECT COALESCE(SUM(amount), 0) FROM coin_ledger WHERE student_id = s.id)`); got != 0 {
		t.Fatalf("%d students whose balance is not their ledger's sum", got)
	}
	// The class card summary counts the lesson once.
	if st, body := ta.Call(f.t1, http.MethodGet, "/api/v1/lessons/progress", ""); st != 200 || !strings.Contains(body, `"completed":1,"total":5`) {
		t.Fatalf("progress: %d %s", st, body)
	}
	// An archived class's lessons do not change.
	if st, body := ta.Call(f.t1, http.MethodPost, a+"/archive", ""); st != 200 {
		t.Fatalf("archive: %d %s", st, body)
	}
	if st, body := ta.Call(f.t1, http.MethodPost, a+"/lessons/2/start", ""); st != http.StatusConflict || !strings.Contains(body, "class_archived") {
		t.Fatalf("start in an archived class: %d %s", st, body)
	}
}

// Bad or partial ballots are refused with a clear error and change nothing.
func TestLoungeBadBallots(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	sid := f.openVote(t, f.t1, f.classA)
	three := func(cl string, picks string) string {
		full := map[string]string{
			"treat":     `[{"value":"kindness","rank":1},{"value":"respect","rank":2},{"value":"honesty","rank":3}]`,
			"challenge": `[{"value":"courage","rank":1},{"value":"calm","rank":2},{"value":"focus","rank":3}]`,
			"learn":     `[{"value":"curiosity","rank":1},{"value":"teamwork","rank":2},{"value":"practice","rank":3}]`,
			"daily":     `[{"value":"joy","rank":1},{"value":"effort","rank":2},{"value":"health","rank":3}]`,
		}
		var parts []string
		for _, k := range []string{"treat", "challenge", "learn", "daily"} {
			v := full[k]
			if k == cl {
				if picks == "" {
					continue
				}
				v = picks
			}
			parts = append(parts, fmt.Sprintf("%q:%s", k, v))
		}
		return fmt.Sprintf(`{"sessionId":%d,"ballot":{%s}}`, sid, strings.Join(parts, ","))
	}
	vote := "/api/v1/student/values/vote"
	ta.Run([]apptest.Scenario{
		{Name: "two values", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"wrong_count", "(you chose 2)", `"treat"`},
			Body: three("treat", `[{"value":"kindness","rank":1},{"value":"respect","rank":2}]`)},
		{Name: "four values", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"wrong_count", "(you chose 4)"},
			Body: three("learn", `[{"value":"curiosity","rank":1},{"value":"teamwork","rank":2},{"value":"practice","rank":3},{"value":"questions","rank":3}]`)},
		{Name: "no values", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"wrong_count"}, Body: three("daily", `[]`)},
		{Name: "null values", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"wrong_count"}, Body: three("daily", `null`)},
		{Name: "duplicate rank", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"duplicate_rank", "number 1"},
			Body: three("treat", `[{"value":"kindness","rank":1},{"value":"respect","rank":1},{"value":"honesty","rank":3}]`)},
		{Name: "rank 0", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"bad_rank"},
			Body: three("treat", `[{"value":"kindness","rank":0},{"value":"respect","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "rank 4", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"bad_rank"},
			Body: three("treat", `[{"value":"kindness","rank":1},{"value":"respect","rank":2},{"value":"honesty","rank":4}]`)},
		{Name: "rank missing", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"bad_rank"},
			Body: three("treat", `[{"value":"kindness"},{"value":"respect","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "rank as text", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"wrong_type"},
			Body: three("treat", `[{"value":"kindness","rank":"1"},{"value":"respect","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "same value twice", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"duplicate_value", "Kindness"},
			Body: three("treat", `[{"value":"kindness","rank":1},{"value":"kindness","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "unknown value", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"unknown_value", "pizza"},
			Body: three("treat", `[{"value":"kindness","rank":1},{"value":"pizza","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "value of another cluster", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"unknown_value"},
			Body: three("treat", `[{"value":"kindness","rank":1},{"value":"courage","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "cluster missing", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"ballot_incomplete", "How we show up each day"},
			Body: three("daily", "")},
		{Name: "unknown cluster", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"unknown_cluster"},
			Body: strings.Replace(three("", ""), `"daily":`, `"weekend":[],"daily":`, 1)},
		{Name: "empty ballot", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"ballot_empty"},
			Body: fmt.Sprintf(`{"sessionId":%d,"ballot":{}}`, sid)},
		{Name: "no session id", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"sessionId"},
			Body: strings.Replace(three("", ""), fmt.Sprintf(`"sessionId":%d,`, sid), "", 1)},
		{Name: "a vote that does not exist", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 404, WantContent: []string{"not_found"},
			Body: strings.Replace(three("", ""), fmt.Sprintf(`"sessionId":%d`, sid), fmt.Sprintf(`"sessionId":%d`, sid+100), 1)},
		{Name: "unknown field", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"unknown_field"},
			Body: strings.Replace(three("", ""), `"ballot"`, `"student":3,"ballot"`, 1)},
		{Name: "unknown field in a pick", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"unknown_field"},
			Body: three("treat", `[{"value":"kindness","rank":1,"weight":9},{"value":"respect","rank":2},{"value":"honesty","rank":3}]`)},
		{Name: "not JSON", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 400, WantContent: []string{"bad_json"}, Body: `{"sessionId":`},
		{Name: "no body", Client: f.kidA, Method: "POST", Path: vote, WantStatus: 415},
	})
	if n := ta.Count(`SELECT COUNT(*) FROM values_votes`); n != 0 {
		t.Fatalf("%d ballots stored after refusals", n)
	}
	if n := ta.Count(`SELECT COUNT(*) FROM student_achievements WHERE code = 'values_voter'`); n != 0 {
		t.Fatalf("values_voter earned by a refused ballot")
	}
	if st, body := ta.Call(f.kidA, http.MethodPost, vote, three("", "")); st != 200 {
		t.Fatalf("the good ballot after the bad ones: %d %s", st, body)
	}
}

// The teacher's screen learns over the class socket who voted, never what;
// students and other teachers cannot follow the class.
func TestLoungeVotersLiveOverTheClassSocket(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	topic := fmt.Sprintf("class:%d", f.classA)
	teacher := ta.Dial(f.t1, "")
	teacher.Name = "teacher"
	teacher.Send(map[string]string{"type": "subscribe", "topic": topic})
	teacher.Next("subscribed")
	other := ta.Dial(f.t2, "")
	other.Send(map[string]string{"type": "subscribe", "topic": topic})
	other.Error("bad_topic")
	kid := ta.Dial(f.kidA, "as=student")
	kid.Send(map[string]string{"type": "subscribe", "topic": topic})
	kid.Error("bad_topic")

	sid := f.openVote(t, f.t1, f.classA)
	if m := teacher.Next("values_session"); m["op"] != "open" {
		t.Fatalf("session message: %v", m)
	}
	for i, id := range f.kidsA {
		if st, body := ta.Call(ta.StudentClient(id), http.MethodPost, "/api/v1/student/values/vote", ballotJSON(sid, goodPicks)); st != 200 {
			t.Fatalf("vote: %d %s", st, body)
		}
		m := teacher.Next("values_voted")
		if apptest.Num(m, "studentId") != int(id) || apptest.Num(m, "voters") != i+1 || apptest.Num(m, "sessionId") != int(sid) {
			t.Fatalf("voted message %v, want student %d and %d voters", m, id, i+1)
		}
		for _, k := range []string{"ballot", "picks", "values"} {
			if _, leaked := m[k]; leaked {
				t.Fatalf("the socket carried the ballot: %v", m)
			}
		}
	}
}

// Each side hears about a vote that changed under it in its own words: a
// pupil whose page still shows a vote the teacher reset is told to
// reload; a teacher closing a closed vote is told how to reopen it.
func TestLoungeStaleVoteWordsForEachSide(t *testing.T) {
	f := newLounge(t)
	ta := f.ta
	base := fmt.Sprintf("/api/v1/classes/%d/values", f.classA)
	sid := f.openVote(t, f.t1, f.classA)
	ta.Run([]apptest.Scenario{
		{Name: "close", Client: f.t1, Method: "POST", Path: base + "/close", WantStatus: 200},
		{Name: "close again", Client: f.t1, Method: "POST", Path: base + "/close", WantStatus: 409,
			WantContent: []string{"vote_closed", "Extend it to open it again"}, NotContent: []string{"Ask your teacher"}},
		{Name: "reset", Client: f.t1, Method: "POST", Path: base + "/reset", WantStatus: 200},
		{Name: "a ballot for the reset vote", Client: f.kidA, Method: "POST", Path: "/api/v1/student/values/vote", WantStatus: 409,
			WantContent: []string{"no_vote", "Reload the page"}, NotContent: []string{"Open one first"},
			Body: fmt.Sprintf(`{"sessionId":%d,"ballot":{%s}}`, sid, strings.Join([]string{
				`"treat":[{"value":"kindness","rank":1},{"value":"respect","rank":2},{"value":"honesty","rank":3}]`,
				`"challenge":[{"value":"courage","rank":1},{"value":"calm","rank":2},{"value":"focus","rank":3}]`,
				`"learn":[{"value":"curiosity","rank":1},{"value":"teamwork","rank":2},{"value":"practice","rank":3}]`,
				`"daily":[{"value":"joy","rank":1},{"value":"effort","rank":2},{"value":"health","rank":3}]`}, ","))},
	})
}
