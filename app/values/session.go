package values

import (
	"errors"
	"slices"
	"time"

	"animalgenius/app/jsontime"
)

// SessionLength is how long a vote stays open, and how much Extend adds.
const SessionLength = 15 * time.Minute

// MaxOpenAhead bounds how far ahead extending can push the closing time.
const MaxOpenAhead = 2 * time.Hour

// Refusals of the session rules.
var (
	ErrNotFound       = errors.New("values: not found")
	ErrNoSession      = errors.New("values: no vote for this class")
	ErrSessionRunning = errors.New("values: a vote is already running")
	ErrNotOpen        = errors.New("values: the vote is not open")
	ErrFinalized      = errors.New("values: the vote is already finalized")
	ErrNoBallots      = errors.New("values: nobody has voted yet")
	ErrAlreadyVoted   = errors.New("values: already voted")
	ErrTooLong        = errors.New("values: the vote would stay open too long")
	ErrClassArchived  = errors.New("values: the class is archived")
	ErrWrongSession   = errors.New("values: not the class's current vote")
)

// State is where a session stands.
type State string

const (
	Open      State = "open"
	Closed    State = "closed"    // time ran out or closed early; not finalized
	Finalized State = "finalized" // results are in
)

// Session is one vote of one class.
type Session struct {
	ID          int64         `json:"id"`
	ClassID     int64         `json:"classId"`
	OpenedAt    jsontime.Time `json:"openedAt"`
	ClosesAt    jsontime.Time `json:"closesAt"`
	ClosedAt    jsontime.Time `json:"closedAt,omitzero"`
	FinalizedAt jsontime.Time `json:"finalizedAt,omitzero"`
}

// StateAt is the session's state at now.
func (s Session) StateAt(now time.Time) State {
	switch {
	case !s.FinalizedAt.IsZero():
		return Finalized
	case !s.ClosedAt.IsZero() || !now.Before(s.ClosesAt.Time):
		return Closed
	}
	return Open
}

// OpenSession starts a vote. current is the class's latest session (nil:
// none); a new vote may start only when there is none or it is finalized
// (its results stay until the new vote is finalized).
func OpenSession(current *Session, classID int64, now time.Time) (Session, error) {
	if current != nil && current.StateAt(now) != Finalized {
		return Session{}, ErrSessionRunning
	}
	return Session{ClassID: classID, OpenedAt: jsontime.Of(now), ClosesAt: jsontime.Of(now.Add(SessionLength))}, nil
}

// Extend gives a vote 15 more minutes (from its closing time, or from now
// if that has passed), reopening one that was closed but not finalized.
func Extend(s Session, now time.Time) (Session, error) {
	if s.StateAt(now) == Finalized {
		return s, ErrFinalized
	}
	base := s.ClosesAt.Time
	if !s.ClosedAt.IsZero() || base.Before(now) {
		base = now
	}
	closes := base.Add(SessionLength)
	if closes.Sub(now) > MaxOpenAhead {
		return s, ErrTooLong
	}
	s.ClosesAt, s.ClosedAt = jsontime.Of(closes), jsontime.Time{}
	return s, nil
}

// Close ends an open vote early.
func Close(s Session, now time.Time) (Session, error) {
	if s.StateAt(now) != Open {
		if s.StateAt(now) == Finalized {
			return s, ErrFinalized
		}
		return s, ErrNotOpen
	}
	s.ClosedAt = jsontime.Of(now)
	return s, nil
}

// CanVote tells whether a ballot may be cast in s at now.
func CanVote(s Session, now time.Time) error {
	if s.StateAt(now) != Open {
		return ErrNotOpen
	}
	return nil
}

// Result is one winning value of a cluster.
type Result struct {
	Cluster string `json:"cluster"`
	Place   int    `json:"place"` // 1 or 2
	Value   string `json:"value"`
	Score   int    `json:"score"`
}

// Finalize closes the vote (if still open) and tallies it.
func Finalize(s Session, ballots []Ballot, now time.Time) (Session, []Result, error) {
	if s.StateAt(now) == Finalized {
		return s, nil, ErrFinalized
	}
	if len(ballots) == 0 {
		return s, nil, ErrNoBallots
	}
	if s.ClosedAt.IsZero() && now.Before(s.ClosesAt.Time) {
		s.ClosedAt = jsontime.Of(now)
	}
	s.FinalizedAt = jsontime.Of(now)
	return s, Tally(ballots), nil
}

// Tally scores every value: per ballot, rank r adds 4 - r (3, 2 or 1
// points). Per cluster, the two best scores win; equal scores go to the
// value whose code sorts first, so the same ballots always give the same
// result.
func Tally(ballots []Ballot) []Result {
	var out []Result
	for _, c := range Clusters() {
		scores := map[string]int{}
		for _, b := range ballots {
			for _, p := range b[c.Code] {
				if p.Rank >= 1 && p.Rank <= Picks {
					scores[p.Value] += Picks + 1 - p.Rank
				}
			}
		}
		codes := make([]string, 0, len(scores))
		for code := range scores {
			codes = append(codes, code)
		}
		slices.SortFunc(codes, func(a, b string) int {
			if scores[a] != scores[b] {
				return scores[b] - scores[a]
			}
			if a < b {
				return -1
			}
			if a > b {
				return 1
			}
			return 0
		})
		for i, code := range codes[:min(Winners, len(codes))] {
			out = append(out, Result{Cluster: c.Code, Place: i + 1, Value: code, Score: scores[code]})
		}
	}
	return out
}
