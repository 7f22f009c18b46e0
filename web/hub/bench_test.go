package hub

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/fasthttp/websocket"
)

// BenchmarkFanOut publishes one question-sized frame to N real loopback
// sockets and waits until every socket has read it. It reports the
// delivery time of the slowest socket per round (p50 and p99 over rounds).
func BenchmarkFanOut(b *testing.B) {
	for _, n := range []int{100, 1000, 5000} {
		b.Run(fmt.Sprintf("sockets=%d", n), func(b *testing.B) {
			ts := startHub(&testing.T{}, Options{MaxTotal: n + 10, MaxPerAddr: n + 10, SendQueue: 64})
			defer ts.hub.Shutdown(closedAfter(2 * time.Second))
			got := make(chan struct{}, n*4)
			var conns []*websocket.Conn
			for i := 0; i < n; i++ {
				ws, _, err := ts.tryDial(nil)
				if err != nil {
					b.Fatal(err)
				}
				conns = append(conns, ws)
				_ = ws.WriteMessage(websocket.TextMessage, []byte("sub:game:1"))
				_ = ws.SetReadDeadline(time.Now().Add(10 * time.Second))
				if _, _, err := ws.ReadMessage(); err != nil {
					b.Fatal(err)
				}
			}
			var wg sync.WaitGroup
			for _, ws := range conns {
				wg.Add(1)
				go func(ws *websocket.Conn) {
					defer wg.Done()
					_ = ws.SetReadDeadline(time.Time{})
					for {
						if _, _, err := ws.ReadMessage(); err != nil {
							return
						}
						got <- struct{}{}
					}
				}(ws)
			}
			msg := benchQuestion
			rounds := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				start := time.Now()
				ts.hub.Publish("game:1", msg)
				for j := 0; j < n; j++ {
					<-got
				}
				rounds = append(rounds, time.Since(start))
			}
			b.StopTimer()
			reportRounds(b, rounds)
			for _, ws := range conns {
				_ = ws.Close()
			}
			wg.Wait()
		})
	}
}
