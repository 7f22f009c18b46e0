package insight

import (
	"encoding/json"
	"slices"
	"sync"
	"time"

	"animalgenius/app/jsonbody"
	"animalgenius/app/jsontime"
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
	// stale is when the first of working expires (zero: none): from then
	// on the snapshot would show a pupil no longer working, and the
	// service reads the class again.
	stale   time.Time
	analyze Analytics

	pairOnce sync.Once
	pairs    Pairings

	// The JSON of the answers asked most often, encoded once per snapshot.
	analyticsOnce sync.Once
	analyticsJSON *jsonbody.Body
	analyticsErr  error
	rosterOnce    sync.Once
	rosterJSON    *jsonbody.Body
	rosterErr     error
}

// DefaultRoster is the roster query of a plain visit: by name, no filter.
var DefaultRoster = RosterQuery{Sort: "name"}

// AnalyticsJSON is Analytics encoded as JSON (encoded once).
func (s *Snapshot) AnalyticsJSON() (*jsonbody.Body, error) {
	s.analyticsOnce.Do(func() { s.analyticsJSON, s.analyticsErr = encode(s.analyze) })
	return s.analyticsJSON, s.analyticsErr
}

// RosterJSON is Roster(q) encoded as JSON; the default query's answer is
// encoded once (and gzipped at most once), a filtered one on each call.
func (s *Snapshot) RosterJSON(q RosterQuery) (*jsonbody.Body, error) {
	if q != DefaultRoster {
		return encode(s.Roster(q))
	}
	s.rosterOnce.Do(func() { s.rosterJSON, s.rosterErr = encode(s.Roster(q)) })
	return s.rosterJSON, s.rosterErr
}

func encode(v any) (*jsonbody.Body, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	return jsonbody.New(b), nil
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
		r.Working = matchingWorking(s.working, foldName(q.Search))
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
	ID          int64         `json:"id"`
	Name        string        `json:"name"`
	Animal      string        `json:"animal"`
	CompletedAt jsontime.Time `json:"completedAt"`
}

// Board is the live board of a class: the finished students since the
// board was last started fresh, oldest first.
type Board struct {
	ClassID    int64          `json:"classId"`
	ClassName  string         `json:"className"`
	FreshSince *jsontime.Time `json:"freshSince"` // null shows everyone
	Total      int            `json:"total"`      // students in the class
	Arrivals   []Arrival      `json:"arrivals"`
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
		t := jsontime.Of(freshSince)
		b.FreshSince = &t
	}
	for i := range s.members {
		m := &s.members[i]
		if !m.Done || (!freshSince.IsZero() && m.CompletedAt.Before(freshSince)) {
			continue
		}
		b.Arrivals = append(b.Arrivals, Arrival{ID: m.ID, Name: m.Name, Animal: m.Animal, CompletedAt: jsontime.Of(m.CompletedAt)})
	}
	slices.SortFunc(b.Arrivals, func(a, b Arrival) int {
		if c := a.CompletedAt.Compare(b.CompletedAt.Time); c != 0 {
			return c
		}
		return cmpInt64(a.ID, b.ID)
	})
	return b
}
