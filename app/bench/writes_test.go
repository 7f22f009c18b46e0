package bench

import (
	"animalgenius/app/apptest"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// The writes sweep at tiny scale against the server bench starts: both
// operations at every level, each with successful requests, no errors and
// the server's commit counters read; the references before and after; a
// verdict and a ratio per level. It counts; it does not judge timings.
func TestBenchWritesScenario(t *testing.T) {
	code, out := apptest.RunBin(t, nil, "bench", "--scenario", "writes", "--levels", "1,4", "--level-time", "300ms", "--json")
	if code != 0 {
		t.Fatalf("bench exit %d: %s", code, out)
	}
	var rep Report
	if err := json.Unmarshal([]byte(out[strings.Index(out, "{"):]), &rep); err != nil {
		t.Fatalf("bench --json output: %v\n%s", err, out)
	}
	for _, op := range rep.Operations {
		if op.Errors > 0 || op.Count == 0 || !strings.HasPrefix(op.Name, "writes setup: ") {
			t.Errorf("setup operation %s: %d done, %d errors %v", op.Name, op.Count, op.Errors, op.ErrorKinds)
		}
	}
	w := rep.Writes
	if w == nil {
		t.Fatalf("no writes report: %s", out)
	}
	if len(w.References) != 2 || w.References[0].PerSecond <= 0 || w.References[1].Commits <= 0 || w.RefPerSecond <= 0 {
		t.Errorf("references %+v, mean %.1f", w.References, w.RefPerSecond)
	}
	var names []string
	for _, op := range w.Operations {
		names = append(names, op.Name)
		if len(op.Levels) != 2 || op.Levels[0].Clients != 1 || op.Levels[1].Clients != 4 {
			t.Errorf("%s: levels %+v", op.Name, op.Levels)
			continue
		}
		for _, lv := range op.Levels {
			if lv.Count < 1 || lv.Errors != 0 || lv.PerSecond <= 0 || lv.P99ms < lv.P50ms || lv.Ratio <= 0 {
				t.Errorf("%s at %d clients: %d done, %d errors %v, %.1f/s, p50 %.2f p99 %.2f, ratio %.2f", op.Name, lv.Clients,
					lv.Count, lv.Errors, lv.ErrorKinds, lv.PerSecond, lv.P50ms, lv.P99ms, lv.Ratio)
			}
			// Every answered write was committed, in a group commit.
			if lv.CountersMissing != "" || lv.Groups < 1 || lv.GroupedWrites < int64(lv.Count) || lv.Commits < lv.Groups || lv.WritesPerGroup < 1 {
				t.Errorf("%s at %d clients: %d answered, commits %d, groups %d, grouped writes %d (%s)", op.Name, lv.Clients,
					lv.Count, lv.Commits, lv.Groups, lv.GroupedWrites, lv.CountersMissing)
			}
		}
		v := op.Verdict
		if v.Errors != 0 || !slices.Contains([]string{"yes", "no"}, v.Rises) || v.AtLeastRef != "n/a" || v.P99Under100 != "n/a" {
			t.Errorf("%s: verdict %+v", op.Name, v)
		}
	}
	if !slices.Equal(names, []string{"POST /api/v1/join/:code/submit", "POST /api/v1/student/store/purchases"}) {
		t.Errorf("operations %v", names)
	}
	if len(rep.Ratios) != 4 {
		t.Errorf("ratios %+v, want one per operation and level", rep.Ratios)
	}
}

func TestBenchWritesRefusesBadLevels(t *testing.T) {
	for _, args := range [][]string{
		{"--levels", "8,1"}, {"--levels", "0"}, {"--levels", "1,1"}, {"--level-time", "10ms"}, {"--level-time", "2m"},
		{"--level-time", "0"}, {"--levels", ""},
	} {
		if code, out := apptest.RunBin(t, nil, append([]string{"bench", "--scenario", "writes"}, args...)...); code != 2 {
			t.Errorf("%v: exit %d: %s", args, code, out)
		}
	}
}
