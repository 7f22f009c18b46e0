package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app/apptest"
)

// Quiz submissions from 64 clients over real HTTP to the real binary
// running with GOMAXPROCS=1 (a 1-vCPU box, or `taskset -c 0`) must share
// fsyncs: at least 10 writes per group commit. On one core the grouping
// used to collapse to 1-4 writes per commit exactly when many clients
// wrote (docs/PERFORMANCE.md, issue 19). Counts the server's own commit
// counters in /metrics; no clock is involved.
func TestSubmissionsGroupOnOneCore(t *testing.T) {
	srv := startBinary(t, t.TempDir(), "GOMAXPROCS=1", "AG_AUTH_SIGNUP_MODE=open")
	defer srv.stop(t)
	client := &http.Client{Timeout: 30 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: 128}}
	const csrf = "csrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsrfcsr"
	send := func(path, body, cookie string, header ...string) (*http.Response, []byte) {
		t.Helper()
		req, _ := http.NewRequest(http.MethodPost, srv.url+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("X-CSRF-Token", csrf)
		req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: csrf})
		if cookie != "" {
			req.AddCookie(&http.Cookie{Name: "ag_session", Value: cookie})
		}
		for i := 0; i+1 < len(header); i += 2 {
			req.Header.Set(header[i], header[i+1])
		}
		resp, err := client.Do(req)
		if err != nil {
			t.Error(err)
			return nil, nil
		}
		defer resp.Body.Close()
		got, _ := io.ReadAll(resp.Body)
		return resp, got
	}
	resp, got := send("/api/v1/auth/signup", `{"email":"group@school.test","displayName":"Group","school":"Hill","password":"`+apptest.Password+`"}`, "")
	if resp == nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("sign-up: %s", got)
	}
	var session string
	for _, c := range resp.Cookies() {
		if c.Name == "ag_session" {
			session = c.Value
		}
	}
	const clients, each = 64, 8
	var codes []string
	for i := range 2 { // a class holds at most 500 students
		resp, got := send("/api/v1/classes", fmt.Sprintf(`{"name":"Group %d","grade":6}`, i), session)
		var v struct{ Class struct{ Code string } }
		if resp == nil || resp.StatusCode != http.StatusCreated || json.Unmarshal(got, &v) != nil {
			t.Fatalf("class: %s", got)
		}
		codes = append(codes, v.Class.Code)
	}
	before := groupCounters(t, client, srv.url)
	answers := apptest.AnswersAt("INTP", "visual")
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				n := c*each + i
				name := string(rune('A'+n%26)) + strings.Repeat(string(rune('a'+n/26%26)), 1+n/676)
				resp, got := send("/api/v1/join/"+codes[n%2]+"/submit", apptest.SubmitBody(name, "G", answers), "", "Idempotency-Key", apptest.NewKey())
				if resp == nil || resp.StatusCode != http.StatusCreated {
					t.Errorf("submit %d: %s", n, got)
					return
				}
			}
		}()
	}
	wg.Wait()
	after := groupCounters(t, client, srv.url)
	writes, groups := after[0]-before[0], after[1]-before[1]
	if writes != clients*each {
		t.Fatalf("%v grouped writes, want %d", writes, clients*each)
	}
	if per := writes / groups; per < 10 {
		t.Fatalf("%v submissions in %v group commits: %.1f per fsync on one core, want at least 10", writes, groups, per)
	}
	t.Logf("%v submissions in %v group commits", writes, groups)
}

// groupCounters reads the grouped writes and group commits from /metrics.
func groupCounters(t *testing.T, client *http.Client, base string) [2]float64 {
	t.Helper()
	resp, err := client.Get(base + "/metrics")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out [2]float64
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		for i, name := range []string{"animalgenius_db_grouped_writes_total ", "animalgenius_db_write_groups_total "} {
			if v, ok := strings.CutPrefix(sc.Text(), name); ok {
				out[i], _ = strconv.ParseFloat(v, 64)
			}
		}
	}
	return out
}
