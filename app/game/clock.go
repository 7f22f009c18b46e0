package game

import "time"

// Clock is the game's time. Tests give a clock they move by hand.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f on its own goroutine after d; the returned
	// function cancels it.
	AfterFunc(d time.Duration, f func()) (stop func() bool)
}

// RealClock is the wall clock.
type RealClock struct{}

// Now is time.Now.
func (RealClock) Now() time.Time { return time.Now() }

// AfterFunc is time.AfterFunc.
func (RealClock) AfterFunc(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop }
