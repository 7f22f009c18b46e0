package jobs

import (
	"context"
	"time"
)

// NextDaily returns the first moment at hh:mm (local time) after now.
func NextDaily(now time.Time, at string) (time.Time, error) {
	t, err := time.Parse("15:04", at)
	if err != nil {
		return time.Time{}, err
	}
	next := time.Date(now.Year(), now.Month(), now.Day(), t.Hour(), t.Minute(), 0, 0, now.Location())
	if !next.After(now) {
		next = next.AddDate(0, 0, 1)
	}
	return next, nil
}

// Daily calls fn once a day at hh:mm until ctx ends. fn should enqueue a
// durable job (with a unique key per day) rather than do the work itself,
// so a restart at the wrong moment neither loses nor repeats it.
func Daily(ctx context.Context, at string, fn func(day time.Time)) {
	for {
		next, err := NextDaily(time.Now(), at)
		if err != nil {
			return
		}
		timer := time.NewTimer(time.Until(next))
		select {
		case <-ctx.Done():
			timer.Stop()
			return
		case <-timer.C:
			fn(next)
		}
	}
}
