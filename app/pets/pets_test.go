package pets

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"testing/quick"
	"time"
)

var dog = Species{Code: "puppy", Name: "Puppy", Price: 100, HungerRate: DefaultHungerRate, HappinessRate: DefaultHappinessRate}

func TestDecay(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		stored float64
		rate   float64
		after  time.Duration
		want   float64
	}{
		{"no time", 80, 0.42, 0, 80},
		{"ten hours", 80, 0.42, 10 * time.Hour, 75.8},
		{"half an hour", 50, 1, 30 * time.Minute, 49.5},
		{"floors at zero", 10, 0.625, 100 * time.Hour, 0},
		{"exactly to zero", 10, 1, 10 * time.Hour, 0},
		{"clock went back", 70, 0.42, -5 * time.Hour, 70},
		{"stored above 100 is clamped", 130, 0.1, 0, 100},
		{"stored below 0 is clamped", -5, 0.1, 0, 0},
		{"a year away", 100, 0.42, 365 * 24 * time.Hour, 0},
		{"zero rate", 60, 0, 1000 * time.Hour, 60},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decay(tt.stored, tt.rate, t0, t0.Add(tt.after))
			if math.Abs(got-tt.want) > 1e-9 {
				t.Fatalf("Decay = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestMoodOf(t *testing.T) {
	tests := []struct {
		hunger, happiness float64
		want              Mood
	}{
		{100, 100, Happy}, {80, 80, Happy}, {100, 60, Happy}, {79.9, 80, Neutral},
		{40, 40, Neutral}, {0, 80, Neutral}, {39.9, 40, Sad}, {0, 0, Sad}, {20, 59.9, Sad},
		// A second of decay does not take a new pet off 80.
		{79.9998, 79.9997, Happy}, {39.96, 40, Neutral},
	}
	for _, tt := range tests {
		if got := MoodOf(tt.hunger, tt.happiness); got != tt.want {
			t.Errorf("MoodOf(%v, %v) = %s, want %s", tt.hunger, tt.happiness, got, tt.want)
		}
	}
}

func TestClamp(t *testing.T) {
	for in, want := range map[float64]float64{-1: 0, 0: 0, 42.5: 42.5, 100: 100, 100.1: 100, math.Inf(1): 100, math.Inf(-1): 0} {
		if got := Clamp(in); got != want {
			t.Errorf("Clamp(%v) = %v, want %v", in, got, want)
		}
	}
	if Clamp(math.NaN()) != 0 {
		t.Error("Clamp(NaN) != 0")
	}
}

func TestCurrentMoodOverTime(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s := New(t0)
	if got := Current(s, dog, t0); got.Mood != Happy || got.Hunger != 80 || got.Happiness != 80 {
		t.Fatalf("new pet = %+v", got)
	}
	if got := Current(s, dog, t0.Add(2*time.Hour)); got.Mood != Neutral {
		t.Fatalf("after 2h = %+v, want neutral", got)
	}
	// Average falls by (0.42+0.625)/2 per hour from 80: below 40 after ~76.6 h.
	if got := Current(s, dog, t0.Add(76*time.Hour)); got.Mood != Neutral {
		t.Fatalf("after 76h = %+v", got)
	}
	if got := Current(s, dog, t0.Add(77*time.Hour)); got.Mood != Sad {
		t.Fatalf("after 77h = %+v", got)
	}
}

func TestCare(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	s := New(t0)
	later := t0.Add(10 * time.Hour)

	fed, err := Care(s, dog, Feed, later)
	if err != nil {
		t.Fatal(err)
	}
	// Decayed values are written back, the boost added (75.8+30 capped at 100), the clock reset.
	if fed.Hunger != 100 || math.Abs(fed.Happiness-(80-6.25)) > 1e-9 || !fed.LastAt.Equal(later) {
		t.Fatalf("fed = %+v", fed)
	}
	if s.LastCare[Feed] != (time.Time{}) {
		t.Fatal("Care changed the state it was given")
	}

	// The same action within the cooldown is refused; another action is not.
	_, err = Care(fed, dog, Feed, later.Add(Cooldown-time.Second))
	var cd *CooldownError
	if !errors.As(err, &cd) || cd.Wait != time.Second || cd.Action != Feed {
		t.Fatalf("second feed = %v", err)
	}
	played, err := Care(fed, dog, Play, later.Add(time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(played.Happiness-(80-6.25+20)) > 1e-3 {
		t.Fatalf("played = %+v", played)
	}
	if _, err := Care(played, dog, Feed, later.Add(Cooldown)); err != nil {
		t.Fatalf("feed after the cooldown: %v", err)
	}

	// Boosts are capped at 100.
	full := State{Hunger: 95, Happiness: 95, LastAt: later, LastCare: map[Action]time.Time{}}
	for _, a := range Actions {
		got, err := Care(full, dog, a, later)
		if err != nil {
			t.Fatal(err)
		}
		if got.Hunger > 100 || got.Happiness > 100 {
			t.Fatalf("%s went over 100: %+v", a, got)
		}
	}
	pat, _ := Care(State{Hunger: 50, Happiness: 50, LastAt: later}, dog, Pat, later)
	if pat.Happiness != 60 || pat.Hunger != 50 {
		t.Fatalf("pet = %+v", pat)
	}

	if _, err := Care(s, dog, Action("tickle"), later); !errors.Is(err, ErrUnknownAction) {
		t.Fatalf("unknown action = %v", err)
	}
	// A clock set back never locks an action for more than one cooldown.
	_, err = Care(fed, dog, Feed, later.Add(-24*time.Hour))
	if !errors.As(err, &cd) || cd.Wait != Cooldown {
		t.Fatalf("clock back = %v", err)
	}
}

func TestActionCost(t *testing.T) {
	if Feed.Cost() != 5 || Play.Cost() != 0 || Pat.Cost() != 0 {
		t.Fatal("costs changed")
	}
}

// Property: whatever is stored, whatever the rates and times, and whatever
// care is done, values stay within 0-100.
func TestDecayStaysInRange(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	prop := func(stored, rate float64, minutes int64, actions []uint8) bool {
		sp := Species{HungerRate: math.Abs(rate), HappinessRate: math.Abs(rate) / 2}
		v := Decay(stored, math.Abs(rate), t0, t0.Add(time.Duration(minutes)*time.Minute))
		if !(v >= 0 && v <= 100) {
			return false
		}
		s := State{Hunger: stored, Happiness: -stored, LastAt: t0}
		now := t0
		for _, a := range actions {
			now = now.Add(time.Duration(a) * time.Minute)
			next, err := Care(s, sp, Actions[int(a)%len(Actions)], now)
			if err == nil {
				s = next
			}
			c := Current(s, sp, now.Add(time.Duration(minutes)*time.Minute))
			if c.Hunger < 0 || c.Hunger > 100 || c.Happiness < 0 || c.Happiness > 100 {
				return false
			}
		}
		return true
	}
	cfg := &quick.Config{MaxCount: 5000, Rand: nil}
	if err := quick.Check(prop, cfg); err != nil {
		t.Fatal(err)
	}
	// And with the extremes quick.Check rarely draws.
	r := rand.New(rand.NewPCG(1, 2))
	for _, stored := range []float64{math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat64, -math.MaxFloat64} {
		v := Decay(stored, r.Float64(), t0, t0.Add(time.Hour))
		if !(v >= 0 && v <= 100) {
			t.Fatalf("Decay(%v) = %v", stored, v)
		}
	}
}
