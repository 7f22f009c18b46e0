package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
)

// ballotJSON builds a full ballot: per cluster the three codes given
// (ranks 1, 2, 3 in order).
func ballotJSON(session int64, picks map[string][3]string) string {
	var parts []string
	for cl, codes := range picks {
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

func TestLoungeSmoke(t *testing.T) {
	ta := startApp(t, nil)
	ta.CreateAccount("t1@school.example", "teacher")
	c1 := ta.Login("t1@school.example", testPassword)
	cl := ta.CreateClass(c1, "Room 4")
	s1c, s1 := ta.Join(cl.Code, "Ada", "L", answersAt("ESTJ", "visual"))
	_, _ = ta.Join(cl.Code, "Bo", "K", answersAt("INFP", "visual"))
	base := fmt.Sprintf("/api/v1/classes/%d", cl.ID)

	st, body := ta.call(c1, http.MethodGet, "/api/v1/lessons", "")
	t.Logf("lessons %d %.200s", st, body)
	st, body = ta.call(c1, http.MethodPost, base+"/lessons/4/start", "")
	t.Logf("start %d %s", st, body)
	st, body = ta.call(c1, http.MethodPost, base+"/lessons/4/activities/1/done", "")
	t.Logf("done %d %s", st, body)
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			st, body := ta.call(c1, http.MethodPost, base+"/lessons/4/complete", "")
			t.Logf("complete %d %s", st, body)
		}()
	}
	wg.Wait()
	st, body = ta.call(s1c, http.MethodGet, "/api/v1/student/me", "")
	t.Logf("me %d %.300s", st, body)
	st, body = ta.call(c1, http.MethodPost, base+"/values/open", "")
	t.Logf("open %d %s", st, body)
	var v struct{ Session struct{ ID int64 } }
	decode(t, body, &v)
	st, body = ta.call(s1c, http.MethodPost, "/api/v1/student/values/vote", ballotJSON(v.Session.ID, goodPicks))
	t.Logf("vote %d %s", st, body)
	st, body = ta.call(s1c, http.MethodPost, "/api/v1/student/values/vote", ballotJSON(v.Session.ID, goodPicks))
	t.Logf("vote again %d %s", st, body)
	st, body = ta.call(c1, http.MethodGet, base+"/values", "")
	t.Logf("class values %d %.300s", st, body)
	st, body = ta.call(c1, http.MethodPost, base+"/values/finalize", "")
	t.Logf("finalize %d %s", st, body)
	st, body = ta.call(s1c, http.MethodGet, "/api/v1/student/values", "")
	t.Logf("student values %d %.200s", st, body[len(body)-600:])
	st, body = ta.call(s1c, http.MethodGet, "/api/v1/student/achievements", "")
	t.Logf("achievements %d %s", st, body)
	st, body = ta.call(c1, http.MethodGet, base+"/achievements", "")
	t.Logf("counts %d %s", st, body)
	st, body = ta.call(c1, http.MethodGet, fmt.Sprintf("%s/students/%d/achievements", base, s1.ID), "")
	t.Logf("student ach %d %.100s", st, body)
	st, body = ta.call(c1, http.MethodGet, "/api/v1/lessons/progress", "")
	t.Logf("progress %d %s", st, body)
}
