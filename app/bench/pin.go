package bench

import (
	"fmt"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// CPU pinning. A server pinned to one CPU (taskset -c 0) runs with
// GOMAXPROCS=1, as on a 1-vCPU VM or a container limited to one CPU, and
// the load on other CPUs does not take time from it. --server-cpus starts
// the server (and the bare references it is compared with) under
// taskset; --load-cpus pins the bench process itself.

// parseCPUs reads a CPU list as taskset -c takes it ("0", "0,1", "2-3")
// into a set; every CPU must exist on this machine.
func parseCPUs(list string) (unix.CPUSet, int, error) {
	var set unix.CPUSet
	n := 0
	ncpu := runtime.NumCPU()
	for part := range strings.SplitSeq(list, ",") {
		lo, hi, isRange := strings.Cut(strings.TrimSpace(part), "-")
		a, err := strconv.Atoi(lo)
		b := a
		if err == nil && isRange {
			b, err = strconv.Atoi(hi)
		}
		if err != nil || a < 0 || b < a || b >= 1024 {
			return set, 0, fmt.Errorf("bad CPU list %q (want e.g. 0 or 0,1 or 0-1)", list)
		}
		for c := a; c <= b; c++ {
			if c >= ncpu {
				return set, 0, fmt.Errorf("CPU %d in %q: this machine has CPUs 0-%d", c, list, ncpu-1)
			}
			if !set.IsSet(c) {
				set.Set(c)
				n++
			}
		}
	}
	return set, n, nil
}

// pinned makes the command that runs name args on cpus: under taskset
// when cpus is set and taskset exists. It also says how it ran it.
func pinned(cpus, name string, args ...string) (*exec.Cmd, string) {
	if cpus == "" {
		return exec.Command(name, args...), "not pinned"
	}
	ts, err := exec.LookPath("taskset")
	if err != nil {
		return exec.Command(name, args...), "not pinned (taskset not found)"
	}
	return exec.Command(ts, append([]string{"-c", cpus, name}, args...)...), "CPUs " + cpus
}

// pinSelf pins every thread of this process to cpus (threads made later
// inherit it) and sets GOMAXPROCS to their number.
func pinSelf(cpus string) error {
	set, n, err := parseCPUs(cpus)
	if err != nil {
		return err
	}
	// Twice: a thread started during the first pass is caught by the second.
	for range 2 {
		tids, err := filepath.Glob("/proc/self/task/*")
		if err != nil {
			return err
		}
		for _, t := range tids {
			tid, err := strconv.Atoi(filepath.Base(t))
			if err != nil {
				continue
			}
			if err := unix.SchedSetaffinity(tid, &set); err != nil && err != unix.ESRCH {
				return fmt.Errorf("pin the load to CPUs %s: %w", cpus, err)
			}
		}
	}
	runtime.GOMAXPROCS(n)
	return nil
}
