package bench

import (
	"context"
	"runtime"
	"strconv"
	"testing"
	"time"
)

func TestParseCPUs(t *testing.T) {
	last := runtime.NumCPU() - 1
	for _, ok := range []string{"0", "0-0", "0,0"} {
		if _, n, err := parseCPUs(ok); err != nil || n != 1 {
			t.Errorf("%q: %d CPUs, %v", ok, n, err)
		}
	}
	if _, n, err := parseCPUs("0-" + strconv.Itoa(last)); err != nil || n != last+1 {
		t.Errorf("all CPUs: %d, %v", n, err)
	}
	for _, bad := range []string{"", "x", "-1", "1-0", "0,", "0;1", strconv.Itoa(last + 1), "0-" + strconv.Itoa(last+1), "99999"} {
		if _, _, err := parseCPUs(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

// The commit-loop reference commits exactly what it is asked to with
// several workers on a real SQLite file, and times every commit.
func TestCommitLoopReference(t *testing.T) {
	st := &statsSet{}
	op := st.op(refCommitOp)
	rate, err := commitLoop(context.Background(), op, refWorkers, time.Minute, 200)
	if err != nil || rate <= 0 {
		t.Fatalf("rate %.1f, %v", rate, err)
	}
	if r := op.report(refCommitOp, 0); r.Count != 200 || r.Errors != 0 {
		t.Fatalf("commits timed %d, errors %d; want 200, 0", r.Count, r.Errors)
	}
}
