package insight

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	gocache "github.com/patrickmn/go-cache"
)

// ClassData is what the store reads for a class: its students with their
// current results (one indexed scan) and the live board's fresh start.
type ClassData struct {
	ClassName  string
	Members    []Member
	BoardFresh time.Time // zero: the board shows every finished student
	// Pending are the pupils working on the quiz (not expired), oldest first.
	Pending []Pending
}

// Store is the database the insight service needs. The caller has
// already checked that the class exists and belongs to the teacher.
type Store interface {
	InsightClass(ctx context.Context, classID int64) (ClassData, error)
	// SetBoardFresh sets (or with the zero time clears) the board's start.
	SetBoardFresh(ctx context.Context, classID int64, since time.Time) error
	// CreateGrouping stores g unless the class has max saved already
	// (then an *InputError).
	CreateGrouping(ctx context.Context, g SavedGrouping, max int) (SavedGrouping, error)
	Groupings(ctx context.Context, classID int64) ([]SavedGrouping, error)
	// Grouping and DeleteGrouping answer ErrNotFound for an id that is
	// not a grouping of the class.
	Grouping(ctx context.Context, classID, id int64) (SavedGrouping, error)
	DeleteGrouping(ctx context.Context, classID, id int64) error
}

// Publisher sends live board updates to the sockets following a topic
// (the socket hub).
type Publisher interface {
	Publish(topic string, msg []byte) int
	Subscribers(topic string) int
}

// Topic is the socket topic of a class's live board.
func Topic(classID int64) string { return "class:" + strconv.FormatInt(classID, 10) }

// Service serves the insight pages from a per-class cache of snapshots.
// Every change to a class's students must call OnStudentsChanged after its
// commit; that drops the class's snapshot and pushes the live board.
type Service struct {
	store Store
	log   *slog.Logger
	now   func() time.Time
	cache *gocache.Cache

	pub atomic.Pointer[publisherBox]

	mu       sync.Mutex
	versions map[int64]uint64 // class -> version of its last change
	pushing  map[int64]bool   // class -> push again after the one running
	clock    atomic.Uint64    // source of versions, monotonic across restarts

	// pushed is called after each board push (tests and benchmarks).
	pushed func(classID int64, subscribers int)
}

type publisherBox struct{ p Publisher }

// Options configure the service.
type Options struct {
	CacheTTL time.Duration // how long an unchanged class stays cached (1 min)
	Logger   *slog.Logger
	Now      func() time.Time
}

// NewService makes the service over store.
func NewService(store Store, opt Options) *Service {
	if opt.CacheTTL <= 0 {
		// Every change calls OnStudentsChanged (the economy too, after
		// coins move); the TTL only frees memory of idle classes.
		opt.CacheTTL = time.Minute
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Service{store: store, log: opt.Logger, now: opt.Now,
		cache:    gocache.New(opt.CacheTTL, opt.CacheTTL),
		versions: map[int64]uint64{}, pushing: map[int64]bool{}}
	// Versions start at the clock in microseconds, so a browser that
	// outlives a restart never sees a version go backwards.
	s.clock.Store(uint64(opt.Now().UnixMicro()))
	return s
}

// SetPublisher sets where live board updates go (the socket hub).
func (s *Service) SetPublisher(p Publisher) { s.pub.Store(&publisherBox{p}) }

func cacheKey(classID int64) string { return strconv.FormatInt(classID, 10) }

func (s *Service) version(classID int64) uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.versions[classID]; ok {
		return v
	}
	return 0
}

// Snapshot returns the class's snapshot, from the cache when nothing has
// changed since it was read.
func (s *Service) Snapshot(ctx context.Context, classID int64) (*Snapshot, error) {
	if v, ok := s.cache.Get(cacheKey(classID)); ok {
		snap := v.(*Snapshot)
		if snap.stale.IsZero() || s.now().Before(snap.stale) {
			return snap, nil
		}
		// A pupil's pending join ran out: read the class without it.
		s.cache.Delete(cacheKey(classID))
	}
	version := s.version(classID)
	data, err := s.store.InsightClass(ctx, classID)
	if err != nil {
		return nil, fmt.Errorf("insight: unable to read class %d: %w", classID, err)
	}
	snap := NewSnapshot(classID, data.Members)
	snap.working = workingRows(data.Pending)
	for _, p := range data.Pending {
		if snap.stale.IsZero() || p.Expires.Before(snap.stale) {
			snap.stale = p.Expires
		}
	}
	snap.FreshSince, snap.ClassName = data.BoardFresh, data.ClassName
	snap.Version = max(version, s.clock.Load())
	// A change that committed while we read would be missing from this
	// snapshot: cache it only if no change came in meanwhile.
	s.mu.Lock()
	if s.versions[classID] == version {
		s.cache.SetDefault(cacheKey(classID), snap)
	}
	s.mu.Unlock()
	return snap, nil
}

// OnStudentsChanged is the hook every writer of a class's students calls
// after its commit (join, submission, retake, rename, delete, code
// rotation, coins): it drops the cached snapshot and pushes the new live
// board to the screens that follow the class.
func (s *Service) OnStudentsChanged(classID int64) {
	s.mu.Lock()
	s.versions[classID] = s.clock.Add(1)
	s.cache.Delete(cacheKey(classID))
	s.mu.Unlock()
	s.schedulePush(classID)
}

// OnCoinsChanged is the hook of the economy after coins of students of
// the class moved: the roster shows coins, so the cached snapshot is
// dropped, but the live board does not, so nothing is pushed (a purchase
// or a pet's meal used to rebuild and push the whole board).
func (s *Service) OnCoinsChanged(classID int64) {
	s.mu.Lock()
	s.versions[classID] = s.clock.Add(1)
	s.cache.Delete(cacheKey(classID))
	s.mu.Unlock()
}

// OnJoined is OnStudentsChanged for a new student who has just finished
// the quiz (its commit is done): when the class's snapshot is cached, the
// new one is that snapshot plus m, built in memory instead of read again
// from the database; then the live board is pushed as for any change.
func (s *Service) OnJoined(classID int64, m Member) {
	s.mu.Lock()
	v := s.clock.Add(1)
	s.versions[classID] = v
	old, cached := s.cache.Get(cacheKey(classID))
	s.cache.Delete(cacheKey(classID))
	s.mu.Unlock()
	if cached {
		snap := old.(*Snapshot).with(m)
		snap.Version = v
		s.mu.Lock()
		// Only if no other change came in meanwhile (it dropped the cache).
		if s.versions[classID] == v {
			s.cache.SetDefault(cacheKey(classID), snap)
		}
		s.mu.Unlock()
	}
	s.schedulePush(classID)
}

// schedulePush pushes the class's board unless nobody follows it; a push
// already running goes once more instead.
func (s *Service) schedulePush(classID int64) {
	s.mu.Lock()
	box := s.pub.Load()
	if box == nil || box.p.Subscribers(Topic(classID)) == 0 {
		s.mu.Unlock()
		return
	}
	if _, running := s.pushing[classID]; running {
		s.pushing[classID] = true // the running push goes once more
		s.mu.Unlock()
		return
	}
	s.pushing[classID] = false
	s.mu.Unlock()
	go s.pushLoop(box.p, classID)
}

// pushLoop pushes the board of a class until no change is left: changes
// that arrive during a push are coalesced into one more push.
func (s *Service) pushLoop(p Publisher, classID int64) {
	for {
		s.push(p, classID)
		s.mu.Lock()
		if !s.pushing[classID] {
			delete(s.pushing, classID)
			s.mu.Unlock()
			return
		}
		s.pushing[classID] = false
		s.mu.Unlock()
	}
}

// BoardMessage is the socket frame of a live board update.
type BoardMessage struct {
	Type    string `json:"type"` // "board"
	Topic   string `json:"topic"`
	Version uint64 `json:"version"`
	Board   Board  `json:"board"`
}

func (s *Service) push(p Publisher, classID int64) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	snap, err := s.Snapshot(ctx, classID)
	if err != nil {
		s.log.Error("live board update failed", slog.Int64("class", classID), slog.Any("error", err))
		return
	}
	msg, err := json.Marshal(snap.BoardMessage())
	if err != nil {
		s.log.Error("live board update not encodable", slog.Any("error", err))
		return
	}
	n := p.Publish(Topic(classID), msg)
	if s.pushed != nil {
		s.pushed(classID, n)
	}
}

// BoardMessage is the snapshot's live board as a socket frame.
func (s *Snapshot) BoardMessage() BoardMessage {
	return BoardMessage{Type: "board", Topic: Topic(s.ClassID), Version: s.Version, Board: s.Board(s.FreshSince)}
}

// StartFresh makes the live board show only students who finish from now
// on (nothing is deleted); clear shows everyone again.
func (s *Service) StartFresh(ctx context.Context, classID int64, clear bool) (BoardMessage, error) {
	since := time.Time{}
	if !clear {
		since = s.now()
	}
	if err := s.store.SetBoardFresh(ctx, classID, since); err != nil {
		return BoardMessage{}, fmt.Errorf("insight: unable to start the board fresh: %w", err)
	}
	s.OnStudentsChanged(classID)
	snap, err := s.Snapshot(ctx, classID)
	if err != nil {
		return BoardMessage{}, err
	}
	return snap.BoardMessage(), nil
}

// MakeGroups makes groups for the class; a request without a seed gets a
// random one (returned in the grouping).
func (s *Service) MakeGroups(ctx context.Context, classID int64, req GroupRequest) (Grouping, error) {
	if err := req.Validate(); err != nil {
		return Grouping{}, err
	}
	if req.Seed == nil {
		seed := rand.Int64N(1 << 31)
		req.Seed = &seed
	}
	snap, err := s.Snapshot(ctx, classID)
	if err != nil {
		return Grouping{}, err
	}
	return MakeGroups(snap.Members(), req), nil
}

// SaveGrouping stores a named grouping of the class.
func (s *Service) SaveGrouping(ctx context.Context, classID int64, req SaveGroupingRequest) (LoadedGrouping, error) {
	snap, err := s.Snapshot(ctx, classID)
	if err != nil {
		return LoadedGrouping{}, err
	}
	if err := req.Normalize(snap.Members()); err != nil {
		return LoadedGrouping{}, err
	}
	now := s.now()
	g, err := s.store.CreateGrouping(ctx, SavedGrouping{ClassID: classID, Name: req.Name, Size: req.Size,
		Balance: req.Balance, Seed: req.Seed, Groups: req.Groups, CreatedAt: now, UpdatedAt: now}, MaxSavedPerClass)
	if err != nil {
		return LoadedGrouping{}, err
	}
	return g.Resolve(snap.Members()), nil
}

// Groupings lists the saved groupings of the class, newest first.
func (s *Service) Groupings(ctx context.Context, classID int64) ([]SavedSummary, error) {
	gs, err := s.store.Groupings(ctx, classID)
	if err != nil {
		return nil, err
	}
	out := make([]SavedSummary, len(gs))
	for i := range gs {
		out[i] = gs[i].Summary()
	}
	return out, nil
}

// LoadGrouping returns a saved grouping with today's students.
func (s *Service) LoadGrouping(ctx context.Context, classID, id int64) (LoadedGrouping, error) {
	g, err := s.store.Grouping(ctx, classID, id)
	if err != nil {
		return LoadedGrouping{}, err
	}
	snap, err := s.Snapshot(ctx, classID)
	if err != nil {
		return LoadedGrouping{}, err
	}
	return g.Resolve(snap.Members()), nil
}

// DeleteGrouping removes a saved grouping of the class.
func (s *Service) DeleteGrouping(ctx context.Context, classID, id int64) error {
	return s.store.DeleteGrouping(ctx, classID, id)
}
