package bench

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// The game scenario of the load tool plays a whole game against a running
// server and reports every operation without errors.
func TestBenchGameScenario(t *testing.T) {
	ta := apptest.Start(t, func(c *config.Config) {
		c.Auth.SignupMode = "open"
		c.Sockets.TrustedNetworks = []string{"127.0.0.0/8"}
	})
	var out bytes.Buffer
	err := Run(context.Background(), &out, Options{URL: ta.URL, Duration: 60 * time.Second, MaxRequests: 1000,
		Concurrency: 8, Scenarios: []string{"game"}, JSON: true, Teachers: 1, Players: 20})
	if err != nil {
		t.Fatalf("bench: %v\n%s", err, out.String())
	}
	var rep Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	counts := map[string]int{}
	for _, op := range rep.Operations {
		counts[op.Name] = op.Count
		if op.Errors > 0 {
			t.Errorf("%s: %d errors %v", op.Name, op.Errors, op.ErrorKinds)
		}
	}
	if counts["game: join"] != 20 || counts["game: question delivered"] != 20*32 || counts["game: answer locked"] != 20*32 ||
		counts["game: whole question"] != 32 {
		t.Fatalf("operations %v", counts)
	}
	if g := rep.Game; g == nil || g.Players != 20 || g.Questions != 32 || g.FanOutP99ms <= 0 || g.AnswersPerSec <= 0 ||
		g.AnswersPerSecLo > g.AnswersPerSec {
		t.Fatalf("game summary %+v", rep.Game)
	}
}

// frameIndex reads the question number the light bench player answers.
func TestBenchFrameIndex(t *testing.T) {
	for in, want := range map[string]int{
		`{"type":"question","index":12,"count":32}`: 12,
		`{"type":"question","index":0}`:             0,
		`{"type":"question","count":3}`:             -1,
		`{"type":"question","index":x}`:             -1,
	} {
		if got := frameIndex([]byte(in)); got != want {
			t.Errorf("frameIndex(%s) = %d, want %d", in, got, want)
		}
	}
}
