package hub

import (
	"fmt"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// BenchmarkFanOutBare is the reference for the hub's fan-out
// (docs/PERFORMANCE.md): the bare websocket library on net/http, no hub,
// no fiber, no limits; one goroutine writes one prepared frame to N
// loopback sockets in a loop, and the round ends when every socket has
// read it. BenchmarkFanOut divided by this is the hub's overhead.
func BenchmarkFanOutBare(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("sockets=%d", n), func(b *testing.B) {
			var mu sync.Mutex
			var server []*websocket.Conn
			up := websocket.Upgrader{ReadBufferSize: 1024, WriteBufferSize: 1024}
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				b.Fatal(err)
			}
			srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				ws, err := up.Upgrade(w, r, nil)
				if err != nil {
					return
				}
				mu.Lock()
				server = append(server, ws)
				mu.Unlock()
			})}
			go srv.Serve(ln)
			defer srv.Close()
			got := make(chan struct{}, n)
			var wg sync.WaitGroup
			clients := make([]*websocket.Conn, 0, n)
			d := websocket.Dialer{ReadBufferSize: 1024, WriteBufferSize: 512}
			for i := 0; i < n; i++ {
				ws, _, err := d.Dial("ws://"+ln.Addr().String()+"/", nil)
				if err != nil {
					b.Fatal(err)
				}
				clients = append(clients, ws)
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						if _, _, err := ws.ReadMessage(); err != nil {
							return
						}
						got <- struct{}{}
					}
				}()
			}
			for deadline := time.Now().Add(10 * time.Second); ; {
				mu.Lock()
				ready := len(server)
				mu.Unlock()
				if ready == n {
					break
				}
				if time.Now().After(deadline) {
					b.Fatalf("%d of %d sockets upgraded", ready, n)
				}
				time.Sleep(5 * time.Millisecond)
			}
			pm, err := websocket.NewPreparedMessage(websocket.TextMessage, benchQuestion)
			if err != nil {
				b.Fatal(err)
			}
			rounds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				for _, ws := range server {
					_ = ws.SetWriteDeadline(start.Add(10 * time.Second))
					if err := ws.WritePreparedMessage(pm); err != nil {
						b.Fatal(err)
					}
				}
				for j := 0; j < n; j++ {
					<-got
				}
				rounds = append(rounds, time.Since(start))
			}
			b.StopTimer()
			reportRounds(b, rounds)
			for _, ws := range clients {
				_ = ws.Close()
			}
			for _, ws := range server {
				_ = ws.Close()
			}
			wg.Wait()
		})
	}
}

// benchQuestion is a question-sized frame like the game sends.
var benchQuestion = []byte(`{"type":"question","index":3,"count":32,"text":"` + strings.Repeat("How many hearts? ", 6) +
	`","options":["One","Two","Three","Four"],"seconds":20,"remainingMs":20000}`)

// reportRounds reports the p50 and p99 over rounds of the time until the
// slowest socket had the frame.
func reportRounds(b *testing.B, rounds []time.Duration) {
	sort.Slice(rounds, func(i, j int) bool { return rounds[i] < rounds[j] })
	b.ReportMetric(float64(rounds[len(rounds)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(rounds[len(rounds)*99/100].Microseconds()), "p99-µs")
}
