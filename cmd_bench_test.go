package main

import (
	"animalgenius/app/apptest"
	"animalgenius/app/bench"
	"encoding/json"
	"os/exec"
	"strings"
	"testing"
)

func TestBenchCommandStartsItsOwnServerAndReports(t *testing.T) {
	code, out := apptest.RunBin(t, nil, "bench", "--duration", "2s", "--max-requests", "300", "--concurrency", "4", "--json")
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, out)
	}
	var rep bench.Report
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &rep); err != nil {
		t.Fatalf("bench --json output: %v\n%s", err, out)
	}
	total := 0
	for _, op := range rep.Operations {
		total += op.Count
		if op.Errors > 0 {
			t.Errorf("%s: %d errors %v", op.Name, op.Errors, op.ErrorKinds)
		}
		if op.Count > 0 && (op.P50ms <= 0 || op.P99ms < op.P50ms) {
			t.Errorf("%s: implausible percentiles %+v", op.Name, op)
		}
	}
	// The request budget bounds the run.
	if total == 0 || total > 300 {
		t.Fatalf("requests made: %d (budget 300)", total)
	}
	if rep.ServerRSS <= 0 || !strings.HasPrefix(rep.Target, "http://127.0.0.1:") {
		t.Fatalf("report: %+v", rep)
	}
}

func TestBenchRefusesBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"bench", "--duration", "11m"},
		{"bench", "--scenario", "nope"},
		{"bench", "--url", "ftp://x"},
		{"bench", "--concurrency", "0"},
	} {
		if code, out := apptest.RunBin(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d: %s", args, code, out)
		}
	}
}

// --server-cpus runs the scenarios once per CPU list, on a server pinned
// with taskset (where it exists), and reports how each run was pinned.
func TestBenchServerCPUs(t *testing.T) {
	code, out := apptest.RunBin(t, nil, "bench", "--duration", "2s", "--max-requests", "20000", "--concurrency", "4", "--json",
		"--server-cpus", "0", "--server-cpus", "0", "--load-cpus", "0")
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, out)
	}
	var reps []bench.Report
	if err := json.Unmarshal([]byte(out[strings.Index(out, "["):]), &reps); err != nil {
		t.Fatalf("bench --json output: %v\n%s", err, out)
	}
	want := "CPUs 0"
	if _, err := exec.LookPath("taskset"); err != nil {
		want = "not pinned (taskset not found)"
	}
	if len(reps) != 2 {
		t.Fatalf("%d runs, want 2", len(reps))
	}
	for _, rep := range reps {
		if rep.ServerCPUs != "0" || rep.ServerPinning != want || rep.LoadPinning != "CPUs 0" {
			t.Errorf("run pinned %q/%q/%q, want server %q, load CPUs 0", rep.ServerCPUs, rep.ServerPinning, rep.LoadPinning, want)
		}
		found := false
		for _, r := range rep.Ratios {
			if r.Name == "GET /healthz" && r.Reference == "reference: bare fiber GET /healthz" && r.Ratio > 0 {
				found = true
			}
		}
		if !found {
			t.Errorf("no ratio of /healthz to bare fiber: %+v", rep.Ratios)
		}
	}
	for _, args := range [][]string{
		{"bench", "--server-cpus", "x"},
		{"bench", "--server-cpus", "0-99999"},
		{"bench", "--load-cpus", "1;2"},
		{"bench", "--url", "http://127.0.0.1:1", "--server-cpus", "0"},
	} {
		if code, out := apptest.RunBin(t, nil, args...); code != 2 {
			t.Errorf("%v: exit %d: %s", args, code, out)
		}
	}
}
