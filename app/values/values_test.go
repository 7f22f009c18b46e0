package values

import (
	"encoding/json"
	"errors"
	"slices"
	"testing"
	"time"
)

func TestClustersLoad(t *testing.T) {
	if err := LoadError(); err != nil {
		t.Fatal(err)
	}
	cs := Clusters()
	if len(cs) != ClusterCount {
		t.Fatalf("%d clusters", len(cs))
	}
	for _, c := range cs {
		if len(c.Values) != ValuesPerCluster {
			t.Errorf("%s has %d values", c.Code, len(c.Values))
		}
	}
}

func ballot(picks map[string][3]string) Ballot {
	b := Ballot{}
	for cl, codes := range picks {
		for i, c := range codes {
			b[cl] = append(b[cl], Pick{Value: c, Rank: i + 1})
		}
	}
	return b
}

var base = map[string][3]string{
	"treat":     {"kindness", "respect", "honesty"},
	"challenge": {"courage", "calm", "focus"},
	"learn":     {"curiosity", "teamwork", "practice"},
	"daily":     {"joy", "effort", "health"},
}

func TestCheckBallotSortsByRank(t *testing.T) {
	b := ballot(base)
	b["treat"] = []Pick{{"honesty", 3}, {"kindness", 1}, {"respect", 2}}
	got, err := CheckBallot(b)
	if err != nil {
		t.Fatal(err)
	}
	if got["treat"][0].Value != "kindness" || got["treat"][2].Value != "honesty" {
		t.Fatalf("not sorted by rank: %v", got["treat"])
	}
}

func TestCheckBallotRefusals(t *testing.T) {
	for _, tc := range []struct {
		name, code string
		change     func(Ballot)
	}{
		{"missing cluster", "ballot_incomplete", func(b Ballot) { delete(b, "daily") }},
		{"extra cluster", "unknown_cluster", func(b Ballot) { b["weekend"] = nil }},
		{"two", "wrong_count", func(b Ballot) { b["treat"] = b["treat"][:2] }},
		{"four", "wrong_count", func(b Ballot) { b["treat"] = append(b["treat"], Pick{"trust", 3}) }},
		{"duplicate rank", "duplicate_rank", func(b Ballot) { b["learn"][1].Rank = 1 }},
		{"rank 0", "bad_rank", func(b Ballot) { b["learn"][1].Rank = 0 }},
		{"rank 4", "bad_rank", func(b Ballot) { b["learn"][2].Rank = 4 }},
		{"duplicate value", "duplicate_value", func(b Ballot) { b["daily"][1].Value = "joy" }},
		{"unknown value", "unknown_value", func(b Ballot) { b["daily"][1].Value = "sleep" }},
		{"other cluster's value", "unknown_value", func(b Ballot) { b["daily"][1].Value = "kindness" }},
	} {
		b := ballot(base)
		tc.change(b)
		_, err := CheckBallot(b)
		var be *BallotError
		if !errors.As(err, &be) || be.Code != tc.code || be.Message == "" {
			t.Errorf("%s: %v, want %s", tc.name, err, tc.code)
		}
	}
	if _, err := CheckBallot(nil); err == nil {
		t.Error("empty ballot accepted")
	}
}

// The tally: rank 1 scores 3, rank 2 scores 2, rank 3 scores 1; the top two
// win; equal scores go to the code that sorts first, whatever the order of
// the ballots.
func TestTallyDeterministicTieBreak(t *testing.T) {
	a := ballot(base)
	b := ballot(map[string][3]string{
		"treat":     {"respect", "kindness", "trust"}, // kindness 3+2=5, respect 2+3=5: tie, "kindness" < "respect"
		"challenge": {"calm", "courage", "focus"},     // courage 3+2, calm 2+3: tie -> calm
		"learn":     {"teamwork", "curiosity", "questions"},
		"daily":     {"effort", "joy", "health"},
	})
	want := []Result{
		{"treat", 1, "kindness", 5}, {"treat", 2, "respect", 5},
		{"challenge", 1, "calm", 5}, {"challenge", 2, "courage", 5},
		{"learn", 1, "curiosity", 5}, {"learn", 2, "teamwork", 5},
		{"daily", 1, "effort", 5}, {"daily", 2, "joy", 5},
	}
	for _, order := range [][]Ballot{{a, b}, {b, a}} {
		if got := Tally(order); !slices.Equal(got, want) {
			t.Fatalf("tally %v, want %v", got, want)
		}
	}
	// A clear winner beats the alphabet.
	c := ballot(map[string][3]string{"treat": {"trust", "listening", "fairness"}, "challenge": base["challenge"], "learn": base["learn"], "daily": base["daily"]})
	got := Tally([]Ballot{c, c, a})
	if got[0] != (Result{"treat", 1, "trust", 6}) || got[1] != (Result{"treat", 2, "listening", 4}) {
		t.Fatalf("treat: %v", got[:2])
	}
}

func TestSessionRules(t *testing.T) {
	t0 := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	s, err := OpenSession(nil, 7, t0)
	if err != nil || !s.ClosesAt.Equal(t0.Add(15*time.Minute)) || s.StateAt(t0) != Open {
		t.Fatalf("open: %+v %v", s, err)
	}
	if _, err := OpenSession(&s, 7, t0); !errors.Is(err, ErrSessionRunning) {
		t.Fatalf("second open: %v", err)
	}
	if s.StateAt(t0.Add(15*time.Minute)) != Closed || CanVote(s, t0.Add(15*time.Minute)) == nil {
		t.Fatal("open after its 15 minutes")
	}
	e, _ := Extend(s, t0.Add(5*time.Minute))
	if !e.ClosesAt.Equal(t0.Add(30 * time.Minute)) {
		t.Fatalf("extend while open: %v", e.ClosesAt)
	}
	late, _ := Extend(s, t0.Add(20*time.Minute))
	if !late.ClosesAt.Equal(t0.Add(35*time.Minute)) || late.StateAt(t0.Add(20*time.Minute)) != Open {
		t.Fatalf("extend after time ran out: %+v", late)
	}
	c, err := Close(s, t0.Add(time.Minute))
	if err != nil || c.StateAt(t0.Add(time.Minute)) != Closed {
		t.Fatalf("close: %+v %v", c, err)
	}
	if _, err := Close(c, t0.Add(2*time.Minute)); !errors.Is(err, ErrNotOpen) {
		t.Fatalf("close twice: %v", err)
	}
	far := s
	for i := 0; i < 20; i++ {
		if far, err = Extend(far, t0); err != nil {
			break
		}
	}
	if !errors.Is(err, ErrTooLong) || far.ClosesAt.Sub(t0) > MaxOpenAhead {
		t.Fatalf("extending without end: %v %v", far.ClosesAt, err)
	}
	if _, _, err := Finalize(s, nil, t0); !errors.Is(err, ErrNoBallots) {
		t.Fatalf("finalize empty: %v", err)
	}
	f, res, err := Finalize(s, []Ballot{ballot(base)}, t0.Add(time.Minute))
	if err != nil || f.StateAt(t0) != Finalized || len(res) != ClusterCount*Winners || f.ClosedAt.IsZero() {
		t.Fatalf("finalize: %+v %v %v", f, res, err)
	}
	if _, _, err := Finalize(f, []Ballot{ballot(base)}, t0); !errors.Is(err, ErrFinalized) {
		t.Fatalf("finalize twice: %v", err)
	}
	if _, err := OpenSession(&f, 7, t0); err != nil {
		t.Fatalf("new vote after finalize: %v", err)
	}
}

// FuzzBallot: whatever JSON a client sends, CheckBallot either refuses it
// with a BallotError or returns exactly three ranked, known, distinct
// values per cluster.
func FuzzBallot(f *testing.F) {
	good, _ := json.Marshal(ballot(base))
	f.Add(good)
	f.Add([]byte(`{"treat":[{"value":"kindness","rank":1}]}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"treat":null}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var b Ballot
		if json.Unmarshal(data, &b) != nil {
			return
		}
		got, err := CheckBallot(b)
		if err != nil {
			var be *BallotError
			if !errors.As(err, &be) || be.Message == "" {
				t.Fatalf("refusal without words: %v", err)
			}
			return
		}
		if len(got) != ClusterCount {
			t.Fatalf("accepted %d clusters", len(got))
		}
		for cl, picks := range got {
			seen := map[string]bool{}
			for i, p := range picks {
				if _, ok := Lookup(cl, p.Value); !ok || p.Rank != i+1 || seen[p.Value] {
					t.Fatalf("accepted %s %v", cl, picks)
				}
				seen[p.Value] = true
			}
			if len(picks) != Picks {
				t.Fatalf("accepted %d picks", len(picks))
			}
		}
	})
}
