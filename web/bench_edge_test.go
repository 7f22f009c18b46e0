package web_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"
	"syscall"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
	"animalgenius/app/bench"
	"animalgenius/app/classes"
)

// The login and join paths, sequentially over real HTTP on loopback, one
// keep-alive connection: what issue 14 (client address, budgets, device
// cookies) adds to each request shows here (docs/PERFORMANCE.md).
//
//	go test -run '^$' -bench 'Edge' -benchtime 2000x -count 5 ./web

type edgeBench struct {
	base   string
	client *http.Client
	code   string // a class code
	pass   string // a passport code of that class
}

func startEdgeBench(b *testing.B) *edgeBench {
	base, a := apptest.StartBench(b)
	ctx := context.Background()
	owner, _, err := a.Accounts().CreateAccount(ctx, accounts.CLIActor, "bench@hill.school", "Bench", "", "teacher", apptest.Password)
	if err != nil {
		b.Fatal(err)
	}
	cl, err := a.Classes().Create(ctx, classes.Viewer{AccountID: owner.ID}, classes.Input{Name: "Bench", Grade: 6})
	if err != nil {
		b.Fatal(err)
	}
	tr := &http.Transport{MaxIdleConnsPerHost: 1}
	b.Cleanup(tr.CloseIdleConnections)
	e := &edgeBench{base: base, client: &http.Client{Transport: tr, Timeout: 30 * time.Second}, code: cl.Code}
	st, body := e.do(b, "POST", "/api/v1/join/"+cl.Code+"/submit",
		fmt.Sprintf(`{"firstName":"Ann","lastInitial":"B","quiz":%s}`, benchAnswers(0)), nil)
	if st != http.StatusCreated {
		b.Fatalf("submit: %d %s", st, body)
	}
	i := strings.Index(body, `"passportCode":"`)
	if i < 0 {
		b.Fatalf("no passport code in %s", body)
	}
	e.pass = body[i+16 : i+16+9]
	return e
}

func (e *edgeBench) do(b *testing.B, method, path, body string, cookies []*http.Cookie) (int, string) {
	req, _ := http.NewRequest(method, e.base+path, strings.NewReader(body))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", apptest.NewKey())
	req.Header.Set("X-CSRF-Token", bench.CSRFToken)
	req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: bench.CSRFToken})
	for _, c := range cookies {
		req.AddCookie(c)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		b.Fatal(err)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, string(got)
}

// BenchmarkEdgePassportLogin: a pupil signs in with its passport code.
func BenchmarkEdgePassportLogin(b *testing.B) {
	e := startEdgeBench(b)
	body := `{"passportCode":"` + e.pass + `"}`
	b.ReportAllocs()
	cpu := startCPU(b)
	b.ResetTimer()
	for range b.N {
		if st, got := e.do(b, "POST", "/api/v1/passport/login", body, nil); st != http.StatusOK {
			b.Fatalf("login: %d %s", st, got)
		}
	}
	cpu.report()
}

// BenchmarkEdgeJoinGet: a pupil opens the join link of its class.
func BenchmarkEdgeJoinGet(b *testing.B) {
	e := startEdgeBench(b)
	b.ReportAllocs()
	cpu := startCPU(b)
	b.ResetTimer()
	for range b.N {
		if st, got := e.do(b, "GET", "/api/v1/join/"+e.code, "", nil); st != http.StatusOK {
			b.Fatalf("join: %d %s", st, got)
		}
	}
	cpu.report()
}

// BenchmarkEdgeTeacherLogin: a teacher signs in (argon2id dominates).
func BenchmarkEdgeTeacherLogin(b *testing.B) {
	e := startEdgeBench(b)
	body := `{"email":"bench@hill.school","password":"` + apptest.Password + `"}`
	b.ReportAllocs()
	cpu := startCPU(b)
	b.ResetTimer()
	for range b.N {
		if st, got := e.do(b, "POST", "/api/v1/auth/login", body, nil); st != http.StatusOK {
			b.Fatalf("teacher login: %d %s", st, got)
		}
	}
	cpu.report()
}

// cpuMeter reports the process's CPU time (user + system, server and
// client together, both in this process) per operation: far steadier than
// wall time on a shared machine.
type cpuMeter struct {
	b     *testing.B
	start time.Duration
}

func startCPU(b *testing.B) *cpuMeter { return &cpuMeter{b: b, start: processCPU()} }

func (m *cpuMeter) report() {
	m.b.ReportMetric(float64((processCPU()-m.start).Microseconds())/float64(m.b.N), "cpu-us/op")
}

func processCPU() time.Duration {
	var ru syscall.Rusage
	_ = syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
