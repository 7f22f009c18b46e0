package main

import (
	"animalgenius/app/apptest"
	"animalgenius/app/bench"
	"encoding/json"
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
