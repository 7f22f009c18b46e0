package bench

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// benchLounge is the Learning Lounge part of a school's day: every teacher
// starts lesson 4 and opens the class values vote; every student votes
// (--concurrency at a time, all at once or spread over --spread) while the
// teachers' class sockets hear who voted; then every teacher finalizes
// the vote and completes the lesson, which pays each student 10 coins.
func benchLounge(ctx context.Context, e *benchEnv, list []benchClass, sessions []string) error {
	start := time.Now()
	votes := make(map[int64]int64, len(list)) // class -> vote id
	for _, cl := range list {
		ck := &http.Cookie{Name: "ag_session", Value: cl.cookie}
		if _, _, err := benchSend(ctx, e, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/lessons/4/start", cl.ID), "",
			"POST /classes/:id/lessons/:lid/start", ck, nil, http.StatusOK); err != nil {
			return err
		}
		_, raw, err := benchSend(ctx, e, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/values/open", cl.ID), "",
			"POST /classes/:id/values/open", ck, nil, http.StatusOK)
		if err != nil {
			return err
		}
		var v struct{ Session struct{ ID int64 } }
		if err := json.Unmarshal(raw, &v); err != nil || v.Session.ID == 0 {
			return fmt.Errorf("open vote: %v %s", err, raw)
		}
		votes[cl.ID] = v.Session.ID
	}
	n := len(sessions)
	voteStart := time.Now()
	benchEach(ctx, e, n, func(i int) bool {
		if sessions[i] == "" {
			return true
		}
		if e.opts.Spread > 0 && n > 1 {
			if !benchSleep(ctx, time.Until(voteStart.Add(e.opts.Spread*time.Duration(i)/time.Duration(n)))) {
				return false
			}
		}
		cl := list[i%len(list)]
		_, _, err := benchSend(ctx, e, http.MethodPost, "/api/v1/student/values/vote", benchBallot(votes[cl.ID], i),
			"student: POST /student/values/vote", &http.Cookie{Name: "ag_student", Value: sessions[i]}, nil, http.StatusOK)
		return !errors.Is(err, errBudget)
	})
	e.phase("values vote", time.Since(voteStart))
	e.writeRatio("student: POST /student/values/vote", "values vote")
	for _, cl := range list {
		ck := &http.Cookie{Name: "ag_session", Value: cl.cookie}
		if _, _, err := benchSend(ctx, e, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/values/finalize", cl.ID), "",
			"POST /classes/:id/values/finalize", ck, nil, http.StatusOK); errors.Is(err, errBudget) {
			break
		}
		if _, _, err := benchSend(ctx, e, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/lessons/4/complete", cl.ID), "",
			"POST /classes/:id/lessons/:lid/complete", ck, nil, http.StatusOK); errors.Is(err, errBudget) {
			break
		}
	}
	e.phase("lounge", time.Since(start))
	return nil
}

// Values the bench ballots choose from: student i ranks a rotation of
// these, so the tally has real competition.
var benchValues = map[string][]string{
	"treat":     {"kindness", "respect", "inclusion", "honesty", "empathy"},
	"challenge": {"perseverance", "courage", "calm", "problem_solving", "flexibility"},
	"learn":     {"curiosity", "teamwork", "sharing_ideas", "creativity", "encouragement"},
	"daily":     {"positivity", "readiness", "effort", "joy", "mindfulness"},
}

// benchBallot is student i's whole ballot for vote id.
func benchBallot(id int64, i int) string {
	var parts []string
	for _, cl := range []string{"treat", "challenge", "learn", "daily"} {
		vals := benchValues[cl]
		var picks []string
		for r := range 3 {
			picks = append(picks, fmt.Sprintf(`{"value":%q,"rank":%d}`, vals[(i+r)%len(vals)], r+1))
		}
		parts = append(parts, fmt.Sprintf(`%q:[%s]`, cl, strings.Join(picks, ",")))
	}
	return fmt.Sprintf(`{"sessionId":%d,"ballot":{%s}}`, id, strings.Join(parts, ","))
}
