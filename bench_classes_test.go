package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/time/rate"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/quiz"
)

// BenchmarkQuizSubmitHTTP: first-quiz submissions (a new student each, in
// one grouped transaction: student with result, history row, welcome
// bonus, passport code, session) over real HTTP on loopback, from 200
// concurrent clients, with the default synchronous=FULL. It reports
// submissions per second and the p50/p99 latency seen by the clients.
func BenchmarkQuizSubmitHTTP(b *testing.B) {
	base, a := benchClassesApp(b)
	benchSubmit(b, base, a, 200, 0)
}

// BenchmarkQuizSubmitHTTPPaced is the same with the 200 clients together
// keeping to 1,000 submissions per second (students arrive; they do not
// wait for each other), the target load.
func BenchmarkQuizSubmitHTTPPaced(b *testing.B) {
	base, a := benchClassesApp(b)
	benchSubmit(b, base, a, 200, 1000)
}

// benchClassesApp starts the real appliance (default config: synchronous
// FULL) on a temp dir and a loopback port.
func benchClassesApp(b *testing.B) (string, *appliance) {
	b.Helper()
	cfg := config.Default()
	cfg.Server.DataDir = b.TempDir()
	cfg.Backup.Time = ""
	cfg.Server.MinFreeDiskMB = 1
	a, err := openAppliance(cfg, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- a.run(ctx, ln) }()
	b.Cleanup(func() { cancel(); <-done })
	return "http://" + ln.Addr().String(), a
}

func benchSubmit(b *testing.B, base string, a *appliance, clients int, perSecond float64) {
	var limiter *rate.Limiter
	if perSecond > 0 {
		limiter = rate.NewLimiter(rate.Limit(perSecond), 1)
	}
	ctx := context.Background()
	teacher, _, err := a.accounts.CreateAccount(ctx, accounts.CLIActor, fmt.Sprintf("bench%d@hill.school", time.Now().UnixNano()),
		"Bench", "", accounts.RoleTeacher, "purple hedgehog reads maps")
	if err != nil {
		b.Fatal(err)
	}
	perClass := 900
	var codes []string
	for i := 0; i*perClass < b.N; i++ {
		c, err := a.classes.Create(ctx, classes.Viewer{AccountID: teacher.ID}, classes.Input{Name: fmt.Sprintf("Bench %d", i)})
		if err != nil {
			b.Fatal(err)
		}
		codes = append(codes, c.Code)
	}
	bodies := make([]string, b.N)
	for i := range bodies {
		bodies[i] = benchQuizBody(benchBankOf(quiz.DefaultBank()), i)
	}
	csrf, _ := accounts.NewToken()
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients + 8}}
	lat := make([]time.Duration, b.N)
	var next atomic.Int64
	var failed atomic.Int64
	var wg sync.WaitGroup
	b.ResetTimer()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= b.N {
					return
				}
				if limiter != nil {
					limiter.Wait(ctx)
				}
				req, _ := http.NewRequest(http.MethodPost, base+"/api/v1/join/"+codes[i/perClass]+"/submit", strings.NewReader(bodies[i]))
				req.Header.Set("Content-Type", "application/json")
				req.Header.Set("X-CSRF-Token", csrf)
				req.Header.Set("Cookie", "ag_csrf="+csrf)
				req.Header.Set("Idempotency-Key", fmt.Sprintf("bench-submission-%010d", i))
				start := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					failed.Add(1)
					continue
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[i] = time.Since(start)
				if resp.StatusCode != http.StatusCreated {
					failed.Add(1)
				}
			}
		}()
	}
	wg.Wait()
	b.StopTimer()
	if n := failed.Load(); n > 0 {
		b.Fatalf("%d of %d submissions failed", n, b.N)
	}
	slices.Sort(lat)
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}

// benchBankOf is the bank in the shape the load tool reads from /api/v1/quiz.
func benchBankOf(b *quiz.Bank) benchQuizBank {
	var q benchQuizBank
	q.BankVersion = b.Version()
	for _, pq := range b.PublicQuestions() {
		var item struct {
			ID      string `json:"id"`
			Options []struct {
				ID string `json:"id"`
			} `json:"options"`
		}
		item.ID = pq.ID
		for _, o := range pq.Options {
			item.Options = append(item.Options, struct {
				ID string `json:"id"`
			}{o.ID})
		}
		q.Questions = append(q.Questions, item)
	}
	return q
}
