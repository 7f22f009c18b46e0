package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestBenchSchoolScenario(t *testing.T) {
	code, out := runBin(t, nil, "bench", "--scenario", "school", "--teachers", "2", "--students", "30", "--concurrency", "8",
		"--duration", "60s", "--json")
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, out)
	}
	var rep BenchReport
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &rep); err != nil {
		t.Fatalf("bench --json output: %v\n%s", err, out)
	}
	want := map[string]int{"POST /auth/signup": 2, "POST /classes": 2, "GET /join/:code": 30, "POST /join/:code/check": 30,
		"POST /join/:code/submit": 30, "POST /passport/login": 30, "GET /classes/:id/students": 2}
	for _, op := range rep.Operations {
		if op.Errors > 0 {
			t.Errorf("%s: %d errors %v", op.Name, op.Errors, op.ErrorKinds)
		}
		if n, ok := want[op.Name]; ok && op.Count != n {
			t.Errorf("%s: %d requests, want %d", op.Name, op.Count, n)
		}
		delete(want, op.Name)
	}
	if len(want) > 0 {
		t.Errorf("operations missing from the report: %v", want)
	}
}
