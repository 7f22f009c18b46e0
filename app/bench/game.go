package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"
)

// benchServerEnv sizes the server bench starts itself for the chosen
// load: every player comes from 127.0.0.1, so loopback is a trusted
// network, and a game holds --players; teachers may sign up.
func benchServerEnv(o Options) []string {
	return []string{
		"AG_AUTH_SIGNUP_MODE=open",
		"AG_SOCKETS_TRUSTED_NETWORKS=127.0.0.0/8",
		fmt.Sprintf("AG_SOCKETS_MAX_PER_GAME=%d", max(1000, o.Players)),
		fmt.Sprintf("AG_SOCKETS_MAX_TOTAL=%d", max(5000, o.Players+100)),
	}
}

// benchTeacher signs a new teacher up (the bench's own server allows open
// sign-up) and returns a client holding the session, and a POST helper
// that sends the CSRF header.
func benchTeacher(ctx context.Context, e *benchEnv) (*http.Client, func(path, body string) ([]byte, error), error) {
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, Timeout: 30 * time.Second}
	u, _ := url.Parse(e.base)
	post := func(path, body string) ([]byte, error) {
		if _, err := c.Get(e.base + "/api/v1/auth/state"); err != nil { // sets ag_csrf
			return nil, err
		}
		req, _ := http.NewRequestWithContext(ctx, http.MethodPost, e.base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		for _, ck := range jar.Cookies(u) {
			if ck.Name == "ag_csrf" {
				req.Header.Set("X-CSRF-Token", ck.Value)
			}
		}
		resp, err := c.Do(req)
		if err != nil {
			return nil, err
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
		if resp.StatusCode >= 300 {
			return b, fmt.Errorf("POST %s: status %d: %.200s", path, resp.StatusCode, b)
		}
		return b, nil
	}
	email := fmt.Sprintf("bench-%d@school.test", time.Now().UnixNano())
	const password = "bench password for a game"
	if _, err := post("/api/v1/auth/signup", fmt.Sprintf(`{"email":%q,"displayName":"Bench","password":%q}`, email, password)); err != nil {
		return nil, nil, fmt.Errorf("sign-up of the bench teacher (needs signup_mode open, as on bench's own server): %w", err)
	}
	if _, err := post("/api/v1/auth/login", fmt.Sprintf(`{"email":%q,"password":%q}`, email, password)); err != nil {
		return nil, nil, err
	}
	return c, post, nil
}

func benchDial(ctx context.Context, wsURL string, header http.Header) (*websocket.Conn, error) {
	d := websocket.Dialer{HandshakeTimeout: 10 * time.Second, ReadBufferSize: 1024, WriteBufferSize: 512}
	ws, resp, err := d.DialContext(ctx, wsURL, header)
	if resp != nil && resp.Body != nil {
		resp.Body.Close()
	}
	return ws, err
}

type benchFrame struct {
	Type    string   `json:"type"`
	Index   int      `json:"index"`
	Code    string   `json:"code"`
	Options []string `json:"options"`
}

// benchGame runs one live game with --players players on the bundled set:
// every player answers each question at once; the host moves on as soon
// as the reveal arrives. Measured: joining, question delivery (from the
// host's command to each player's screen), answer to "answer locked", and
// a whole question (command to the last player's "answer locked").
func benchGame(ctx context.Context, e *benchEnv) error {
	n := e.opts.Players
	if n < 1 {
		return errors.New("--players must be at least 1 for the game scenario")
	}
	teacher, post, err := benchTeacher(ctx, e)
	if err != nil {
		return err
	}
	body, err := post("/api/v1/games", `{"setId":0,"mode":"individual"}`)
	if err != nil {
		return err
	}
	var g struct {
		ID  int64  `json:"id"`
		PIN string `json:"pin"`
	}
	if err := json.Unmarshal(body, &g); err != nil {
		return err
	}
	wsURL := "ws" + strings.TrimPrefix(e.base, "http") + "/ws"
	u, _ := url.Parse(e.base)
	var cookies []string
	for _, ck := range teacher.Jar.Cookies(u) {
		cookies = append(cookies, ck.Name+"="+ck.Value)
	}
	host, err := benchDial(ctx, wsURL, http.Header{"Cookie": {strings.Join(cookies, "; ")}})
	if err != nil {
		return fmt.Errorf("host socket: %w", err)
	}
	defer host.Close()
	if err := host.WriteJSON(map[string]any{"type": "host", "game": g.ID}); err != nil {
		return err
	}
	hostFrames := make(chan benchFrame, 4096)
	go func() {
		defer close(hostFrames)
		for {
			var f benchFrame
			if err := host.ReadJSON(&f); err != nil {
				return
			}
			select {
			case hostFrames <- f:
			default: // the host's lists are not needed here
			}
		}
	}()

	var opened atomic.Int64 // unix ns when the host asked for the current question
	var locked atomic.Int64 // answers locked for the current question
	allLocked := make(chan struct{}, 1)
	players := make([]*websocket.Conn, n)
	var readers sync.WaitGroup
	sem := make(chan struct{}, e.opts.Concurrency)
	var joinErr atomic.Value
	var joins sync.WaitGroup
	for i := range players {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		joins.Add(1)
		go func(i int) {
			defer func() { <-sem; joins.Done() }()
			start := time.Now()
			ws, err := benchDial(ctx, wsURL, nil)
			if err == nil {
				err = ws.WriteJSON(map[string]any{"type": "join", "pin": g.PIN, "nickname": fmt.Sprintf("Player %05d", i+1)})
			}
			var f benchFrame
			if err == nil {
				_ = ws.SetReadDeadline(time.Now().Add(30 * time.Second))
				err = ws.ReadJSON(&f)
				_ = ws.SetReadDeadline(time.Time{})
			}
			if err != nil || f.Type != "joined" {
				e.stats.op("game: join").fail(fmt.Sprintf("%v %s", shortErrOrNil(err), f.Code))
				joinErr.Store(fmt.Errorf("player %d could not join: %v %s", i+1, err, f.Code))
				if ws != nil {
					ws.Close()
				}
				return
			}
			e.stats.op("game: join").ok(time.Since(start))
			players[i] = ws
			readers.Add(1)
			go benchPlayer(e, ws, &opened, &locked, n, allLocked, &readers)
		}(i)
	}
	joins.Wait()
	if v := joinErr.Load(); v != nil {
		return v.(error)
	}
	defer func() {
		for _, ws := range players {
			if ws != nil {
				ws.Close()
			}
		}
		readers.Wait()
	}()

	var rates []float64 // answers accepted per second, per question
	defer func() { e.game = gameSummary(n, rates, e.stats.op("game: question delivered")) }()
	command := "start"
	for q := 0; q < 32 && ctx.Err() == nil && e.allow(); q++ {
		// A person presses "next" a few times a second at most; so does the
		// bench, which keeps the host within the per-socket message rate.
		if last := time.Unix(0, opened.Load()); q > 0 {
			time.Sleep(time.Until(last.Add(250 * time.Millisecond)))
		}
		locked.Store(0)
		opened.Store(time.Now().UnixNano())
		if err := host.WriteJSON(map[string]string{"type": command}); err != nil {
			return err
		}
		command = "next"
		if err := waitHost(ctx, hostFrames, "reveal"); err != nil {
			return err
		}
		select {
		case <-allLocked:
			took := time.Duration(time.Now().UnixNano() - opened.Load())
			e.stats.op("game: whole question").ok(took)
			rates = append(rates, float64(n)/took.Seconds())
		case <-time.After(5 * time.Second):
			e.stats.op("game: whole question").fail("not every answer was locked")
		}
	}
	_ = host.WriteJSON(map[string]string{"type": "end"})
	return waitHost(ctx, hostFrames, "ended")
}

// GameSummary is what issue 7 asks of a live game: every question
// delivered to every player (p99 from the host's command to a player's
// screen), answers accepted per second while all players answer at once
// (players divided by the time from the command to the last "answer
// locked", median over questions), and the server's peak RSS (in the
// report beside it).
type GameSummary struct {
	Players         int     `json:"players"`
	Questions       int     `json:"questions"`
	FanOutP99ms     float64 `json:"questionFanOutP99ms"`
	AnswersPerSec   float64 `json:"answersAcceptedPerSecMedian"`
	AnswersPerSecLo float64 `json:"answersAcceptedPerSecWorst"`
}

func gameSummary(players int, rates []float64, delivered *opStats) *GameSummary {
	g := &GameSummary{Players: players, Questions: len(rates), FanOutP99ms: delivered.report("", 0).P99ms}
	if len(rates) > 0 {
		slices.Sort(rates)
		g.AnswersPerSec, g.AnswersPerSecLo = rates[len(rates)/2], rates[0]
	}
	return g
}

func (g *GameSummary) print(out io.Writer, peakRSS int64) {
	fmt.Fprintf(out, "\nlive game, %d players, %d questions (issue 7 targets in brackets):\n", g.Players, g.Questions)
	fmt.Fprintf(out, "  question fan-out p99   %8.1f ms   [under 150 ms]\n", g.FanOutP99ms)
	fmt.Fprintf(out, "  answers accepted       %8.0f /s   median, worst %.0f /s [5,000 /s]\n", g.AnswersPerSec, g.AnswersPerSecLo)
	if peakRSS > 0 {
		fmt.Fprintf(out, "  server peak RSS        %8.1f MB   [under 300 MB]\n", float64(peakRSS)/(1<<20))
	}
}

func shortErrOrNil(err error) string {
	if err == nil {
		return ""
	}
	return shortErr(err)
}

func waitHost(ctx context.Context, frames <-chan benchFrame, typ string) error {
	timeout := time.After(60 * time.Second)
	for {
		select {
		case f, ok := <-frames:
			if !ok {
				return errors.New("the host's socket closed")
			}
			if f.Type == typ {
				return nil
			}
			if f.Type == "error" {
				return fmt.Errorf("host: %s", f.Code)
			}
		case <-timeout:
			return fmt.Errorf("no %q for the host within 60s", typ)
		case <-ctx.Done():
			return nil
		}
	}
}

// benchPlayer answers every question at once and times it. It shares the
// box's two cores with the server, so it stays light: one goroutine per
// player, no JSON decoding (the server writes "type" first), only the head
// of each frame copied out (the library skips the rest of a frame when the
// next one is asked for; reveals, the largest frames, are not read at
// all), no allocation per frame, the answer frame built by hand, and the
// stats looked up once.
func benchPlayer(e *benchEnv, ws *websocket.Conn, opened, locked *atomic.Int64, n int, allLocked chan<- struct{}, wg *sync.WaitGroup) {
	defer wg.Done()
	delivered, lockedOp := e.stats.op("game: question delivered"), e.stats.op("game: answer locked")
	var sent time.Time
	buf := make([]byte, 0, 64)
	var head [64]byte
	for {
		_, r, err := ws.NextReader()
		if err != nil {
			return
		}
		k, err := io.ReadFull(r, head[:])
		if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
			return
		}
		msg := head[:k]
		switch {
		case bytes.HasPrefix(msg, framePrefixQuestion):
			delivered.ok(time.Duration(time.Now().UnixNano() - opened.Load()))
			sent = time.Now()
			buf = append(buf[:0], `{"type":"answer","question":`...)
			buf = strconv.AppendInt(buf, int64(frameIndex(msg)), 10)
			buf = append(buf, `,"option":`...)
			buf = strconv.AppendInt(buf, int64(rand.IntN(2)), 10) // every question has 2 options at least
			buf = append(buf, '}')
			if err := ws.WriteMessage(websocket.TextMessage, buf); err != nil {
				return
			}
		case bytes.HasPrefix(msg, framePrefixLocked):
			lockedOp.ok(time.Since(sent))
			if locked.Add(1) == int64(n) {
				select {
				case allLocked <- struct{}{}:
				default:
				}
			}
		case bytes.HasPrefix(msg, framePrefixError):
			rest, _ := io.ReadAll(io.LimitReader(r, 4096))
			var f benchFrame
			_ = json.Unmarshal(append(msg, rest...), &f)
			lockedOp.fail(f.Code)
		}
	}
}

var (
	framePrefixQuestion = []byte(`{"type":"question",`)
	framePrefixLocked   = []byte(`{"type":"answer_locked",`)
	framePrefixError    = []byte(`{"type":"error",`)
	frameIndexKey       = []byte(`"index":`)
)

// frameIndex reads the "index" number of a question frame (-1 if none).
func frameIndex(msg []byte) int {
	i := bytes.Index(msg, frameIndexKey)
	if i < 0 {
		return -1
	}
	n, digits := 0, 0
	for _, b := range msg[i+len(frameIndexKey):] {
		if b < '0' || b > '9' {
			break
		}
		n, digits = n*10+int(b-'0'), digits+1
	}
	if digits == 0 {
		return -1
	}
	return n
}
