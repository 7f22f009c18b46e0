package game

import (
	"context"
	"crypto/rand"
	"fmt"
	"log/slog"
	"math/big"
	"net/netip"
	"slices"
	"sync"
	"time"
)

// Options configure the games of the box.
type Options struct {
	Store  Store
	Outbox Outbox
	Clock  Clock // RealClock when nil
	Logger *slog.Logger
	// MaxPlayers in one game (config sockets.max_per_game).
	MaxPlayers int
	// MaxGames live on the box, and per host.
	MaxGames, MaxGamesPerHost int
	// MaxDuration ends a game that is left running (4 h).
	MaxDuration time.Duration
	// FlushEvery is how often the host's lists are sent at most (200 ms).
	FlushEvery time.Duration
	Guard      GuardOptions
	// OnFinish is called when a game's goroutine ends (for metrics).
	OnFinish func()
}

// Manager holds the live games of the box, by PIN and by id. Its lock
// guards only these maps; each game's state stays in its own goroutine.
type Manager struct {
	opt   Options
	guard *Guard

	mu       sync.Mutex
	byPIN    map[string]*Game
	byID     map[int64]*Game
	stopping bool
}

// NewManager makes the manager.
func NewManager(opt Options) *Manager {
	if opt.Clock == nil {
		opt.Clock = RealClock{}
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.DiscardHandler)
	}
	if opt.MaxPlayers <= 0 {
		opt.MaxPlayers = 1000
	}
	if opt.MaxGames <= 0 {
		opt.MaxGames = 200
	}
	if opt.MaxGamesPerHost <= 0 {
		opt.MaxGamesPerHost = 3
	}
	if opt.MaxDuration <= 0 {
		opt.MaxDuration = 4 * time.Hour
	}
	if opt.FlushEvery <= 0 {
		opt.FlushEvery = 200 * time.Millisecond
	}
	return &Manager{opt: opt, guard: NewGuard(opt.Clock, opt.Guard), byPIN: map[string]*Game{}, byID: map[int64]*Game{}}
}

// Create starts a game of set for the host and returns it in the lobby.
func (m *Manager) Create(ctx context.Context, hostID int64, set Set, mode Mode) (*Game, error) {
	if mode != Individual && mode != Teams {
		return nil, &FieldError{"mode", "Choose individual or teams."}
	}
	if err := set.Normalize(); err != nil {
		return nil, err
	}
	pin, err := m.reservePIN(hostID)
	if err != nil {
		return nil, err
	}
	release := func() {
		m.mu.Lock()
		delete(m.byPIN, pin)
		m.mu.Unlock()
	}
	now := m.opt.Clock.Now()
	id, err := m.opt.Store.CreateGame(ctx, NewGame{PIN: pin, HostID: hostID, SetID: set.ID, Title: set.Title,
		Mode: mode, Questions: set.Questions, CreatedAt: now})
	if err != nil {
		release()
		return nil, fmt.Errorf("game: unable to create game: %w", err)
	}
	g := &Game{ID: id, PIN: pin, HostID: hostID, Mode: mode, Title: set.Title,
		questions: slices.Clone(set.Questions), maxPlay: m.opt.MaxPlayers, flush: m.opt.FlushEvery,
		clock: m.opt.Clock, out: m.opt.Outbox, store: m.opt.Store, log: m.opt.Logger,
		cmds: make(chan func(), 1024), timers: make(chan timerEvent, 16), done: make(chan struct{}),
		phase: PhaseLobby, byToken: map[string]*player{}, byNick: map[string]*player{}, byStudent: map[int64]*player{},
		kickedDevices: map[string]bool{}}
	m.mu.Lock()
	m.byPIN[pin] = g
	m.byID[id] = g
	m.mu.Unlock()
	g.stopLife = g.after(m.opt.MaxDuration, timerEvent{kind: timerLifetime})
	go g.run(func() {
		m.mu.Lock()
		delete(m.byPIN, pin)
		delete(m.byID, id)
		m.mu.Unlock()
		if m.opt.OnFinish != nil {
			m.opt.OnFinish()
		}
	})
	return g, nil
}

// reservePIN picks a random 6-digit PIN no live game uses, holding it with
// a nil entry until the game exists.
func (m *Manager) reservePIN(hostID int64) (string, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.stopping {
		return "", ErrStopped
	}
	if len(m.byPIN) >= m.opt.MaxGames {
		return "", ErrBoxBusy
	}
	mine := 0
	for _, g := range m.byID {
		if g.HostID == hostID {
			mine++
		}
	}
	if mine >= m.opt.MaxGamesPerHost {
		return "", ErrTooManyGames
	}
	for range 1000 {
		n, err := rand.Int(rand.Reader, big.NewInt(900_000))
		if err != nil {
			return "", err
		}
		pin := fmt.Sprintf("%06d", 100_000+n.Int64())
		if _, used := m.byPIN[pin]; !used {
			m.byPIN[pin] = nil
			return pin, nil
		}
	}
	return "", ErrBoxBusy
}

// Find looks a PIN up for a player at addr, within the guessing budget.
func (m *Manager) Find(addr netip.Addr, pin string) (*Game, error) {
	if err := m.guard.Allow(addr); err != nil {
		return nil, err
	}
	m.mu.Lock()
	g := m.byPIN[pin]
	m.mu.Unlock()
	if g == nil || !validPIN(pin) {
		m.guard.Fail(addr)
		return nil, ErrNoGame
	}
	return g, nil
}

// FindSeat looks a PIN up for a player coming back with its rejoin token:
// a live game holding that token is found whatever the address's guessing
// budget says (a classmate's wrong PINs must not lock seated players
// out); anything else is a guess like Find's.
func (m *Manager) FindSeat(ctx context.Context, addr netip.Addr, pin, token string) (*Game, error) {
	m.mu.Lock()
	g := m.byPIN[pin]
	m.mu.Unlock()
	if g != nil && g.hasToken(ctx, token) {
		return g, nil
	}
	return m.Find(addr, pin)
}

func validPIN(pin string) bool {
	if len(pin) != 6 {
		return false
	}
	for i := 0; i < 6; i++ {
		if pin[i] < '0' || pin[i] > '9' {
			return false
		}
	}
	return true
}

// Game returns the live game with id, or nil.
func (m *Manager) Game(id int64) *Game {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.byID[id]
}

// HostGames are the live games of a host, newest first.
func (m *Manager) HostGames(hostID int64) []*Game {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []*Game
	for _, g := range m.byID {
		if g.HostID == hostID {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b *Game) int { return int(b.ID - a.ID) })
	return out
}

// live are the games running now (a copy: they are then asked outside
// the manager's lock, one by one).
func (m *Manager) live() []*Game {
	m.mu.Lock()
	defer m.mu.Unlock()
	games := make([]*Game, 0, len(m.byID))
	for _, g := range m.byID {
		games = append(games, g)
	}
	return games
}

// ForgetStudents takes removed pupils out of every live game
// (Game.ForgetStudent).
func (m *Manager) ForgetStudents(ctx context.Context, ids []int64) {
	games := m.live()
	for _, g := range games {
		for _, id := range ids {
			if err := g.ForgetStudent(ctx, id); err != nil {
				break // the game ended meanwhile
			}
		}
	}
}

// LiveWith counts the live games that have any of the students among
// their players (what they do there is saved when the game ends).
func (m *Manager) LiveWith(ctx context.Context, ids []int64) int {
	games := m.live()
	n := 0
	for _, g := range games {
		found := false
		if err := g.do(ctx, func() {
			for _, id := range ids {
				if g.byStudent[id] != nil {
					found = true
					return
				}
			}
		}); err == nil && found {
			n++
		}
	}
	return n
}

// Live is how many games are running.
func (m *Manager) Live() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.byID)
}

// Shutdown refuses new games and stops every live one, saving its results
// and telling its players, until ctx ends.
func (m *Manager) Shutdown(ctx context.Context) {
	m.mu.Lock()
	m.stopping = true
	m.mu.Unlock()
	games := m.live()
	for _, g := range games {
		_ = g.Stop(ctx)
	}
	for _, g := range games {
		select {
		case <-g.Done():
		case <-ctx.Done():
			return
		}
	}
}
