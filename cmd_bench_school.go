package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"animalgenius/app/quiz"
)

// benchCSRFToken is a well-formed CSRF token the load tool's requests
// carry in both the cookie and the header (the double-submit check only
// needs the two to match).
const benchCSRFToken = "bench-csrf-token-bench-csrf-token-bench-csr"

// benchSchool: --teachers teachers sign up (the server must allow open
// sign-up; the tool's own server does) and make a class each; then
// --students students join those classes all at once (--concurrency at a
// time): open the join link, check the name, submit the quiz; then each
// logs in once with the passport code, typed in lower case without the
// hyphen; then the teachers read their rosters.
func benchSchool(ctx context.Context, e *benchEnv) error {
	type class struct {
		ID     int64  `json:"id"`
		Code   string `json:"code"`
		cookie string
	}
	teachers := e.opts.Teachers
	if per := (e.opts.Students + teachers - 1) / teachers; per > 1000 {
		teachers = (e.opts.Students + 999) / 1000 // a class holds at most 1,000 students
	}
	list := make([]class, teachers)
	run := fmt.Sprintf("%x", time.Now().UnixNano())
	for i := range list {
		body := fmt.Sprintf(`{"email":"bench-%s-%d@school.example","displayName":"Bench Teacher %d","school":"Bench","password":"bench teacher passphrase %d"}`, run, i, i, i)
		resp, _, err := benchPost(ctx, e, "", "/api/v1/auth/signup", body, "POST /auth/signup", nil, http.StatusCreated)
		if err != nil {
			return fmt.Errorf("teacher sign-up (the server must run with auth.signup_mode = \"open\"): %w", err)
		}
		for _, ck := range resp.Cookies() {
			if ck.Name == "ag_session" {
				list[i].cookie = ck.Value
			}
		}
		var created struct{ Class class }
		_, raw, err := benchPost(ctx, e, list[i].cookie, "/api/v1/classes", fmt.Sprintf(`{"name":"Bench class %d","grade":6}`, i), "POST /classes", nil, http.StatusCreated)
		if err != nil {
			return err
		}
		if err := json.Unmarshal(raw, &created); err != nil || created.Class.Code == "" {
			return fmt.Errorf("create class: %v %s", err, raw)
		}
		list[i].ID, list[i].Code = created.Class.ID, created.Class.Code
	}
	answers := make([]string, 4)
	bank := quiz.DefaultBank()
	for opt := range answers {
		sub := quiz.Submission{BankVersion: bank.Version()}
		for _, q := range bank.Questions() {
			sub.Answers = append(sub.Answers, quiz.Answer{Question: q.ID, Option: q.Options[opt%len(q.Options)].ID})
		}
		out, _ := json.Marshal(sub)
		answers[opt] = string(out)
	}

	passports := make([]string, e.opts.Students)
	workers := min(e.opts.Concurrency, max(e.opts.Students, 1))
	each := func(fn func(i int) bool) {
		var next atomic.Int64
		var wg sync.WaitGroup
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for ctx.Err() == nil {
					i := int(next.Add(1)) - 1
					if i >= e.opts.Students || !fn(i) {
						return
					}
				}
			}()
		}
		wg.Wait()
	}
	each(func(i int) bool {
		cl := list[i%len(list)]
		name := fmt.Sprintf(`"firstName":"Kid %s","lastInitial":"%c"`, benchName(i/26), 'A'+i%26)
		req, _ := http.NewRequest(http.MethodGet, e.base+"/api/v1/join/"+cl.Code, nil)
		if _, err := e.timed(ctx, "GET /join/:code", req, http.StatusOK); errors.Is(err, errBudget) {
			return false
		}
		if _, _, err := benchPost(ctx, e, "", "/api/v1/join/"+cl.Code+"/check", "{"+name+"}", "POST /join/:code/check", nil, http.StatusOK); errors.Is(err, errBudget) {
			return false
		}
		key := map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%s-%d", run, i)}
		_, raw, err := benchPost(ctx, e, "", "/api/v1/join/"+cl.Code+"/submit", "{"+name+`,"quiz":`+answers[i%4]+"}", "POST /join/:code/submit", key, http.StatusCreated)
		if errors.Is(err, errBudget) {
			return false
		}
		var got struct{ Student struct{ PassportCode string } }
		if err == nil && json.Unmarshal(raw, &got) == nil {
			passports[i] = got.Student.PassportCode
		}
		return true
	})
	each(func(i int) bool {
		if passports[i] == "" {
			return true
		}
		typed := strings.ToLower(strings.Replace(passports[i], "-", "", 1))
		_, _, err := benchPost(ctx, e, "", "/api/v1/passport/login", `{"passportCode":"`+typed+`"}`, "POST /passport/login", nil, http.StatusOK)
		return !errors.Is(err, errBudget)
	})
	for _, cl := range list {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/classes/%d/students", e.base, cl.ID), nil)
		req.AddCookie(&http.Cookie{Name: "ag_session", Value: cl.cookie})
		if _, err := e.timed(ctx, "GET /classes/:id/students", req, http.StatusOK); errors.Is(err, errBudget) {
			break
		}
	}
	return nil
}

// benchPost sends a JSON POST as a page would (CSRF cookie and header,
// optionally a teacher's session and extra headers) and records it as op.
func benchPost(ctx context.Context, e *benchEnv, session, path, body, op string, header map[string]string, want int) (*http.Response, []byte, error) {
	req, _ := http.NewRequest(http.MethodPost, e.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", benchCSRFToken)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: benchCSRFToken})
	if session != "" {
		req.AddCookie(&http.Cookie{Name: "ag_session", Value: session})
	}
	var resp *http.Response
	raw, err := e.timedResp(ctx, op, req, want, &resp)
	return resp, raw, err
}

// benchName spells n in letters (names may not hold digits).
func benchName(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}
