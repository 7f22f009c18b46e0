package bench

import (
	"fmt"
	"io"
	"slices"
	"strings"
)

// WritesReport is the writes sweep's part of the report (and of --json).
type WritesReport struct {
	Levels       []int   `json:"levels"`
	LevelSeconds float64 `json:"levelSeconds"`
	// References are the bare commit loop before and after the sweep, on
	// the server's CPUs; RefPerSecond is their mean, what ratios divide by.
	References   []CommitLoopResult `json:"references"`
	RefPerSecond float64            `json:"referencePerSecond"`
	Operations   []WritesOp         `json:"operations"`
}

// WritesOp is one operation's sweep and its verdict on issue 19's goals.
type WritesOp struct {
	Name    string        `json:"name"`
	About   string        `json:"about"`
	Levels  []WritesLevel `json:"levels"`
	Verdict WritesVerdict `json:"verdict"`
	short   string        // in the ratio names
}

// WritesLevel is one level of the sweep: clients closed loops for Seconds.
type WritesLevel struct {
	Clients    int            `json:"clients"`
	Count      int            `json:"count"` // answered as expected
	Errors     int            `json:"errors"`
	ErrorKinds map[string]int `json:"errorKinds,omitempty"`
	Seconds    float64        `json:"seconds"`
	PerSecond  float64        `json:"perSecond"`
	P50ms      float64        `json:"p50ms"`
	P99ms      float64        `json:"p99ms"`
	// From the server's /metrics over the level: every commit of the
	// writer, the group commits and the writes they carried.
	Commits           int64   `json:"commits"`
	Groups            int64   `json:"writeGroups"`
	GroupedWrites     int64   `json:"groupedWrites"`
	WritesPerGroup    float64 `json:"writesPerGroup"`
	RequestsPerCommit float64 `json:"requestsPerCommit"`
	CountersMissing   string  `json:"countersMissing,omitempty"`
	// Ratio is PerSecond over the bare commit loop's mean rate.
	Ratio float64 `json:"ratio"`
	// LoadCPU and ServerCPU are the CPU the load (this process) and the
	// server used over the level, in % of one core (ServerCPU only when
	// bench started the server): a load near 100% of its cores was the limit.
	LoadCPU   float64 `json:"loadCPUPercent"`
	ServerCPU float64 `json:"serverCPUPercent,omitempty"`
}

// WritesVerdict answers issue 19's write goals for one operation: "yes",
// "no", or "n/a" when the levels it speaks of were not run.
type WritesVerdict struct {
	// Rises: no level more than 5% below the best lower level.
	Rises string `json:"risesWithConcurrency"`
	// AtLeastRef: 64 and 200 clients at least 1.0x the bare commit loop.
	AtLeastRef string `json:"at64And200AtLeast1x"`
	// P99Under100: p99 at 200 clients under 100 ms.
	P99Under100 string `json:"p99At200Under100ms"`
	Errors      int    `json:"errors"`
}

// judge sets the ratios and the verdict against the reference rate.
func (op *WritesOp) judge(ref float64) {
	v := WritesVerdict{Rises: "yes", AtLeastRef: "n/a", P99Under100: "n/a"}
	best := 0.0
	for i := range op.Levels {
		lv := &op.Levels[i]
		if ref > 0 {
			lv.Ratio = lv.PerSecond / ref
		}
		v.Errors += lv.Errors
		if i > 0 && lv.PerSecond < writesRise*best {
			v.Rises = "no"
		}
		best = max(best, lv.PerSecond)
		if lv.Clients == 64 || lv.Clients == 200 {
			if v.AtLeastRef == "n/a" {
				v.AtLeastRef = "yes"
			}
			if lv.Ratio < 1.0 {
				v.AtLeastRef = "no"
			}
		}
		if lv.Clients == 200 {
			v.P99Under100 = yesNo(lv.P99ms < 100)
		}
	}
	if len(op.Levels) < 2 {
		v.Rises = "n/a"
	}
	op.Verdict = v
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func (r *WritesReport) print(out io.Writer) {
	var refs []string
	for _, c := range r.References {
		refs = append(refs, fmt.Sprintf("%.0f/s", c.PerSecond))
	}
	fmt.Fprintf(out, "\nwrites sweep: closed loops, %.1fs per level; bare commit loop (8 workers, prepared, synchronous=FULL) before and after: %s, mean %.0f/s\n",
		r.LevelSeconds, strings.Join(refs, ", "), r.RefPerSecond)
	for _, op := range r.Operations {
		fmt.Fprintf(out, "\n%s (%s)\n", op.Name, op.About)
		fmt.Fprintf(out, "  %7s %10s %6s %9s %9s %7s %8s %12s %11s %8s %8s %10s\n", "clients", "req/s", "ratio", "p50 ms", "p99 ms", "errors",
			"commits", "writes/group", "req/commit", "groups", "load CPU", "server CPU")
		for _, lv := range op.Levels {
			fmt.Fprintf(out, "  %7d %10.1f %5.2fx %9.2f %9.2f %7d %8d %12.1f %11.1f %8d %7.0f%% %9.0f%%\n", lv.Clients, lv.PerSecond, lv.Ratio, lv.P50ms, lv.P99ms,
				lv.Errors, lv.Commits, lv.WritesPerGroup, lv.RequestsPerCommit, lv.Groups, lv.LoadCPU, lv.ServerCPU)
			kinds := make([]string, 0, len(lv.ErrorKinds))
			for k := range lv.ErrorKinds {
				kinds = append(kinds, k)
			}
			slices.Sort(kinds)
			for _, k := range kinds {
				fmt.Fprintf(out, "      error %-50s %d\n", k, lv.ErrorKinds[k])
			}
			if lv.CountersMissing != "" {
				fmt.Fprintf(out, "      no commit counters: %s\n", lv.CountersMissing)
			}
		}
		v := op.Verdict
		fmt.Fprintf(out, "  verdict: rises with concurrency: %s; 64 and 200 clients >= 1.0x: %s; p99 at 200 < 100 ms: %s; errors: %d\n",
			v.Rises, v.AtLeastRef, v.P99Under100, v.Errors)
	}
}
