package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"

	"golang.org/x/time/rate"

	"animalgenius/app/accounts"
)

// The quiz scenario: a school finishing the quiz. --concurrency clients
// each submit first quizzes for new students (random answers, a fresh name
// and idempotency key each) into classes a bench teacher made, until
// --students submissions, --duration or the request budget. With --rate
// the clients together keep to that many submissions per second (an open
// load, as real students arrive); without it they go as fast as they can.

// benchQuizClassSize stays under the server's 1,000 students per class.
const benchQuizClassSize = 900

func benchQuiz(ctx context.Context, e *benchEnv) error {
	n := e.opts.Students
	if n < 1 {
		return errors.New("--students must be at least 1 for the quiz scenario")
	}
	_, post, err := benchTeacher(ctx, e)
	if err != nil {
		return err
	}
	var codes []string
	for i := 0; i*benchQuizClassSize < n; i++ {
		body, err := post("/api/v1/classes", fmt.Sprintf(`{"name":"Bench %d"}`, i+1))
		if err != nil {
			return err
		}
		var v struct {
			Class struct{ Code string } `json:"class"`
		}
		if err := json.Unmarshal(body, &v); err != nil {
			return err
		}
		codes = append(codes, v.Class.Code)
	}
	quiz, err := benchFetchQuiz(ctx, e)
	if err != nil {
		return err
	}
	csrf, _ := accounts.NewToken()
	var limiter *rate.Limiter
	if e.opts.Rate > 0 {
		limiter = rate.NewLimiter(rate.Limit(e.opts.Rate), max(1, int(e.opts.Rate/50)))
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < e.opts.Concurrency; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if limiter != nil && limiter.Wait(ctx) != nil {
					return
				}
				body := benchQuizBody(quiz, i)
				req, _ := http.NewRequest(http.MethodPost, e.base+"/api/v1/join/"+codes[i/benchQuizClassSize]+"/submit", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-CSRF-Token", csrf)
				req.Header.Set("Cookie", "ag_csrf="+csrf)
				req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%d-%016x", i, rand.Uint64()))
				if _, err := e.timed(ctx, "quiz: submit", req, http.StatusCreated); errors.Is(err, errBudget) {
					return
				}
			}
		}()
	}
	wg.Wait()
	return nil
}

type benchQuizBank struct {
	BankVersion string `json:"bankVersion"`
	Questions   []struct {
		ID      string `json:"id"`
		Options []struct {
			ID string `json:"id"`
		} `json:"options"`
	} `json:"questions"`
}

func benchFetchQuiz(ctx context.Context, e *benchEnv) (benchQuizBank, error) {
	var q benchQuizBank
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, e.base+"/api/v1/quiz", nil)
	resp, err := e.client.Do(req)
	if err != nil {
		return q, err
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if resp.StatusCode != http.StatusOK {
		return q, fmt.Errorf("GET /api/v1/quiz: status %d", resp.StatusCode)
	}
	return q, json.Unmarshal(b, &q)
}

// benchQuizBody is student i's submission: a unique name of letters (names
// may not hold digits) and random answers.
func benchQuizBody(q benchQuizBank, i int) string {
	name := []byte("Kid")
	for v := i; ; v /= 26 {
		name = append(name, byte('a'+v%26))
		if v < 26 {
			break
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, `{"firstName":%q,"lastInitial":"Q","quiz":{"bankVersion":%q,"answers":[`, name, q.BankVersion)
	for j, question := range q.Questions {
		if j > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"q":%q,"a":%q}`, question.ID, question.Options[rand.IntN(len(question.Options))].ID)
	}
	b.WriteString("]}}")
	return b.String()
}
