package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"

	"animalgenius/sqlitestore"
)

// PhaseReport is how long one phase of a scenario took.
type PhaseReport struct {
	Name    string  `json:"name"`
	Seconds float64 `json:"seconds"`
}

// RatioReport compares a figure with a reference measured in the same
// run: throughputs (req/s, higher is better) or latencies (ms).
type RatioReport struct {
	Name      string  `json:"name"`
	Value     float64 `json:"value"`
	Unit      string  `json:"unit"`
	Reference string  `json:"reference"`
	RefValue  float64 `json:"referenceValue"`
	Ratio     float64 `json:"ratio"`
}

func (e *benchEnv) setPhase(name string) { e.curPhase.Store(&name) }

func (e *benchEnv) phaseName() string {
	if p := e.curPhase.Load(); p != nil {
		return *p
	}
	return ""
}

// phase records how long a phase took (for rates over the phase).
func (e *benchEnv) phase(name string, took time.Duration) {
	e.mu.Lock()
	e.phases = append(e.phases, PhaseReport{Name: name, Seconds: took.Seconds()})
	e.mu.Unlock()
}

func (e *benchEnv) phaseSeconds(name string) float64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	for _, p := range e.phases {
		if p.Name == name {
			return p.Seconds
		}
	}
	return 0
}

func (e *benchEnv) ratio(r RatioReport) {
	if r.RefValue > 0 {
		r.Ratio = r.Value / r.RefValue
	}
	e.mu.Lock()
	e.ratios = append(e.ratios, r)
	e.mu.Unlock()
}

// rootCtx is the context the whole run is bounded by.
func (e *benchEnv) rootCtx() context.Context {
	if e.root != nil {
		return e.root
	}
	return context.Background()
}

const refCommitOp = "reference: bare SQLite commit loop"

// benchCommitLoop is the reference for write paths: the bare way to
// commit small transactions with one writer connection (as the server):
// synchronous=FULL, one statement prepared once, and refWorkers workers
// that each begin, insert one row and commit, so the next transaction is
// ready the moment the last fsync ends. It runs on a temp dir of the same
// disk, for 2 s or 20,000 commits. The write paths of the run are then
// given as ratios to its rate.
func benchCommitLoop(ctx context.Context, e *benchEnv) error {
	rate, err := commitLoop(ctx, e.stats.op(refCommitOp), refWorkers, 2*time.Second, 20_000)
	if err != nil {
		return err
	}
	e.commitRate = rate
	e.writeRatio("POST /join/:code/submit", "submit")
	return nil
}

const refWorkers = 8

// commitLoop commits up to n one-row transactions with workers workers
// for at most d and returns the commits per second.
func commitLoop(ctx context.Context, op *opStats, workers int, d time.Duration, n int64) (float64, error) {
	dir, err := os.MkdirTemp("", "animalgenius-bench-ref-")
	if err != nil {
		return 0, err
	}
	defer os.RemoveAll(dir)
	st, err := sqlitestore.Open(dir, sqlitestore.DefaultOptions())
	if err != nil {
		return 0, err
	}
	defer st.Close()
	if _, err := st.Writer.ExecContext(ctx, `CREATE TABLE tick (k INTEGER PRIMARY KEY, v INTEGER)`); err != nil {
		return 0, err
	}
	ins, err := st.Writer.PrepareContext(ctx, `INSERT OR REPLACE INTO tick (k, v) VALUES (?, ?)`)
	if err != nil {
		return 0, err
	}
	defer ins.Close()
	var next atomic.Int64
	var firstErr atomic.Value
	start := time.Now()
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil && time.Since(start) < d {
				i := next.Add(1)
				if i > n {
					return
				}
				t := time.Now()
				err := func() error {
					tx, err := st.Writer.BeginTx(ctx, nil)
					if err != nil {
						return err
					}
					if _, err := tx.StmtContext(ctx, ins).ExecContext(ctx, w, i); err != nil {
						tx.Rollback()
						return err
					}
					return tx.Commit()
				}()
				if err != nil {
					if ctx.Err() == nil {
						op.fail(shortErr(err))
						firstErr.CompareAndSwap(nil, err)
					}
					return
				}
				op.ok(time.Since(t))
			}
		}()
	}
	wg.Wait()
	if err, _ := firstErr.Load().(error); err != nil {
		return 0, err
	}
	done := min(next.Load(), n)
	return float64(done) / time.Since(start).Seconds(), nil
}

// writeRatio gives the rate of op over phase as a ratio to the bare
// commit loop.
func (e *benchEnv) writeRatio(op, phase string) {
	secs := e.phaseSeconds(phase)
	if secs <= 0 || e.commitRate <= 0 {
		return
	}
	rate := float64(e.stats.op(op).report(op, 0).Count) / secs
	e.ratio(RatioReport{Name: op + " (over the " + phase + " phase)", Value: rate, Unit: "req/s", Reference: refCommitOp, RefValue: e.commitRate})
}

// benchFanOutRef is the reference for sockets: a bare fan-out loop
// (fasthttp/websocket on net/http, no hub, no fiber): one goroutine writes
// one prepared frame to n loopback sockets, 10 rounds; each delivery is
// timed from the start of its round.
func benchFanOutRef(ctx context.Context, e *benchEnv, n int) error {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	up := websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024}
	var mu sync.Mutex
	var conns []*websocket.Conn
	srv := &http.Server{ReadHeaderTimeout: 10 * time.Second, Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		c, err := up.Upgrade(w, r, nil)
		if err != nil {
			return
		}
		mu.Lock()
		conns = append(conns, c)
		mu.Unlock()
	})}
	go srv.Serve(ln)
	defer srv.Close()
	defer func() {
		mu.Lock()
		for _, c := range conns {
			c.Close()
		}
		mu.Unlock()
	}()

	op := e.stats.op(fmt.Sprintf("reference: bare fan-out, %d sockets", n))
	var round atomic.Int64 // unix ns of the current round's start
	var got atomic.Int64
	clients := make([]*websocket.Conn, 0, n)
	var readers sync.WaitGroup
	defer readers.Wait() // after the sockets below are closed
	defer func() {
		for _, c := range clients {
			c.Close()
		}
	}()
	sem := make(chan struct{}, e.opts.Concurrency)
	var dialMu sync.Mutex
	var dialErr error
	var dials sync.WaitGroup
	for i := 0; i < n && ctx.Err() == nil; i++ {
		sem <- struct{}{}
		dials.Add(1)
		go func() {
			defer func() { <-sem; dials.Done() }()
			c, err := benchDial(ctx, "ws://"+ln.Addr().String()+"/", nil)
			dialMu.Lock()
			defer dialMu.Unlock()
			if err != nil {
				dialErr = err
				return
			}
			clients = append(clients, c)
			readers.Add(1)
			go func() {
				defer readers.Done()
				for {
					if _, _, err := c.ReadMessage(); err != nil {
						return
					}
					op.ok(time.Duration(time.Now().UnixNano() - round.Load()))
					got.Add(1)
				}
			}()
		}()
	}
	dials.Wait()
	if dialErr != nil {
		return dialErr
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("the run's time ran out before the bare fan-out loop (give a longer --duration): %w", err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		mu.Lock()
		k := len(conns)
		mu.Unlock()
		if k == n {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	mu.Lock()
	server := append([]*websocket.Conn(nil), conns...)
	mu.Unlock()
	if len(server) != n {
		return fmt.Errorf("%d of %d sockets upgraded", len(server), n)
	}
	pm, err := websocket.NewPreparedMessage(websocket.TextMessage, []byte(`{"type":"question","index":1,"text":"Which animal sleeps the most?","options":["Koala","Owl","Cat","Bat"]}`))
	if err != nil {
		return err
	}
	last := e.stats.op(fmt.Sprintf("reference: bare fan-out, %d sockets, last socket", n))
	for r := 1; r <= 10 && ctx.Err() == nil; r++ {
		got.Store(0)
		start := time.Now()
		round.Store(start.UnixNano())
		for _, c := range server {
			_ = c.SetWriteDeadline(time.Now().Add(5 * time.Second))
			if err := c.WritePreparedMessage(pm); err != nil {
				op.fail(shortErr(err))
			}
		}
		for got.Load() < int64(n) && time.Since(start) < 10*time.Second {
			time.Sleep(time.Millisecond)
		}
		if got.Load() < int64(n) {
			last.fail("not every socket had the frame within 10s")
			return errors.New("bare fan-out: frames lost")
		}
		last.ok(time.Since(start))
		time.Sleep(50 * time.Millisecond)
	}
	return nil
}

// ratioFanOut compares the game's question delivery with the bare loop.
func (e *benchEnv) ratioFanOut() {
	ref := fmt.Sprintf("reference: bare fan-out, %d sockets", e.opts.Players)
	r, g := e.stats.op(ref).report(ref, 0), e.stats.op("game: question delivered").report("", 0)
	if r.Count == 0 || g.Count == 0 {
		return
	}
	e.ratio(RatioReport{Name: "game: question delivered p50", Value: g.P50ms, Unit: "ms", Reference: ref + " p50", RefValue: r.P50ms})
	e.ratio(RatioReport{Name: "game: question delivered p99", Value: g.P99ms, Unit: "ms", Reference: ref + " p99", RefValue: r.P99ms})
}

// CommitLoopResult is what `bench commit-loop` prints: the bare commit
// loop measured in a process of its own.
type CommitLoopResult struct {
	Commits   int     `json:"commits"`
	PerSecond float64 `json:"perSecond"`
	P50ms     float64 `json:"p50ms"`
	P99ms     float64 `json:"p99ms"`
	// Pinning says where it ran (the CPUs of the server it is compared with).
	Pinning string `json:"pinning,omitempty"`
}

// RunCommitLoop runs the bare commit loop (refWorkers workers, 2 s) and
// prints its CommitLoopResult as JSON: `bench commit-loop`, which bench
// starts on the server's CPUs so that the reference runs where the
// server does, not where the load does.
func RunCommitLoop(ctx context.Context, out io.Writer) error {
	op := newOpStats()
	rate, err := commitLoop(ctx, op, refWorkers, 2*time.Second, 200_000)
	if err != nil {
		return err
	}
	r := op.report("", 0)
	return json.NewEncoder(out).Encode(CommitLoopResult{Commits: r.Count, PerSecond: rate, P50ms: r.P50ms, P99ms: r.P99ms})
}

// commitLoopOn runs `bench commit-loop` on cpus (unpinned when empty)
// and reads its result.
func commitLoopOn(ctx context.Context, cpus string) (CommitLoopResult, error) {
	self, err := os.Executable()
	if err != nil {
		return CommitLoopResult{}, err
	}
	c, pinning := pinned(cpus, self, "bench", "commit-loop")
	cmd := exec.CommandContext(ctx, c.Path, c.Args[1:]...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	raw, err := cmd.Output()
	if err != nil {
		return CommitLoopResult{}, fmt.Errorf("bench commit-loop: %w: %s", err, strings.TrimSpace(stderr.String()))
	}
	var r CommitLoopResult
	if err := json.Unmarshal(raw, &r); err != nil || r.PerSecond <= 0 {
		return CommitLoopResult{}, fmt.Errorf("bench commit-loop printed %q: %v", raw, err)
	}
	r.Pinning = pinning
	return r, nil
}
