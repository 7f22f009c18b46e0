package insight

import (
	"encoding/json"
	"slices"
	"strings"
	"sync"
	"time"
)

// Snapshot is everything the insight pages show about one class, built
// from one read of its students. It is immutable once built, so it can be
// cached and shared by concurrent requests.
type Snapshot struct {
	ClassID int64
	// Version orders the snapshots of a class: a later change has a
	// larger version. FreshSince is the live board's start (zero: all).
	Version    uint64
	FreshSince time.Time
	ClassName  string
	members    []Member // by id
	index      map[int64]int
	rows       []RosterRow  // by name, then id
	working    []WorkingRow // pupils working on the quiz, oldest first
	analyze    Analytics

	pairOnce sync.Once
	pairs    Pairings

	// The JSON of the answers asked most often, encoded once per snapshot.
	analyticsOnce sync.Once
	analyticsJSON []byte
	rosterOnce    sync.Once
	rosterJSON    []byte
}

// DefaultRoster is the roster query of a plain visit: by name, no filter.
var DefaultRoster = RosterQuery{Sort: "name"}

// AnalyticsJSON is Analytics encoded as JSON (encoded once).
func (s *Snapshot) AnalyticsJSON() ([]byte, error) {
	var err error
	s.analyticsOnce.Do(func() { s.analyticsJSON, err = json.Marshal(s.analyze) })
	if err != nil {
		return nil, err
	}
	return s.analyticsJSON, nil
}

// RosterJSON is Roster(q) encoded as JSON; the default query's answer is
// encoded once.
func (s *Snapshot) RosterJSON(q RosterQuery) ([]byte, error) {
	if q != DefaultRoster {
		return json.Marshal(s.Roster(q))
	}
	var err error
	s.rosterOnce.Do(func() { s.rosterJSON, err = json.Marshal(s.Roster(q)) })
	if err != nil {
		return nil, err
	}
	return s.rosterJSON, nil
}

// NewSnapshot builds the snapshot of a class from its students.
func NewSnapshot(classID int64, members []Member) *Snapshot {
	s := &Snapshot{ClassID: classID, members: byID(members), index: make(map[int64]int, len(members))}
	s.rows = make([]RosterRow, len(s.members))
	for i := range s.members {
		s.index[s.members[i].ID] = i
		s.rows[i] = s.members[i].Row()
	}
	ptrs := make([]*RosterRow, len(s.rows))
	for i := range s.rows {
		ptrs[i] = &s.rows[i]
	}
	sortRows(ptrs, rosterCompare("name"), false)
	sorted := make([]RosterRow, len(s.rows))
	byName := make([]Member, len(s.rows))
	for i, p := range ptrs {
		sorted[i] = *p
		byName[i] = s.members[s.index[p.ID]]
	}
	s.rows = sorted
	// In name order, the insight lists come out sorted already.
	s.analyze = Analyze(byName)
	return s
}

// with is a new snapshot of the class with m added (or, if the class has
// a student with m's id already, replacing it); the rest is shared.
func (s *Snapshot) with(m Member) *Snapshot {
	members := make([]Member, 0, len(s.members)+1)
	members = append(members, s.members...)
	if i, ok := s.index[m.ID]; ok {
		members[i] = m
	} else {
		members = append(members, m)
	}
	n := NewSnapshot(s.ClassID, members)
	n.FreshSince, n.ClassName, n.Version = s.FreshSince, s.ClassName, s.Version
	n.working = withoutName(s.working, m.Name)
	return n
}

// Members returns the students by id (a shared slice: do not change it).
func (s *Snapshot) Members() []Member { return s.members }

// Member looks one student of the class up.
func (s *Snapshot) Member(id int64) (Member, bool) {
	i, ok := s.index[id]
	if !ok {
		return Member{}, false
	}
	return s.members[i], true
}

// Roster applies q to the class's roster.
func (s *Snapshot) Roster(q RosterQuery) Roster {
	r := rosterOf(s.rows, q)
	r.Working = []WorkingRow{}
	if q.Status != "finished" && q.Animal == "" && q.Genius == "" && q.Style == "" && q.Type == "" && q.Energy == "" {
		r.Working = matchingWorking(s.working, strings.ToLower(q.Search))
	}
	return r
}

// Analytics returns the class's counts and insight lists (shared: do not
// change them).
func (s *Snapshot) Analytics() Analytics { return s.analyze }

// Pairings returns the pairing suggestions, computed once per snapshot.
func (s *Snapshot) Pairings() Pairings {
	s.pairOnce.Do(func() { s.pairs = Pair(s.members) })
	return s.pairs
}

// Arrival is one student on the live board.
type Arrival struct {
	ID          int64  `json:"id"`
	Name        string `json:"name"`
	Animal      string `json:"animal"`
	CompletedAt int64  `json:"completedAt"` // unix ms
}

// Board is the live board of a class: the finished students since the
// board was last started fresh, oldest first.
type Board struct {
	ClassID    int64     `json:"classId"`
	ClassName  string    `json:"className"`
	FreshSince int64     `json:"freshSince"` // unix ms; 0 shows everyone
	Total      int       `json:"total"`      // students in the class
	Arrivals   []Arrival `json:"arrivals"`
	// Working are the pupils working on the quiz, oldest first.
	Working []WorkingRow `json:"working"`
}

// Board returns the live board showing arrivals at or after freshSince
// (the zero time shows every finished student).
func (s *Snapshot) Board(freshSince time.Time) Board {
	b := Board{ClassID: s.ClassID, ClassName: s.ClassName, Total: len(s.members), Arrivals: []Arrival{}, Working: s.working}
	if b.Working == nil {
		b.Working = []WorkingRow{}
	}
	if !freshSince.IsZero() {
		b.FreshSince = freshSince.UnixMilli()
	}
	for i := range s.members {
		m := &s.members[i]
		if !m.Done || (!freshSince.IsZero() && m.CompletedAt.Before(freshSince)) {
			continue
		}
		b.Arrivals = append(b.Arrivals, Arrival{ID: m.ID, Name: m.Name, Animal: m.Animal, CompletedAt: m.CompletedAt.UnixMilli()})
	}
	slices.SortFunc(b.Arrivals, func(a, b Arrival) int {
		if c := cmpInt64(a.CompletedAt, b.CompletedAt); c != 0 {
			return c
		}
		return cmpInt64(a.ID, b.ID)
	})
	return b
}
