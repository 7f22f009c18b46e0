package bench

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/term"
)

// UsageError is a bad option: the command prints usage and exits 2.
type UsageError struct{ Err error }

func (u UsageError) Error() string { return u.Err.Error() }

// Options are the load tool's knobs. Every loop is bounded by both
// Duration and MaxRequests.
type Options struct {
	URL         string
	Duration    time.Duration
	MaxRequests int64
	Concurrency int
	Scenarios   []string
	JSON        bool
	Teachers    int
	Students    int
	Players     int
	PlayersSet  bool          // --players was given: the school scenario then ends with a game
	Spread      time.Duration // spread the students' arrivals over this window (0: all at once)
	Reads       time.Duration // measure each cached read against /healthz this long (0: not at all)
	// ServerCPUs are CPU lists (taskset -c) to run the bench's own server
	// and the bare references on: the scenarios run once per list, e.g.
	// "0" then "0,1" for the ratios on one core and on two.
	ServerCPUs []string
	LoadCPUs   string // pin the load (this process) to these CPUs
	// Levels are the client counts of the writes sweep, rising; each level
	// runs for LevelTime (writes.go).
	Levels    []int
	LevelTime time.Duration
}

// benchEnv is what a scenario gets: the target, a client, the stats and the budget.
type benchEnv struct {
	base     string
	client   *http.Client
	stats    *statsSet
	opts     Options
	requests atomic.Int64
	server   *benchServer // nil when driving a given URL
	bare     *benchServer // the bare fiber reference, when bench started the server
	game     *GameSummary // set by the game scenario
	root     context.Context

	curPhase   atomic.Pointer[string]
	mu         sync.Mutex
	phases     []PhaseReport
	ratios     []RatioReport
	commitRate float64 // commits/s of the bare commit loop, once measured
	cpus       string  // the --server-cpus list of this run ("" when not pinned)
	writes     *WritesReport
}

// allow reserves one request from the global budget.
func (e *benchEnv) allow() bool { return e.requests.Add(1) <= e.opts.MaxRequests }

// timed runs one HTTP request as operation op and records the outcome.
func (e *benchEnv) timed(ctx context.Context, op string, req *http.Request, wantStatus int) ([]byte, error) {
	return e.timedResp(ctx, op, req, wantStatus, nil)
}

// timedResp is timed that also hands back the response (for its cookies).
func (e *benchEnv) timedResp(ctx context.Context, op string, req *http.Request, wantStatus int, out **http.Response) ([]byte, error) {
	if !e.allow() {
		return nil, errBudget
	}
	start := time.Now()
	resp, err := e.client.Do(req.WithContext(ctx))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		e.stats.op(op).fail("transport: " + shortErr(err))
		return nil, err
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, 4<<20))
	resp.Body.Close()
	if out != nil {
		*out = resp
	}
	took := time.Since(start)
	if err != nil && ctx.Err() != nil { // the bench's own deadline, not the server
		return nil, ctx.Err()
	}
	if err != nil {
		e.stats.op(op).fail("read: " + shortErr(err))
		return nil, err
	}
	if resp.StatusCode != wantStatus {
		e.stats.op(op).fail("status " + strconv.Itoa(resp.StatusCode))
		return body, fmt.Errorf("%s: status %d", op, resp.StatusCode)
	}
	e.stats.op(op).ok(took)
	return body, nil
}

var errBudget = errors.New("request budget used up")

func shortErr(err error) string {
	s := err.Error()
	if i := strings.LastIndex(s, ": "); i >= 0 {
		s = s[i+2:]
	}
	if len(s) > 60 {
		s = s[:60]
	}
	return s
}

// scenario is one part of the simulated school.
type scenario struct {
	name  string
	about string
	run   func(ctx context.Context, e *benchEnv) error
	// timeout bounds the scenario when it is not --duration (the writes
	// sweep is timed by its levels).
	timeout func(o Options) time.Duration
}

// benchScenarios lists what `bench --scenario` can run, in order.
var benchScenarios = []scenario{
	{name: "reference", about: "static /healthz and the landing page: the reference for HTTP figures", run: benchReference},
	{name: "school", about: "teachers make classes and open live boards; students join and submit the quiz at once (or --spread) while teachers read analytics; passport logins; coins, store and pets; cached reads against /healthz (--reads); references; a live game with --players", run: benchSchool},
	{name: "game", about: "a live game of --players players over sockets: join, question delivery, answers", run: benchGame},
	{name: "writes", about: "quiz submissions and purchases in closed loops at each of --levels clients for --level-time each, with writes per commit from /metrics, " +
		"as ratios to a bare commit loop run before and after on the server's CPUs, and a verdict on issue 19's write goals", run: benchWrites, timeout: writesTimeout},
}

func benchReference(ctx context.Context, e *benchEnv) error {
	if e.bare != nil {
		// A quarter of the run each: the product's /healthz and the bare
		// fiber one, alternating; the rest as before.
		paths := []readPath{
			{op: "GET /healthz", path: func(int) (string, *http.Cookie) { return "/healthz", nil }},
			{op: refBareOp, base: e.bare.url, path: func(int) (string, *http.Cookie) { return "/healthz", nil }},
		}
		if rates := alternateReads(ctx, e, paths, e.opts.Duration/4); rates != nil && rates[1] > 0 {
			e.ratio(RatioReport{Name: paths[0].op, Value: rates[0], Unit: "req/s", Reference: refBareOp, RefValue: rates[1]})
		}
	}
	var wg sync.WaitGroup
	for w := 0; w < e.opts.Concurrency; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			path, op := "/healthz", "GET /healthz"
			if w%4 == 3 {
				path, op = "/", "GET / (page)"
			}
			for ctx.Err() == nil {
				req, _ := http.NewRequest(http.MethodGet, e.base+path, nil)
				if _, err := e.timed(ctx, op, req, http.StatusOK); errors.Is(err, errBudget) {
					return
				}
			}
		}(w)
	}
	wg.Wait()
	return nil
}

// ScenarioNames lists the scenarios --scenario accepts.
func ScenarioNames() string {
	var n []string
	for _, s := range benchScenarios {
		n = append(n, s.name)
	}
	return strings.Join(n, ", ")
}

// ScenarioHelp lists the scenarios with what each does, for the help.
func ScenarioHelp() string {
	var b strings.Builder
	for _, s := range benchScenarios {
		fmt.Fprintf(&b, "  %-10s %s\n", s.name, s.about)
	}
	return b.String()
}

// Report is the whole --json output.
type Report struct {
	Target     string        `json:"target"`
	Scenarios  []string      `json:"scenarios"`
	ElapsedSec float64       `json:"elapsedSec"`
	Operations []OpReport    `json:"operations"`
	ServerRSS  int64         `json:"serverPeakRSSBytes,omitempty"`
	ServerCPU  float64       `json:"serverCPUPercent,omitempty"`
	Game       *GameSummary  `json:"game,omitempty"`
	Phases     []PhaseReport `json:"phases,omitempty"`
	Ratios     []RatioReport `json:"ratios,omitempty"`
	Writes     *WritesReport `json:"writes,omitempty"`
	// ServerCPUs is the --server-cpus list of this run; ServerPinning and
	// LoadPinning say how the server and the load ran.
	ServerCPUs    string `json:"serverCPUs,omitempty"`
	ServerPinning string `json:"serverPinning,omitempty"`
	LoadPinning   string `json:"loadPinning,omitempty"`
}

func Run(ctx context.Context, out io.Writer, o Options) error {
	if ctx == nil {
		ctx = context.Background()
	}
	if o.Duration <= 0 || o.Duration > 10*time.Minute {
		return UsageError{Err: fmt.Errorf("--duration must be between 1s and 10m")}
	}
	if o.Concurrency < 1 || o.Concurrency > 5000 || o.MaxRequests < 1 || o.Students < 0 || o.Students > 100_000 ||
		o.Players < 0 || o.Players > 20_000 || o.Teachers < 1 || o.Teachers > 1000 {
		return UsageError{Err: fmt.Errorf("--concurrency 1-5000, --teachers 1-1000, --students 0-100000, --players 0-20000, --max-requests >= 1")}
	}
	if o.Spread < 0 || o.Spread >= o.Duration || o.Reads < 0 || o.Reads > time.Minute {
		return UsageError{Err: fmt.Errorf("--spread must be shorter than --duration, --reads between 0 and 1m")}
	}
	if len(o.Levels) == 0 {
		o.Levels = DefaultLevels
	}
	if o.LevelTime == 0 {
		o.LevelTime = DefaultLevelTime
	}
	if err := checkLevels(o); err != nil {
		return UsageError{Err: err}
	}
	var chosen []scenario
	for _, name := range o.Scenarios {
		found := false
		for _, s := range benchScenarios {
			if s.name == strings.TrimSpace(name) {
				chosen, found = append(chosen, s), true
			}
		}
		if !found {
			return UsageError{Err: fmt.Errorf("unknown scenario %q (have: %s)", name, ScenarioNames())}
		}
	}
	if o.URL != "" && len(o.ServerCPUs) > 0 {
		return UsageError{Err: fmt.Errorf("--server-cpus pins the server bench starts itself: leave out --url")}
	}
	for _, cpus := range append(slices.Clone(o.ServerCPUs), o.LoadCPUs) {
		if cpus == "" {
			continue
		}
		if _, _, err := parseCPUs(cpus); err != nil {
			return UsageError{Err: fmt.Errorf("--server-cpus/--load-cpus: %w", err)}
		}
	}
	loadPinning := "not pinned"
	if o.LoadCPUs != "" {
		if err := pinSelf(o.LoadCPUs); err != nil {
			return err
		}
		loadPinning = "CPUs " + o.LoadCPUs
	}
	sets := o.ServerCPUs
	if len(sets) == 0 {
		sets = []string{""}
	}
	var reps []Report
	for _, cpus := range sets {
		rep, err := runOnce(ctx, o, chosen, cpus)
		if err != nil {
			return err
		}
		rep.LoadPinning = loadPinning
		reps = append(reps, rep)
	}
	if o.JSON {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if len(reps) == 1 {
			return enc.Encode(reps[0])
		}
		return enc.Encode(reps)
	}
	for i, rep := range reps {
		if i > 0 {
			fmt.Fprintln(out)
		}
		rep.print(out)
	}
	if len(reps) > 1 {
		printRatioComparison(out, reps)
	}
	return nil
}

// runOnce runs the chosen scenarios against one server (started on cpus
// when bench starts it).
func runOnce(ctx context.Context, o Options, chosen []scenario, cpus string) (Report, error) {
	env := &benchEnv{stats: &statsSet{}, opts: o, root: ctx, cpus: cpus, client: &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: o.Concurrency + 16, MaxConnsPerHost: 0, IdleConnTimeout: 30 * time.Second},
	}}
	defer env.client.CloseIdleConnections()
	if o.URL == "" {
		srv, err := startBenchServer(ctx, benchServerEnv(o), cpus)
		if err != nil {
			return Report{}, err
		}
		defer srv.stop()
		env.server, env.base = srv, srv.url
		bare, err := startBareServer(ctx, cpus)
		if err != nil {
			return Report{}, fmt.Errorf("bare reference server: %w", err)
		}
		defer bare.stop()
		env.bare = bare
	} else {
		u, err := url.Parse(o.URL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			return Report{}, UsageError{Err: fmt.Errorf("--url must look like http://host:port, got %q", o.URL)}
		}
		env.base = strings.TrimRight(o.URL, "/")
	}
	start := time.Now()
	stopProgress := startProgress(env, start)
	for _, s := range chosen {
		limit := o.Duration
		if s.timeout != nil {
			limit = s.timeout(o)
		}
		sctx, cancel := context.WithTimeout(ctx, limit)
		err := s.run(sctx, env)
		cancel()
		if err != nil {
			stopProgress()
			return Report{}, fmt.Errorf("scenario %s: %w", s.name, err)
		}
	}
	stopProgress()
	elapsed := time.Since(start)
	rep := Report{Target: env.base, Scenarios: o.Scenarios, ElapsedSec: elapsed.Seconds(), Operations: env.stats.reports(elapsed), Game: env.game,
		Phases: env.phases, Ratios: env.ratios, Writes: env.writes}
	if env.server != nil {
		if r := max(env.server.rss(), env.server.hwm()); r > env.server.peakRSS.Load() {
			env.server.peakRSS.Store(r)
		}
		rep.ServerRSS, rep.ServerCPU = env.server.peakRSS.Load(), env.server.cpuPercent(elapsed)
		rep.ServerCPUs, rep.ServerPinning = cpus, env.server.pinning
	}
	return rep, nil
}

func (rep Report) print(out io.Writer) {
	fmt.Fprintf(out, "target %s, scenarios %s, %.1fs\n", rep.Target, strings.Join(rep.Scenarios, ","), rep.ElapsedSec)
	if rep.ServerPinning != "" {
		fmt.Fprintf(out, "server and bare references: %s; load: %s\n", rep.ServerPinning, rep.LoadPinning)
	}
	fmt.Fprintln(out)
	printTable(out, rep.Operations)
	if len(rep.Phases) > 0 {
		fmt.Fprintln(out, "\nphases:")
		for _, p := range rep.Phases {
			fmt.Fprintf(out, "  %-28s %8.2f s\n", p.Name, p.Seconds)
		}
	}
	if len(rep.Ratios) > 0 {
		fmt.Fprintln(out, "\nagainst references measured in this run:")
		for _, r := range rep.Ratios {
			fmt.Fprintf(out, "  %-58s %10.1f %-5s = %5.2fx %s (%.1f)\n", r.Name, r.Value, r.Unit, r.Ratio, r.Reference, r.RefValue)
		}
	}
	if rep.ServerRSS > 0 {
		fmt.Fprintf(out, "\nserver peak RSS %.1f MB, CPU %.0f%% of one core on average\n", float64(rep.ServerRSS)/(1<<20), rep.ServerCPU)
	}
	if rep.Game != nil {
		rep.Game.print(out, rep.ServerRSS)
	}
	if rep.Writes != nil {
		rep.Writes.print(out)
	}
}

// printRatioComparison puts the ratios of runs on different CPU sets side
// by side (e.g. one core and two).
func printRatioComparison(out io.Writer, reps []Report) {
	var names []string
	for _, r := range reps {
		for _, x := range r.Ratios {
			if !slices.Contains(names, x.Name+" / "+x.Reference) {
				names = append(names, x.Name+" / "+x.Reference)
			}
		}
	}
	width := 20
	for _, n := range names {
		width = max(width, len(n))
	}
	fmt.Fprintf(out, "\nratios by server CPUs:\n  %-*s", width, "")
	for _, r := range reps {
		fmt.Fprintf(out, " %12s", r.ServerPinning)
	}
	fmt.Fprintln(out)
	for _, n := range names {
		fmt.Fprintf(out, "  %-*s", width, n)
		for _, r := range reps {
			v := "-"
			for _, x := range r.Ratios {
				if x.Name+" / "+x.Reference == n {
					v = fmt.Sprintf("%.2fx", x.Ratio)
				}
			}
			fmt.Fprintf(out, " %12s", v)
		}
		fmt.Fprintln(out)
	}
}

// startProgress prints a one-line progress display on a terminal.
func startProgress(e *benchEnv, start time.Time) func() {
	if !term.IsTerminal(int(os.Stderr.Fd())) {
		return func() {}
	}
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(os.Stderr, "\r\033[K")
				return
			case <-t.C:
				ok, failed := e.stats.total()
				rss := ""
				if e.server != nil {
					rss = fmt.Sprintf(", server RSS %.0f MB, CPU %.0f%%", float64(e.server.rss())/(1<<20), e.server.cpuPercent(time.Since(start)))
				}
				phase := e.phaseName()
				if phase != "" {
					phase = "[" + phase + "] "
				}
				fmt.Fprintf(os.Stderr, "\r\033[K%5.1fs  %s%d ok, %d errors%s", time.Since(start).Seconds(), phase, ok, failed, rss)
			}
		}
	}()
	return func() { close(done); wg.Wait() }
}

// benchServer is `animalgenius serve` started by bench as a child process
// on a temporary data directory and a loopback port.
type benchServer struct {
	cmd     *exec.Cmd
	url     string
	dir     string
	pinning string // the CPUs it runs on, or why it is not pinned
	peakRSS atomic.Int64
	cpu0    int64
	stopped chan struct{}
}

var benchReady = regexp.MustCompile(`addr=(127\.0\.0\.1:\d+)`)

func startBenchServer(ctx context.Context, extraEnv []string, cpus string) (*benchServer, error) {
	dir, err := os.MkdirTemp("", "animalgenius-bench-")
	if err != nil {
		return nil, err
	}
	return startBenchChild(ctx, cpus, dir, extraEnv, "serve", "--data", dir, "--addr", "127.0.0.1:0")
}

// startBareServer starts the bare reference server (bare.go) on cpus.
func startBareServer(ctx context.Context, cpus string) (*benchServer, error) {
	return startBenchChild(ctx, cpus, "", nil, "bench", "bare-server")
}

// startBenchChild runs this binary with args (on cpus when set) and waits
// for its "ready addr=" log line; dir, when set, is removed at stop.
func startBenchChild(ctx context.Context, cpus, dir string, extraEnv []string, args ...string) (*benchServer, error) {
	self, err := os.Executable()
	if err != nil {
		return nil, err
	}
	cmd, pinning := pinned(cpus, self, args...)
	// The ready line is logged at info level, so the child logs at info.
	cmd.Env = append(append(os.Environ(), "AG_BACKUP_TIME=", "AG_LOG_LEVEL=info", "AG_LOG_FORMAT=text"), extraEnv...)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		if dir != "" {
			os.RemoveAll(dir)
		}
		return nil, err
	}
	s := &benchServer{cmd: cmd, dir: dir, pinning: pinning, stopped: make(chan struct{})}
	ready := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			if m := benchReady.FindStringSubmatch(sc.Text()); m != nil && strings.Contains(sc.Text(), "ready") {
				select {
				case ready <- m[1]:
				default:
				}
			}
		}
	}()
	select {
	case addr := <-ready:
		s.url = "http://" + addr
	case <-time.After(30 * time.Second):
		s.stop()
		return nil, errors.New("bench: the server did not start within 30s")
	}
	s.cpu0 = s.cpuTicks()
	s.peakRSS.Store(s.rss())
	go s.sample()
	return s, nil
}

func (s *benchServer) sample() {
	t := time.NewTicker(200 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-s.stopped:
			return
		case <-t.C:
			if r := s.rss(); r > s.peakRSS.Load() {
				s.peakRSS.Store(r)
			}
		}
	}
}

// rss reads the child's resident set size from /proc.
func (s *benchServer) rss() int64 { return s.status("VmRSS:") }

// hwm is the child's peak resident set size as the kernel counted it,
// which a sample every 200 ms can miss.
func (s *benchServer) hwm() int64 { return s.status("VmHWM:") }

func (s *benchServer) status(field string) int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// cpuTicks is utime+stime of the child in clock ticks (100 per second on Linux).
func (s *benchServer) cpuTicks() int64 {
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0
	}
	fields := strings.Fields(string(data[strings.LastIndexByte(string(data), ')')+1:]))
	if len(fields) < 13 {
		return 0
	}
	u, _ := strconv.ParseInt(fields[11], 10, 64)
	st, _ := strconv.ParseInt(fields[12], 10, 64)
	return u + st
}

func (s *benchServer) cpuPercent(elapsed time.Duration) float64 {
	if elapsed <= 0 {
		return 0
	}
	return float64(s.cpuTicks()-s.cpu0) / 100 / elapsed.Seconds() * 100
}

func (s *benchServer) stop() {
	select {
	case <-s.stopped:
		return
	default:
		close(s.stopped)
	}
	s.cmd.Process.Signal(os.Interrupt)
	done := make(chan struct{})
	go func() { s.cmd.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(15 * time.Second):
		s.cmd.Process.Kill()
		<-done
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}
