// Package pets is the pure logic of student pets: decay on read, mood,
// care actions with cooldowns, and pet names. It has no storage; the
// economy service loads a pet, asks this package what changes, and saves.
package pets

import (
	"errors"
	"fmt"
	"math"
	"time"
)

// Species is a kind of pet with its own decay rates (points per hour).
type Species struct {
	Code          string
	Name          string
	Price         int
	HungerRate    float64
	HappinessRate float64
}

// Default decay rates from the spec: a pet left alone goes from full to
// empty in about ten days (hunger) and under a week (happiness).
const (
	DefaultHungerRate    = 0.42
	DefaultHappinessRate = 0.625
)

// Care rules.
const (
	StartValue    = 80.0 // hunger and happiness of a new pet
	FeedHunger    = 30.0
	FeedCost      = 5 // coins
	PlayHappiness = 20.0
	PetHappiness  = 10.0
	// Cooldown is how long a student waits between two of the same care
	// action: long enough that mashing a button does nothing, short enough
	// that a student who comes back a minute later can play again.
	Cooldown = 30 * time.Second
)

// State is a pet as stored: the values at the last interaction, and when
// each care action was last done.
type State struct {
	Hunger    float64
	Happiness float64
	LastAt    time.Time            // last interaction of any kind
	LastCare  map[Action]time.Time // last time of each action
}

// New returns the state of a pet bought at now.
func New(now time.Time) State {
	return State{Hunger: StartValue, Happiness: StartValue, LastAt: now, LastCare: map[Action]time.Time{}}
}

// Mood is how the pet feels.
type Mood string

// Moods.
const (
	Happy   Mood = "happy"
	Neutral Mood = "neutral"
	Sad     Mood = "sad"
)

// Moods lists every mood, best first.
var Moods = []Mood{Happy, Neutral, Sad}

// MoodOf: average >= 80 happy, >= 40 neutral, else sad, of the values
// to a tenth of a point (Tenths): a pet adopted a second ago, at 79.9998,
// is an 80 and happy.
func MoodOf(hunger, happiness float64) Mood {
	avg := (Tenths(hunger) + Tenths(happiness)) / 2
	switch {
	case avg >= 80:
		return Happy
	case avg >= 40:
		return Neutral
	}
	return Sad
}

// Tenths is v to a tenth of a point, as moods and the shown numbers take
// it (seconds of decay do not move a pet off its number).
func Tenths(v float64) float64 { return math.Round(v*10) / 10 }

// Clamp keeps v within 0-100 (NaN counts as 0).
func Clamp(v float64) float64 {
	if math.IsNaN(v) || v < 0 {
		return 0
	}
	return math.Min(v, 100)
}

// Decay is the value now: clamp(stored - hours_since_last * rate, 0, 100).
// A clock that went backwards counts as no time passed.
func Decay(stored, rate float64, last, now time.Time) float64 {
	hours := now.Sub(last).Hours()
	if hours < 0 {
		hours = 0
	}
	return Clamp(stored - hours*rate)
}

// Now is a pet's state as shown at a moment.
type Now struct {
	Hunger    float64
	Happiness float64
	Mood      Mood
}

// Current computes the pet's values at now without changing anything.
func Current(s State, sp Species, now time.Time) Now {
	h := Decay(s.Hunger, sp.HungerRate, s.LastAt, now)
	p := Decay(s.Happiness, sp.HappinessRate, s.LastAt, now)
	return Now{Hunger: h, Happiness: p, Mood: MoodOf(h, p)}
}

// Action is a care action.
type Action string

// Care actions.
const (
	Feed Action = "feed"
	Play Action = "play"
	Pat  Action = "pet"
)

// Actions lists every care action.
var Actions = []Action{Feed, Play, Pat}

// Cost is what an action costs in coins.
func (a Action) Cost() int {
	if a == Feed {
		return FeedCost
	}
	return 0
}

// ParseAction accepts "feed", "play" or "pet".
func ParseAction(s string) (Action, bool) {
	for _, a := range Actions {
		if string(a) == s {
			return a, true
		}
	}
	return "", false
}

// CooldownError says how long to wait before the action can be done again.
type CooldownError struct {
	Action Action
	Wait   time.Duration
}

func (e *CooldownError) Error() string {
	return fmt.Sprintf("pets: %s is cooling down for %s", e.Action, e.Wait)
}

// ErrUnknownAction is returned for anything but feed, play and pet.
var ErrUnknownAction = errors.New("pets: unknown care action")

// Care applies action at now: the decayed values are written back, the
// action's boost is added (clamped to 100) and the clock is reset. It
// refuses an action repeated within Cooldown.
func Care(s State, sp Species, action Action, now time.Time) (State, error) {
	if _, ok := ParseAction(string(action)); !ok {
		return s, ErrUnknownAction
	}
	if last, ok := s.LastCare[action]; ok {
		if wait := last.Add(Cooldown).Sub(now); wait > 0 {
			// A clock set back must not lock the action for longer than one cooldown.
			return s, &CooldownError{Action: action, Wait: min(wait, Cooldown)}
		}
	}
	cur := Current(s, sp, now)
	next := State{Hunger: cur.Hunger, Happiness: cur.Happiness, LastAt: now, LastCare: make(map[Action]time.Time, len(Actions))}
	for k, v := range s.LastCare {
		next.LastCare[k] = v
	}
	next.LastCare[action] = now
	switch action {
	case Feed:
		next.Hunger = Clamp(next.Hunger + FeedHunger)
	case Play:
		next.Happiness = Clamp(next.Happiness + PlayHappiness)
	case Pat:
		next.Happiness = Clamp(next.Happiness + PetHappiness)
	}
	return next, nil
}
