package bench

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The read loops over a real loopback socket: a 110 KB answer (with a
// length or in chunks) is counted as it succeeds, the cookie goes with
// every request, each worker keeps one connection, a wrong status, an
// empty body or a plain answer to a loop that asks for gzip is a failure
// with its reason, and the request budget stops the loops.
func TestAlternateReads(t *testing.T) {
	big := strings.Repeat("r", 110<<10)
	var served, conns atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		switch r.URL.Path {
		case "/roster":
			if ck, err := r.Cookie("ag_session"); err != nil || ck.Value != "teacher" {
				http.Error(w, "no session", http.StatusUnauthorized)
				return
			}
			if r.Header.Get("Accept-Encoding") == "gzip, deflate, br" {
				w.Header().Set("Content-Encoding", "gzip") // the loop counts bytes, it does not unzip
			}
			w.Header().Set("Content-Length", strconv.Itoa(len(big)))
			w.Write([]byte(big))
		case "/chunked": // no length: net/http sends it in chunks
			w.Write([]byte(big))
			w.(http.Flusher).Flush()
			w.Write([]byte(big))
		case "/empty":
		default:
			http.NotFound(w, r)
		}
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	const workers = 4
	e := &benchEnv{base: srv.URL, stats: &statsSet{}, opts: Options{Concurrency: workers, MaxRequests: 1 << 40}}
	session := &http.Cookie{Name: "ag_session", Value: "teacher"}
	paths := []readPath{
		{op: "roster", path: func(int) (string, *http.Cookie) { return "/roster", session }},
		{op: "chunked", path: func(int) (string, *http.Cookie) { return "/chunked", nil }},
		{op: "no cookie", path: func(int) (string, *http.Cookie) { return "/roster", nil }},
		{op: "missing", path: func(int) (string, *http.Cookie) { return "/missing", nil }},
		{op: "empty", base: srv.URL, path: func(int) (string, *http.Cookie) { return "/empty", nil }},
		{op: "nothing to ask", path: func(int) (string, *http.Cookie) { return "", nil }},
		{op: "gzip", gzip: true, path: func(int) (string, *http.Cookie) { return "/roster", session }},
		{op: "gzip refused", gzip: true, path: func(int) (string, *http.Cookie) { return "/chunked", nil }},
	}
	rates := alternateReads(context.Background(), e, paths, 300*time.Millisecond)
	if len(rates) != len(paths) {
		t.Fatalf("rates %v", rates)
	}
	ops := map[string]OpReport{}
	for _, r := range e.stats.reports(time.Second) {
		ops[r.Name] = r
	}
	for i, op := range map[int]string{0: "roster", 1: "chunked", 6: "gzip"} {
		if r := ops[op]; r.Count < 10 || r.Errors > 0 || rates[i] <= 0 {
			t.Errorf("%s: %d ok, errors %v, rate %.0f/s", op, r.Count, r.ErrorKinds, rates[i])
		}
	}
	for op, reason := range map[string]string{"no cookie": "status 401", "missing": "status 404", "empty": "empty body", "gzip refused": "not gzipped"} {
		r, i := ops[op], map[string]int{"no cookie": 2, "missing": 3, "empty": 4, "gzip refused": 7}[op]
		if r.Count != 0 || r.Errors < 1 || r.ErrorKinds[reason] != r.Errors || rates[i] != 0 {
			t.Errorf("%s: %d ok, errors %v (want only %q), rate %.0f/s", op, r.Count, r.ErrorKinds, reason, rates[i])
		}
	}
	if _, ok := ops["nothing to ask"]; ok || rates[5] != 0 {
		t.Errorf("a path with nothing to ask was asked: rate %.0f/s", rates[5])
	}
	// Every request the server saw was recorded, over one connection per
	// worker for all the rounds (one server, one client).
	recorded := int64(0)
	for _, r := range ops {
		recorded += int64(r.Count + r.Errors)
	}
	if served.Load() != recorded {
		t.Errorf("server answered %d requests, %d recorded", served.Load(), recorded)
	}
	if conns.Load() > workers {
		t.Errorf("%d connections for %d workers", conns.Load(), workers)
	}

	// The budget stops the loops.
	e = &benchEnv{base: srv.URL, stats: &statsSet{}, opts: Options{Concurrency: workers, MaxRequests: 50}}
	alternateReads(context.Background(), e, paths[:1], 300*time.Millisecond)
	if ok, failed := e.stats.total(); ok != 50 || failed != 0 {
		t.Errorf("budget of 50: %d ok, %d failed", ok, failed)
	}
}
