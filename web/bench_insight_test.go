package web_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"animalgenius/app/accounts"
	"animalgenius/app/apptest"
)

// BenchmarkLiveBoardPush30Classes measures the live board: 30 classes,
// each with its teacher's board open on a real socket, get one new
// finished student each at the same moment (30 concurrent commits). The
// time is from each commit to the push that shows that student arriving
// on its teacher's socket; p50 and p99 over all pushes are reported.
//
//	go test -run xxx -bench LiveBoardPush -benchtime 50x .
func BenchmarkLiveBoardPush30Classes(b *testing.B) {
	const classes = 30
	base, a := apptest.StartBench(b)
	host := strings.TrimPrefix(base, "http://")
	ctx := context.Background()

	type board struct {
		class int64
		ws    *websocket.Conn
		mu    sync.Mutex
		seen  map[int64]time.Time // student id -> when the push showing it arrived
	}
	boards := make([]*board, classes)
	for i := range boards {
		email := fmt.Sprintf("t%d@school.test", i)
		acct, _, err := a.Accounts().CreateAccount(ctx, accounts.CLIActor, email, "T", "", accounts.RoleTeacher, apptest.Password)
		if err != nil {
			b.Fatal(err)
		}
		_, token, err := a.Accounts().Login(ctx, email, apptest.Password, accounts.Client{IP: netip.MustParseAddr("127.0.0.1")})
		if err != nil {
			b.Fatal(err)
		}
		bd := &board{seen: map[int64]time.Time{}}
		err = a.Store().Write(ctx, func(tx *sql.Tx) error {
			return tx.QueryRow(`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
				VALUES (?, 'Room', 'owl', '#6D28D9', ?, 0, 0) RETURNING id`, acct.ID, fmt.Sprintf("ABCD%c%c", apptest.CodeAlphabet[i/31], apptest.CodeAlphabet[i%31])).Scan(&bd.class)
		})
		if err != nil {
			b.Fatal(err)
		}
		h := http.Header{"Cookie": {"ag_session=" + token}, "Origin": {base}}
		d := websocket.Dialer{HandshakeTimeout: 5 * time.Second}
		bd.ws, _, err = d.Dial("ws://"+host+"/ws", h)
		if err != nil {
			b.Fatal(err)
		}
		defer bd.ws.Close()
		_ = bd.ws.WriteJSON(map[string]string{"type": "subscribe", "topic": fmt.Sprintf("class:%d", bd.class)})
		_, msg, err := bd.ws.ReadMessage()
		if err != nil || !json.Valid(msg) {
			b.Fatalf("subscribe: %v %s", err, msg)
		}
		go func() {
			for {
				_, msg, err := bd.ws.ReadMessage()
				at := time.Now()
				if err != nil {
					return
				}
				var m struct {
					Board struct {
						Arrivals []struct{ ID int64 } `json:"arrivals"`
					} `json:"board"`
				}
				if json.Unmarshal(msg, &m) != nil {
					continue
				}
				bd.mu.Lock()
				for _, s := range m.Board.Arrivals {
					if _, ok := bd.seen[s.ID]; !ok {
						bd.seen[s.ID] = at
					}
				}
				bd.mu.Unlock()
			}
		}()
		boards[i] = bd
	}

	var lat []time.Duration
	seq := 0
	b.ResetTimer()
	for b.Loop() {
		type commit struct {
			bd *board
			id int64
			at time.Time
		}
		commits := make([]commit, classes)
		var wg sync.WaitGroup
		for i, bd := range boards {
			seq++
			wg.Add(1)
			go func(i, n int) {
				defer wg.Done()
				var id int64
				now := time.Now().UnixMilli()
				err := a.Store().Write(ctx, func(tx *sql.Tx) error {
					return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, coins, created_at,
							type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic,
							bank_version, completed_at)
						VALUES (?, ?, 'B', lower(?), ?, 50, ?, 'INTP', 'owl', 'thinker', 'visual', 'visual', 2, 7, 3, 6, 5, 4, 1, 8, 4, 3, 1, 1, 'v1', ?)
						RETURNING id`, bd.class, fmt.Sprintf("K%d", n), fmt.Sprintf("K%d", n), benchPassport(n), now, now).Scan(&id)
				})
				if err != nil {
					b.Error(err)
					return
				}
				committed := time.Now()
				a.Insight().OnStudentsChanged(bd.class)
				commits[i] = commit{bd, id, committed}
			}(i, seq)
		}
		wg.Wait()
		deadline := time.Now().Add(10 * time.Second)
		for _, c := range commits {
			for {
				c.bd.mu.Lock()
				at, ok := c.bd.seen[c.id]
				c.bd.mu.Unlock()
				if ok {
					lat = append(lat, at.Sub(c.at))
					break
				}
				if time.Now().After(deadline) {
					b.Fatalf("student %d never reached its board", c.id)
				}
				time.Sleep(200 * time.Microsecond)
			}
		}
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 { return float64(lat[int(p*float64(len(lat)-1))].Microseconds()) / 1000 }
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
}

func benchPassport(n int) string {
	code := []byte("OWL-22222")
	for i := 8; i > 3 && n > 0; i-- {
		code[i] = apptest.CodeAlphabet[n%len(apptest.CodeAlphabet)]
		n /= len(apptest.CodeAlphabet)
	}
	return string(code)
}
