package game

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"strings"
	"time"
)

// Game is one live game. Its state belongs to one goroutine (run); every
// method sends it a command over a channel and waits for the result, so
// no lock is shared with other games.
type Game struct {
	ID     int64
	PIN    string
	HostID int64
	Mode   Mode
	Title  string

	questions []Question
	maxPlay   int
	flush     time.Duration
	clock     Clock
	out       Outbox
	store     Store
	log       *slog.Logger

	cmds   chan func()
	timers chan timerEvent
	done   chan struct{}

	// Below: owned by run.
	phase     string
	locked    bool
	index     int // current or last question
	deadline  time.Time
	stopTimer func() bool
	counts    []int
	answered  int
	online    int       // players online and not kicked
	players   []*player // by id-1
	byToken   map[string]*player
	byNick    map[string]*player
	byStudent map[int64]*player
	// kickedDevices are the browsers of kicked players: a kicked player
	// cannot join again under another nickname from the same browser.
	kickedDevices map[string]bool
	// kickedAnonymous: a player without a browser cookie was kicked. Such
	// a player cannot be told from any other cookie-less client, so from
	// then on the game takes nickname players with a browser cookie only
	// (every browser that opened the play page has one).
	kickedAnonymous bool
	lobbyDirty      bool
	progDirty       bool
	flushSet        bool
	lastReveal      *MsgReveal
	finished        bool
	stopLife        func() bool
	roundAnswers    []AnswerRecord
	saver           *roundSaver // started by the first closed question
}

type player struct {
	id        int
	nickname  string
	studentID int64
	team      string
	token     string
	device    string // the browser's device cookie, "" for none
	joinedAt  time.Time
	gen       int // connection generation: a newer socket replaces an older one
	online    bool
	kicked    bool
	score     int
	correct   int
	elapsed   int64 // total ms to answer, to order players with equal scores
	dirty     bool  // changed since the last save
	answerIdx int   // question of the last answer (-1: none)
	option    int
	points    int
	isRight   bool
}

type timerKind int

const (
	timerDeadline timerKind = iota
	timerFlush
	timerLifetime
)

type timerEvent struct {
	kind  timerKind
	index int
}

// JoinRequest is a player asking to join. Nickname must be clean already
// (textrules.CleanName).
type JoinRequest struct {
	Nickname  string
	StudentID int64  // set when joining from a student session
	Team      string // a quiz animal; needed in teams mode
	// Device names the browser (its device cookie; "" when it has none).
	Device string
	// Attach runs on the game's goroutine before any later message of the
	// game, so the socket can subscribe and send msg in order.
	Attach func(player, gen int, msg MsgJoined)
}

func (g *Game) after(d time.Duration, ev timerEvent) func() bool {
	return g.clock.AfterFunc(d, func() {
		select {
		case g.timers <- ev:
		case <-g.done:
		}
	})
}

func (g *Game) run(onExit func()) {
	defer onExit()
	defer close(g.done)
	for !g.finished {
		select {
		case f := <-g.cmds:
			f()
		case ev := <-g.timers:
			g.onTimer(ev)
		}
	}
}

// do runs f on the game's goroutine and waits for it.
func (g *Game) do(ctx context.Context, f func()) error {
	ran := make(chan struct{})
	select {
	case g.cmds <- func() { f(); close(ran) }:
	case <-g.done:
		return ErrGameOver
	case <-ctx.Done():
		return ctx.Err()
	}
	select {
	case <-ran:
		return nil
	case <-g.done:
		select {
		case <-ran:
			return nil
		default:
			return ErrGameOver
		}
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Done is closed when the game's goroutine has ended.
func (g *Game) Done() <-chan struct{} { return g.done }

func (g *Game) onTimer(ev timerEvent) {
	switch ev.kind {
	case timerDeadline:
		if g.phase == PhaseQuestion && g.index == ev.index {
			g.closeQuestion()
		}
	case timerFlush:
		g.flushSet = false
		g.flushHost()
	case timerLifetime:
		if !g.finished {
			g.finish("ended")
		}
	}
}

// markHost notes that the host's lists changed; they are sent at most once
// per flush interval, so a thousand joins do not flood the host's socket.
func (g *Game) markHost(lobby, progress bool) {
	g.lobbyDirty = g.lobbyDirty || lobby
	g.progDirty = g.progDirty || progress
	if !g.flushSet {
		g.flushSet = true
		g.after(g.flush, timerEvent{kind: timerFlush})
	}
}

func (g *Game) flushHost() {
	if g.lobbyDirty {
		g.lobbyDirty = false
		views := g.playerViews()
		g.out.ToHost(g.ID, MsgLobby{Type: "players", Players: views, Count: len(views)})
	}
	if g.progDirty {
		g.progDirty = false
		if g.phase == PhaseQuestion {
			g.out.ToHost(g.ID, MsgProgress{Type: "progress", Index: g.index, Answered: g.answered, Players: g.activeCount()})
		}
	}
}

func (g *Game) playerViews() []PlayerView {
	views := make([]PlayerView, 0, len(g.players))
	for _, p := range g.players {
		if !p.kicked {
			views = append(views, PlayerView{ID: p.id, Nickname: p.nickname, Team: p.team, Online: p.online, Score: p.score, HasAvatar: p.studentID > 0})
		}
	}
	return views
}

func (g *Game) activeCount() int {
	n := 0
	for _, p := range g.players {
		if !p.kicked {
			n++
		}
	}
	return n
}

func newToken() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand never fails on supported systems
	return hex.EncodeToString(b[:])
}

// Join adds a player. A student who is already in the game gets their
// place back, as with Rejoin.
func (g *Game) Join(ctx context.Context, req JoinRequest) error {
	var err error
	now := g.clock.Now()
	runErr := g.do(ctx, func() {
		if g.phase == PhaseEnded {
			err = ErrGameOver
			return
		}
		// A nickname player from a kicked player's browser is refused, and,
		// after any nickname player was kicked, one without a browser
		// cookie too (it could be the kicked one). A signed-in pupil is
		// known by its session, whatever device it uses.
		switch {
		case req.StudentID == 0 && req.Device != "" && g.kickedDevices[req.Device]:
			err = ErrKicked
			return
		case req.StudentID == 0 && req.Device == "" && g.kickedAnonymous:
			err = ErrBrowserNeeded
			return
		}
		if req.StudentID > 0 {
			if p := g.byStudent[req.StudentID]; p != nil {
				if p.kicked {
					err = ErrKicked
					return
				}
				g.attach(p, req.Attach)
				return
			}
		}
		if g.locked {
			err = ErrLocked
			return
		}
		if g.activeCount() >= g.maxPlay {
			err = ErrFull
			return
		}
		if g.Mode == Teams && !IsAnimal(req.Team) {
			err = ErrPickTeam
			return
		}
		nick := req.Nickname
		if g.byNick[foldNick(nick)] != nil {
			if req.StudentID == 0 {
				err = ErrNicknameTaken
				return
			}
			// A student's real name clashes: number it rather than refuse.
			nick = g.freeNickname(nick)
		}
		team := ""
		if g.Mode == Teams {
			team = req.Team
		}
		p := &player{id: len(g.players) + 1, nickname: nick, studentID: req.StudentID, team: team,
			token: newToken(), device: req.Device, joinedAt: now, answerIdx: -1, dirty: true}
		g.players = append(g.players, p)
		g.byToken[p.token] = p
		g.byNick[foldNick(nick)] = p
		if p.studentID > 0 {
			g.byStudent[p.studentID] = p
		}
		g.attach(p, req.Attach)
	})
	if runErr != nil {
		return runErr
	}
	return err
}

func foldNick(s string) string { return strings.ToLower(s) }

func (g *Game) freeNickname(base string) string {
	for i := 2; ; i++ {
		suffix := " " + itoa(i)
		name := base
		if r := []rune(name); len(r)+len(suffix) > NicknameLen {
			name = string(r[:NicknameLen-len(suffix)])
		}
		if g.byNick[foldNick(name+suffix)] == nil {
			return name + suffix
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	for n > 0 {
		i--
		b[i] = byte('0' + n%10)
		n /= 10
	}
	return string(b[i:])
}

// hasToken tells whether token is a seat of the game.
func (g *Game) hasToken(ctx context.Context, token string) bool {
	found := false
	if err := g.do(ctx, func() { found = g.byToken[token] != nil }); err != nil {
		return false
	}
	return found
}

// Rejoin gives a player with a rejoin token their place (and score) back.
// studentID is the socket's signed-in pupil (0: none): a seat joined from a
// pupil's session is given back to that pupil only.
func (g *Game) Rejoin(ctx context.Context, token string, studentID int64, attach func(player, gen int, msg MsgJoined)) error {
	var err error
	runErr := g.do(ctx, func() {
		p := g.byToken[token]
		switch {
		case p == nil:
			err = ErrBadToken
		case p.kicked:
			err = ErrKicked
		case p.studentID > 0 && p.studentID != studentID:
			// A pupil's seat needs the pupil's live session too: a removed
			// pupil, or one whose sessions ended, does not come back by
			// the token alone.
			err = ErrSignInAgain
		case g.phase == PhaseEnded:
			err = ErrGameOver
		default:
			g.attach(p, attach)
		}
	})
	if runErr != nil {
		return runErr
	}
	return err
}

func (g *Game) attach(p *player, attach func(player, gen int, msg MsgJoined)) {
	p.gen++
	if !p.online {
		p.online = true
		g.online++
	}
	msg := MsgJoined{Type: "joined", GameID: g.ID, PIN: g.PIN, Title: g.Title, Player: p.id, Token: p.token, AsStudent: p.studentID > 0,
		Nickname: p.nickname, Team: p.team, Mode: g.Mode, Phase: g.phase, Count: len(g.questions),
		Score: p.score, Rank: g.rankOf(p), Players: g.activeCount(), LastIndex: g.index}
	if g.phase == PhaseQuestion {
		msg.Question = g.questionMsg()
		if p.answerIdx == g.index {
			msg.Answered, msg.Option = true, p.option
		}
	}
	if attach != nil {
		attach(p.id, p.gen, msg)
	}
	g.markHost(true, false)
}

// Disconnected tells the game a player's socket closed. gen is the
// generation Attach was given: an older socket closing after a newer one
// took over changes nothing.
func (g *Game) Disconnected(player, gen int) {
	select {
	case g.cmds <- func() {
		if player < 1 || player > len(g.players) {
			return
		}
		if p := g.players[player-1]; p.gen == gen && p.online {
			p.online = false
			g.online--
			g.markHost(true, false)
			if g.phase == PhaseQuestion {
				g.closeIfAllAnswered()
			}
		}
	}:
	case <-g.done:
	}
}

// AttachHost lets the host's screen (re)connect: attach runs on the game's
// goroutine with the full state, before any later message.
func (g *Game) AttachHost(ctx context.Context, hostID int64, attach func(MsgHostState)) error {
	if hostID != g.HostID {
		return ErrNotHost
	}
	return g.do(ctx, func() {
		st := MsgHostState{Type: "host_state", GameID: g.ID, PIN: g.PIN, Title: g.Title, Mode: g.Mode, Phase: g.phase,
			Locked: g.locked, Index: g.index, Count: len(g.questions), Players: g.playerViews(), Answered: g.answered}
		if g.phase == PhaseQuestion {
			st.Question = g.questionMsg()
		}
		if g.phase == PhaseReveal {
			st.Reveal = g.lastReveal
		}
		attach(st)
	})
}
