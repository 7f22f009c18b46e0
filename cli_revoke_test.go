package main

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/fasthttp/websocket"

	"animalgenius/app/apptest"
)

// TestResetPasswordFromCLIClosesSockets: `admin reset-password` on the
// command line, while the server runs, ends the account's sessions in the
// database; the server closes that account's live sockets within the
// README's 30 seconds (it checks the sessions of open sockets every 10 s),
// and the old cookie is refused.
func TestResetPasswordFromCLIClosesSockets(t *testing.T) {
	app := apptest.Start(t, nil)
	_, ana := app.Teacher("ana@hill.school")
	_, bo := app.Teacher("bo@hill.school")
	cl := app.CreateClass(ana, "Room 7")
	board := app.Dial(ana, "")
	board.Name = "ana's board"
	topic := fmt.Sprintf("class:%d", cl.ID)
	board.Send(map[string]any{"type": "subscribe", "topic": topic})
	board.Next("subscribed")
	other := app.Dial(bo, "")
	other.Name = "bo's socket"

	if code, out := runBinInput(t, "a brand new sentence for ana\n", "admin", "reset-password", "--data="+app.Dir,
		"--email", "ana@hill.school", "--password-stdin"); code != 0 {
		t.Fatalf("reset-password: %d %s", code, out)
	}
	start := time.Now()
	_ = board.WS.SetReadDeadline(start.Add(30 * time.Second))
	var err error
	for range 1000 { // frames until the close (bounded by the deadline too)
		if _, _, err = board.WS.ReadMessage(); err != nil {
			break
		}
	}
	var ce *websocket.CloseError
	if !errors.As(err, &ce) || ce.Code != 4001 {
		t.Fatalf("ana's board after the reset: %v after %v, want close 4001 within 30 s", err, time.Since(start))
	}
	t.Logf("ana's board closed %v after the reset", time.Since(start).Round(time.Second))
	// Bo's socket stays open: it still answers.
	other.Send(map[string]any{"type": "subscribe", "topic": topic})
	other.Error("bad_topic") // not its class: refused, but the socket answers
	// And the old cookie is refused (the cache holds a session 30 s at most).
	deadline := time.Now().Add(40 * time.Second)
	for {
		st, _ := app.Call(ana, "GET", "/api/v1/auth/me", "")
		if st == 401 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("old cookie still works 40 s after the reset: %d", st)
		}
		time.Sleep(500 * time.Millisecond)
	}
}
