package web_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/app/bench"
	"animalgenius/app/classes"
	"animalgenius/app/quiz"
)

// BenchmarkQuizSubmit200Clients measures whole first-quiz submissions
// (decode, score, the writer transaction with the student, history,
// welcome bonus, passport code and session) from 200 concurrent clients
// over real HTTP on loopback, with synchronous=FULL, clients sending back
// to back (a closed loop: the most the box takes). It reports
// submissions per second and the p50/p99 latency of one submission.
//
//	go test -run '^$' -bench QuizSubmit200 -benchtime 10000x .
func BenchmarkQuizSubmit200Clients(b *testing.B) { benchQuizSubmit(b, 0) }

// BenchmarkQuizSubmit200ClientsAt1000PerSecond offers the target load:
// 200 clients together sending 1,000 submissions per second (each client
// one every 200 ms), and reports the latency a student then sees.
func BenchmarkQuizSubmit200ClientsAt1000PerSecond(b *testing.B) { benchQuizSubmit(b, 1000) }

func benchQuizSubmit(b *testing.B, perSecond int) {
	base, a := apptest.StartBench(b)

	owner, _, err := a.Accounts().CreateAccount(context.Background(), accounts.CLIActor, "bench@hill.school", "Bench", "", "teacher", apptest.Password)
	if err != nil {
		b.Fatal(err)
	}
	// A class holds at most classes.MaxStudents: spread the students over classes of 500.
	var codes []string
	for i := range b.N/500 + 1 {
		cl, err := a.Classes().Create(context.Background(), classes.Viewer{AccountID: owner.ID}, classes.Input{Name: fmt.Sprintf("Bench %d", i), Grade: 6})
		if err != nil {
			b.Fatal(err)
		}
		codes = append(codes, cl.Code)
	}
	var answers []string
	for opt := range 4 {
		answers = append(answers, benchAnswers(opt))
	}
	tr := &http.Transport{MaxIdleConns: 400, MaxIdleConnsPerHost: 400}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	const clients = 200
	lat := make([]time.Duration, b.N)
	var next, failures atomic.Int64
	var firstFailure atomic.Value
	var wg sync.WaitGroup
	run := time.Now().UnixNano()
	b.ResetTimer()
	start := time.Now()
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var tick *time.Ticker
			if perSecond > 0 {
				every := time.Second * clients / time.Duration(perSecond)
				time.Sleep(every * time.Duration(w) / clients) // spread the clients over one period
				tick = time.NewTicker(every)
				defer tick.Stop()
			}
			for {
				if tick != nil {
					<-tick.C
				}
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				body := fmt.Sprintf(`{"firstName":"Kid %s","firstNameConfirmed":true,"lastInitial":"B","quiz":%s}`, bench.Name(i), answers[i%4])
				req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/join/"+codes[i%len(codes)]+"/submit", strings.NewReader(body))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-%x-%d", run, i))
				req.Header.Set("X-CSRF-Token", bench.CSRFToken)
				req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: bench.CSRFToken})
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, err.Error())
					continue
				}
				got, _ := io.ReadAll(resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(t0)
				if resp.StatusCode != http.StatusCreated {
					failures.Add(1)
					firstFailure.CompareAndSwap(nil, fmt.Sprintf("%d %s", resp.StatusCode, got))
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	if n := failures.Load(); n > 0 {
		b.Fatalf("%d of %d submissions failed, first: %v", n, b.N, firstFailure.Load())
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "submissions/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// benchAnswers answers every question with option index opt (modulo the
// question's options), as the JSON a browser sends.
func benchAnswers(opt int) string {
	bank := quiz.DefaultBank()
	sub := quiz.Submission{BankVersion: bank.Version()}
	for _, q := range bank.Questions() {
		sub.Answers = append(sub.Answers, quiz.Answer{Question: q.ID, Option: q.Options[opt%len(q.Options)].ID})
	}
	out, _ := json.Marshal(sub)
	return string(out)
}
