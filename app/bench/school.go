package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/fasthttp/websocket"

	"animalgenius/app/economy"
	"animalgenius/app/quiz"
)

// CSRFToken is a well-formed CSRF token the load tool's requests
// carry in both the cookie and the header (the double-submit check only
// needs the two to match).
const CSRFToken = "bench-csrf-token-bench-csrf-token-bench-csr"

// benchClass is one teacher of the simulated school, its class and its
// live board.
type benchClass struct {
	ID     int64  `json:"id"`
	Code   string `json:"code"`
	cookie string
	board  *websocket.Conn
}

// benchSchool simulates a school, in phases (the progress line names the
// phase):
//
//   - teachers: --teachers teachers sign up (the server must allow open
//     sign-up; the tool's own server does), make a class each, open its
//     store and open the class's live board on a socket;
//   - submit: --students students join those classes (--concurrency at a
//     time, all at once or spread over --spread): open the join link, check
//     the name, submit the quiz; meanwhile every teacher reads the roster,
//     the class analytics and the dashboard (class list), and the boards
//     time each push (submit answered -> board frame showing the student);
//   - reference: a bare single-writer SQLite commit loop on a temp dir, the
//     reference for the write paths;
//   - passport: each student logs in once with the passport code, typed in
//     lower case without the hyphen;
//   - economy: every teacher gives the class coins; every student opens the
//     store, buys an item and a pet and feeds it (Idempotency-Key on each),
//     while the teachers keep reading;
//   - lounge: every teacher starts lesson 4 and opens the values vote, every
//     student votes (spread over --spread when given) while the class
//     sockets hear who voted, then every teacher finalizes the vote and
//     completes the lesson (10 coins for each student);
//   - reads (--reads > 0): cached reads against /healthz, each for --reads
//     at --concurrency, reported as ratios (fasthttp's client, reads.go);
//   - game (--players given): the bare fan-out reference, then a live game
//     of --players players (the game scenario).
func benchSchool(ctx context.Context, e *benchEnv) error {
	run := fmt.Sprintf("%x", time.Now().UnixNano())
	e.setPhase("teachers")
	list, err := benchSchoolTeachers(ctx, e, run)
	defer func() {
		for _, cl := range list {
			if cl.board != nil {
				cl.board.Close()
			}
		}
	}()
	if err != nil {
		return err
	}

	// Boards: every frame showing a student not seen before is timed.
	push := &benchPushes{submitted: map[int64]time.Time{}, seen: map[int64]time.Time{}}
	var boards sync.WaitGroup
	for _, cl := range list {
		boards.Add(1)
		go func(ws *websocket.Conn) {
			defer boards.Done()
			push.read(ws)
		}(cl.board)
	}
	defer boards.Wait()
	defer func() {
		for _, cl := range list {
			cl.board.Close()
		}
	}()

	answers := benchQuizAnswers()
	n := e.opts.Students
	passports := make([]string, n)
	sessions := make([]string, n)

	e.setPhase("submit")
	stopReads := benchTeacherReads(ctx, e, list)
	start := time.Now()
	benchEach(ctx, e, n, func(i int) bool {
		if e.opts.Spread > 0 && n > 1 { // student i arrives at its share of the window
			if !benchSleep(ctx, time.Until(start.Add(e.opts.Spread*time.Duration(i)/time.Duration(n)))) {
				return false
			}
		}
		cl := list[i%len(list)]
		name := fmt.Sprintf(`"firstName":"Kid %s","firstNameConfirmed":true,"lastInitial":"%c"`, Name(i/26), 'A'+i%26)
		req, _ := http.NewRequest(http.MethodGet, e.base+"/api/v1/join/"+cl.Code, nil)
		if _, err := e.timed(ctx, "GET /join/:code", req, http.StatusOK); errors.Is(err, errBudget) {
			return false
		}
		if _, _, err := benchPost(ctx, e, "", "/api/v1/join/"+cl.Code+"/check", "{"+name+"}", "POST /join/:code/check", nil, http.StatusOK); errors.Is(err, errBudget) {
			return false
		}
		key := map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%s-%d", run, i)}
		_, raw, err := benchPost(ctx, e, "", "/api/v1/join/"+cl.Code+"/submit", "{"+name+`,"quiz":`+answers[i%4]+"}", "POST /join/:code/submit", key, http.StatusCreated)
		answered := time.Now()
		if errors.Is(err, errBudget) {
			return false
		}
		var got struct {
			Student struct {
				ID           int64
				PassportCode string
			}
		}
		if err == nil && json.Unmarshal(raw, &got) == nil {
			passports[i] = got.Student.PassportCode
			push.submit(got.Student.ID, answered)
		}
		return true
	})
	submitTook := time.Since(start)
	stopReads()
	push.wait(ctx, 10*time.Second)
	push.report(e)
	e.phase("submit", submitTook)

	e.setPhase("reference: commit loop")
	if err := benchCommitLoop(ctx, e); err != nil {
		return fmt.Errorf("bare commit loop: %w", err)
	}

	e.setPhase("passport")
	start = time.Now()
	benchEach(ctx, e, n, func(i int) bool {
		if passports[i] == "" {
			return true
		}
		typed := strings.ToLower(strings.Replace(passports[i], "-", "", 1))
		resp, _, err := benchPost(ctx, e, "", "/api/v1/passport/login", `{"passportCode":"`+typed+`"}`, "POST /passport/login", nil, http.StatusOK)
		if err == nil {
			for _, ck := range resp.Cookies() {
				if ck.Name == "ag_student" {
					sessions[i] = ck.Value
				}
			}
		}
		return !errors.Is(err, errBudget)
	})
	e.phase("passport", time.Since(start))

	e.setPhase("economy")
	if err := benchEconomy(ctx, e, run, list, sessions); err != nil {
		return err
	}

	e.setPhase("lounge")
	if err := benchLounge(ctx, e, list, sessions); err != nil {
		return err
	}

	for _, cl := range list {
		req, _ := http.NewRequest(http.MethodGet, fmt.Sprintf("%s/api/v1/classes/%d/roster", e.base, cl.ID), nil)
		req.AddCookie(&http.Cookie{Name: "ag_session", Value: cl.cookie})
		if _, err := e.timed(ctx, "GET /classes/:id/roster (class page)", req, http.StatusOK); errors.Is(err, errBudget) {
			break
		}
	}
	for _, cl := range list {
		cl.board.Close()
	}

	if e.opts.Reads > 0 {
		e.setPhase("reads")
		benchCachedReads(ctx, e, list, sessions)
	}

	if e.opts.PlayersSet && e.opts.Players > 0 {
		e.setPhase("reference: fan-out")
		if err := benchFanOutRef(ctx, e, e.opts.Players); err != nil {
			return fmt.Errorf("bare fan-out loop: %w", err)
		}
		e.setPhase("game")
		// The game gets a budget of its own, as if run as its own scenario.
		gctx, cancel := context.WithTimeout(e.rootCtx(), e.opts.Duration)
		defer cancel()
		start := time.Now()
		if err := benchGame(gctx, e); err != nil {
			return fmt.Errorf("game: %w", err)
		}
		e.phase("game", time.Since(start))
		e.ratioFanOut()
	}
	return nil
}

// benchSchoolTeachers signs the teachers up, makes a class each, opens
// its store and its live board.
func benchSchoolTeachers(ctx context.Context, e *benchEnv, run string) ([]benchClass, error) {
	teachers := e.opts.Teachers
	if per := (e.opts.Students + teachers - 1) / teachers; per > 1000 {
		teachers = (e.opts.Students + 999) / 1000 // a class holds at most 1,000 students
	}
	list := make([]benchClass, 0, teachers)
	wsURL := "ws" + strings.TrimPrefix(e.base, "http") + "/ws"
	for i := 0; i < teachers; i++ {
		body := fmt.Sprintf(`{"email":"bench-%s-%d@school.example","displayName":"Bench Teacher %d","school":"Bench","password":"bench teacher passphrase %d"}`, run, i, i, i)
		resp, _, err := benchPost(ctx, e, "", "/api/v1/auth/signup", body, "POST /auth/signup", nil, http.StatusCreated)
		if err != nil {
			return list, fmt.Errorf("teacher sign-up (the server must run with auth.signup_mode = \"open\"): %w", err)
		}
		var cl benchClass
		for _, ck := range resp.Cookies() {
			if ck.Name == "ag_session" {
				cl.cookie = ck.Value
			}
		}
		var created struct{ Class benchClass }
		_, raw, err := benchPost(ctx, e, cl.cookie, "/api/v1/classes", fmt.Sprintf(`{"name":"Bench class %d","grade":6}`, i), "POST /classes", nil, http.StatusCreated)
		if err != nil {
			return list, err
		}
		if err := json.Unmarshal(raw, &created); err != nil || created.Class.Code == "" {
			return list, fmt.Errorf("create class: %v %s", err, raw)
		}
		cl.ID, cl.Code = created.Class.ID, created.Class.Code
		if _, _, err := benchSend(ctx, e, http.MethodPut, fmt.Sprintf("/api/v1/classes/%d/store", cl.ID), `{"open":true}`,
			"PUT /classes/:id/store", &http.Cookie{Name: "ag_session", Value: cl.cookie}, nil, http.StatusOK); err != nil {
			return list, err
		}
		start := time.Now()
		ws, err := benchDial(ctx, wsURL, http.Header{"Cookie": {"ag_session=" + cl.cookie}, "Origin": {e.base}})
		if err == nil {
			err = ws.WriteJSON(map[string]string{"type": "subscribe", "topic": fmt.Sprintf("class:%d", cl.ID)})
			if err == nil {
				err = benchAwait(ws, "subscribed")
			}
			if err != nil {
				ws.Close()
			}
		}
		if err != nil {
			e.stats.op("board: open").fail(shortErr(err))
			return list, fmt.Errorf("live board of class %d: %w", cl.ID, err)
		}
		e.stats.op("board: open").ok(time.Since(start))
		cl.board = ws
		list = append(list, cl)
	}
	return list, nil
}

// benchAwait reads frames until one of type typ (10 s at most).
func benchAwait(ws *websocket.Conn, typ string) error {
	_ = ws.SetReadDeadline(time.Now().Add(10 * time.Second))
	defer ws.SetReadDeadline(time.Time{})
	prefix := []byte(`"type":"` + typ + `"`)
	for range 100 {
		_, msg, err := ws.ReadMessage()
		if err != nil {
			return err
		}
		if bytes.Contains(msg, prefix) {
			return nil
		}
		if bytes.Contains(msg, []byte(`"type":"error"`)) {
			return fmt.Errorf("%.200s", msg)
		}
	}
	return fmt.Errorf("no %q frame", typ)
}

// benchPushes times the live boards: from the moment a submission was
// answered (its commit is done by then) to the first board frame that
// shows the student. A frame can arrive before the answer does; that
// counts as 0.
type benchPushes struct {
	mu        sync.Mutex
	submitted map[int64]time.Time
	seen      map[int64]time.Time
	frames    atomic.Int64
}

func (p *benchPushes) submit(id int64, at time.Time) {
	p.mu.Lock()
	p.submitted[id] = at
	p.mu.Unlock()
}

func (p *benchPushes) read(ws *websocket.Conn) {
	for {
		_, msg, err := ws.ReadMessage()
		at := time.Now()
		if err != nil {
			return
		}
		if !bytes.Contains(msg, []byte(`"arrivals"`)) {
			continue
		}
		p.frames.Add(1)
		var m struct {
			Board struct {
				Arrivals []struct {
					ID int64 `json:"id"`
				} `json:"arrivals"`
			} `json:"board"`
		}
		if json.Unmarshal(msg, &m) != nil {
			continue
		}
		p.mu.Lock()
		for _, a := range m.Board.Arrivals {
			if _, ok := p.seen[a.ID]; !ok {
				p.seen[a.ID] = at
			}
		}
		p.mu.Unlock()
	}
}

// wait waits (bounded) until every submitted student was on a board.
func (p *benchPushes) wait(ctx context.Context, limit time.Duration) {
	deadline := time.Now().Add(limit)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		p.mu.Lock()
		missing := 0
		for id := range p.submitted {
			if _, ok := p.seen[id]; !ok {
				missing++
			}
		}
		p.mu.Unlock()
		if missing == 0 {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (p *benchPushes) report(e *benchEnv) {
	p.mu.Lock()
	defer p.mu.Unlock()
	op := e.stats.op("board: push after submit")
	for id, at := range p.submitted {
		seen, ok := p.seen[id]
		if !ok {
			op.fail("no board frame within 10s")
			continue
		}
		op.ok(max(0, seen.Sub(at)))
	}
}

// benchTeacherReads has every teacher read, one after another, the
// roster, the class analytics and the dashboard (the class list), a few
// times a second, until the returned stop is called.
func benchTeacherReads(ctx context.Context, e *benchEnv, list []benchClass) (stop func()) {
	done := make(chan struct{})
	var wg sync.WaitGroup
	for t, cl := range list {
		wg.Add(1)
		go func(t int, cl benchClass) {
			defer wg.Done()
			paths := []struct{ path, op string }{
				{fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID), "teacher: GET /classes/:id/roster"},
				{fmt.Sprintf("/api/v1/classes/%d/analytics", cl.ID), "teacher: GET /classes/:id/analytics"},
				{"/api/v1/classes", "teacher: GET /classes (dashboard)"},
			}
			tick := time.NewTicker(100 * time.Millisecond)
			defer tick.Stop()
			// Each teacher reads all three once at the start, then one every 100 ms.
			for k := 0; ; k++ {
				p := paths[(t+k)%len(paths)]
				req, _ := http.NewRequest(http.MethodGet, e.base+p.path, nil)
				req.AddCookie(&http.Cookie{Name: "ag_session", Value: cl.cookie})
				if _, err := e.timed(ctx, p.op, req, http.StatusOK); errors.Is(err, errBudget) {
					return
				}
				if k < len(paths)-1 {
					continue
				}
				select {
				case <-done:
					return
				case <-ctx.Done():
					return
				case <-tick.C:
				}
			}
		}(t, cl)
	}
	return func() { close(done); wg.Wait() }
}

// benchEconomy: every teacher gives the class 100 coins; then every
// student opens the store, buys the cheapest item and pet and feeds it.
func benchEconomy(ctx context.Context, e *benchEnv, run string, list []benchClass, sessions []string) error {
	start := time.Now()
	for _, cl := range list {
		if _, _, err := benchSend(ctx, e, http.MethodPost, fmt.Sprintf("/api/v1/classes/%d/coins", cl.ID), `{"all":true,"amount":100,"action":"give","reason":"Bench day"}`,
			"POST /classes/:id/coins", &http.Cookie{Name: "ag_session", Value: cl.cookie}, map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%s-coins-%d", run, cl.ID)}, http.StatusOK); err != nil {
			return err
		}
	}
	var item, species atomic.Int64
	var pick sync.Mutex
	stopReads := benchTeacherReads(ctx, e, list)
	defer stopReads()
	benchEach(ctx, e, len(sessions), func(i int) bool {
		if sessions[i] == "" {
			return true
		}
		ck := &http.Cookie{Name: "ag_student", Value: sessions[i]}
		_, raw, err := benchSend(ctx, e, http.MethodGet, "/api/v1/student/store", "", "student: GET /student/store", ck, nil, http.StatusOK)
		if errors.Is(err, errBudget) {
			return false
		}
		if err != nil {
			return true
		}
		if item.Load() == 0 {
			pick.Lock()
			if item.Load() == 0 {
				it, sp := benchCheapest(raw)
				species.Store(sp)
				item.Store(it)
			}
			pick.Unlock()
		}
		if item.Load() <= 0 || species.Load() <= 0 {
			e.stats.op("student: POST /student/store/purchases").fail("no item or pet in the store")
			return true
		}
		key := func(what string) map[string]string {
			return map[string]string{"Idempotency-Key": fmt.Sprintf("bench-%s-%s-%d", run, what, i)}
		}
		if _, _, err := benchSend(ctx, e, http.MethodPost, "/api/v1/student/store/purchases", fmt.Sprintf(`{"itemId":%d}`, item.Load()),
			"student: POST /student/store/purchases", ck, key("buy"), http.StatusCreated); errors.Is(err, errBudget) {
			return false
		}
		if _, _, err := benchSend(ctx, e, http.MethodPost, "/api/v1/student/pet", fmt.Sprintf(`{"speciesId":%d,"name":"Pip"}`, species.Load()),
			"student: POST /student/pet", ck, key("pet"), http.StatusCreated); errors.Is(err, errBudget) {
			return false
		} else if err != nil {
			return true
		}
		_, _, err = benchSend(ctx, e, http.MethodPost, "/api/v1/student/pet/care", `{"action":"feed"}`,
			"student: POST /student/pet/care (feed)", ck, key("feed"), http.StatusOK)
		return !errors.Is(err, errBudget)
	})
	e.phase("economy", time.Since(start))
	e.writeRatio("student: POST /student/store/purchases", "economy")
	return nil
}

// benchCheapest picks the cheapest item and pet species on sale from a
// GET /student/store answer (-1 for none).
func benchCheapest(raw []byte) (item, species int64) {
	var st economy.Catalog
	if json.Unmarshal(raw, &st) != nil {
		return -1, -1
	}
	item, species = -1, -1
	bestItem, bestSpecies := 1<<30, 1<<30
	for _, it := range st.Items {
		if it.Active && it.Price < bestItem {
			item, bestItem = it.ID, it.Price
		}
	}
	for _, sp := range st.Species {
		if sp.Active && sp.Price < bestSpecies {
			species, bestSpecies = sp.ID, sp.Price
		}
	}
	return item, species
}

// benchCachedReads measures cached reads against /healthz in the same run:
// each path at --concurrency for --reads in all, then the ratio of its
// rate to /healthz's.
func benchCachedReads(ctx context.Context, e *benchEnv, list []benchClass, sessions []string) {
	var students []string
	for _, s := range sessions {
		if s != "" {
			students = append(students, s)
		}
	}
	paths := []readPath{
		{op: "reads: GET /healthz", path: func(int) (string, *http.Cookie) { return "/healthz", nil }},
		{op: "reads: GET /student/economy (dashboard)", path: func(w int) (string, *http.Cookie) {
			if len(students) == 0 {
				return "", nil
			}
			return "/api/v1/student/economy", &http.Cookie{Name: "ag_student", Value: students[w%len(students)]}
		}},
		{op: "reads: GET /classes/:id/roster", path: func(w int) (string, *http.Cookie) {
			cl := list[w%len(list)]
			return fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID), &http.Cookie{Name: "ag_session", Value: cl.cookie}
		}},
		{op: "reads: GET /classes/:id/analytics", path: func(w int) (string, *http.Cookie) {
			cl := list[w%len(list)]
			return fmt.Sprintf("/api/v1/classes/%d/analytics", cl.ID), &http.Cookie{Name: "ag_session", Value: cl.cookie}
		}},
		{op: "reads: GET /classes (dashboard)", path: func(w int) (string, *http.Cookie) {
			cl := list[w%len(list)]
			return "/api/v1/classes", &http.Cookie{Name: "ag_session", Value: cl.cookie}
		}},
		// As a browser asks: it takes gzip, and the kept answers over
		// 1,400 bytes go gzipped (made once per answer).
		{op: "reads: GET /classes/:id/roster (gzip, as a browser)", gzip: true, path: func(w int) (string, *http.Cookie) {
			cl := list[w%len(list)]
			return fmt.Sprintf("/api/v1/classes/%d/roster", cl.ID), &http.Cookie{Name: "ag_session", Value: cl.cookie}
		}},
		{op: "reads: GET /classes/:id/analytics (gzip, as a browser)", gzip: true, path: func(w int) (string, *http.Cookie) {
			cl := list[w%len(list)]
			return fmt.Sprintf("/api/v1/classes/%d/analytics", cl.ID), &http.Cookie{Name: "ag_session", Value: cl.cookie}
		}},
	}
	const roster = 2 // paths[roster] is the roster
	product := len(paths)
	bareHealthz, bareRoster := -1, -1
	if e.bare != nil {
		bareHealthz = len(paths)
		paths = append(paths, readPath{op: refBareOp, base: e.bare.url, path: func(int) (string, *http.Cookie) { return "/healthz", nil }})
		// The same bare stack sending a body the size of a roster: what
		// the roster costs beyond the bytes it moves.
		if n := meanRosterBytes(ctx, e, list); n >= 2 {
			bareRoster = len(paths)
			path := fmt.Sprintf("/bytes/%d", n)
			paths = append(paths, readPath{op: fmt.Sprintf("%s%d (a roster's mean size)", refBareBytesOp, n), base: e.bare.url,
				path: func(int) (string, *http.Cookie) { return path, nil }})
		}
	}
	rates := alternateReads(ctx, e, paths, e.opts.Reads)
	if rates == nil {
		return
	}
	for i, p := range paths[:product] {
		if rates[i] <= 0 {
			continue
		}
		e.ratio(RatioReport{Name: p.op, Value: rates[i], Unit: "req/s", Reference: paths[0].op, RefValue: rates[0]})
		if bareHealthz >= 0 {
			e.ratio(RatioReport{Name: p.op, Value: rates[i], Unit: "req/s", Reference: refBareOp, RefValue: rates[bareHealthz]})
		}
		if i == roster && bareRoster >= 0 {
			e.ratio(RatioReport{Name: p.op, Value: rates[i], Unit: "req/s", Reference: paths[bareRoster].op, RefValue: rates[bareRoster]})
		}
	}
}

// meanRosterBytes is the mean size of the rosters of list (of its first
// 100 classes), or 0 when none could be read.
func meanRosterBytes(ctx context.Context, e *benchEnv, list []benchClass) int {
	total, n := 0, 0
	for _, cl := range list[:min(len(list), 100)] {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("%s/api/v1/classes/%d/roster", e.base, cl.ID), nil)
		if err != nil {
			return 0
		}
		req.AddCookie(&http.Cookie{Name: "ag_session", Value: cl.cookie})
		resp, err := e.client.Do(req)
		if err != nil {
			return 0
		}
		size, err := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			continue
		}
		total, n = total+int(size), n+1
	}
	if n == 0 {
		return 0
	}
	return total / n
}

const refBareOp = "reference: bare fiber GET /healthz"

// refBareBytesOp starts the name of the bare reference that sends a body
// of a roster's size.
const refBareBytesOp = "reference: bare fiber GET /bytes/"

// benchEach runs fn(0..n-1) on --concurrency workers until fn says stop.
func benchEach(ctx context.Context, e *benchEnv, n int, fn func(i int) bool) {
	workers := min(e.opts.Concurrency, max(n, 1))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				i := int(next.Add(1)) - 1
				if i >= n || !fn(i) {
					return
				}
			}
		}()
	}
	wg.Wait()
}

// benchSleep sleeps d unless ctx ends first (false then).
func benchSleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// benchQuizAnswers are four whole quiz submissions (each picks the same
// option position on every question).
func benchQuizAnswers() []string {
	answers := make([]string, 4)
	bank := quiz.DefaultBank()
	for opt := range answers {
		sub := quiz.Submission{BankVersion: bank.Version()}
		for _, q := range bank.Questions() {
			sub.Answers = append(sub.Answers, quiz.Answer{Question: q.ID, Option: q.Options[opt%len(q.Options)].ID})
		}
		out, _ := json.Marshal(sub)
		answers[opt] = string(out)
	}
	return answers
}

// benchPost sends a JSON POST as a page would (CSRF cookie and header,
// optionally a teacher's session and extra headers) and records it as op.
func benchPost(ctx context.Context, e *benchEnv, session, path, body, op string, header map[string]string, want int) (*http.Response, []byte, error) {
	var ck *http.Cookie
	if session != "" {
		ck = &http.Cookie{Name: "ag_session", Value: session}
	}
	return benchSend(ctx, e, http.MethodPost, path, body, op, ck, header, want)
}

// benchSend sends one request as a page would: a JSON body, the CSRF
// cookie and header, the given session cookie (teacher or student) and
// extra headers; it is recorded as op.
func benchSend(ctx context.Context, e *benchEnv, method, path, body, op string, session *http.Cookie, header map[string]string, want int) (*http.Response, []byte, error) {
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, _ := http.NewRequest(method, e.base+path, rd)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("X-CSRF-Token", CSRFToken)
	for k, v := range header {
		req.Header.Set(k, v)
	}
	req.AddCookie(&http.Cookie{Name: "ag_csrf", Value: CSRFToken})
	if session != nil {
		req.AddCookie(session)
	}
	var resp *http.Response
	raw, err := e.timedResp(ctx, op, req, want, &resp)
	return resp, raw, err
}

// Name spells n in letters (names may not hold digits).
func Name(n int) string {
	s := ""
	for {
		s = string(rune('a'+n%26)) + s
		n /= 26
		if n == 0 {
			return s
		}
	}
}
