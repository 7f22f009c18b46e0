package web

import (
	"context"
	"encoding/json"
	"errors"
	"strconv"
	"strings"

	"golang.org/x/time/rate"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/app/textrules"
	"animalgenius/web/hub"
)

func rateLimit(perSecond float64) rate.Limit { return rate.Limit(perSecond) }

type gameRef struct{ g *game.Game }

// Topics of a game: everyone, the host's screens, one player.
func gameTopic(id int64) string     { return "game:" + strconv.FormatInt(id, 10) }
func gameHostTopic(id int64) string { return gameTopic(id) + "/host" }
func gamePlayerTopic(id int64, p int) string {
	return gameTopic(id) + "/p/" + strconv.Itoa(p)
}

// GameOutbox delivers a game's messages over the socket hub. Each message
// is encoded once, whatever the number of sockets.
type GameOutbox struct{ Hub *hub.Hub }

func encode(msg any) []byte {
	b, err := json.Marshal(msg)
	if err != nil {
		panic("web: game message not encodable: " + err.Error()) // our own structs: a bug
	}
	return b
}

func (o GameOutbox) ToAll(id int64, msg any)  { o.Hub.Publish(gameTopic(id), encode(msg)) }
func (o GameOutbox) ToHost(id int64, msg any) { o.Hub.Publish(gameHostTopic(id), encode(msg)) }
func (o GameOutbox) ToPlayer(id int64, p int, msg any) {
	o.Hub.Publish(gamePlayerTopic(id, p), encode(msg))
}

// Reveal encodes the reveal once for the host and splices each player's
// own outcome into a copy of it as "you" (one frame per player instead of
// a reveal plus a separate result).
func (o GameOutbox) Reveal(id int64, msg *game.MsgReveal, you []game.MsgYou) {
	common := encode(msg)
	o.Hub.Publish(gameHostTopic(id), common)
	prefix := gameTopic(id) + "/p/"
	topic := make([]byte, 0, len(prefix)+12)
	for _, y := range you {
		topic = strconv.AppendInt(append(topic[:0], prefix...), int64(y.Player), 10)
		o.Hub.PublishBytesTopic(topic, appendYou(common, y))
	}
}

// appendYou returns reveal (a JSON object) with ,"you":{...} before its
// closing brace, in a new slice.
func appendYou(reveal []byte, y game.MsgYou) []byte {
	b := make([]byte, 0, len(reveal)+112)
	b = append(b, reveal[:len(reveal)-1]...)
	b = append(b, `,"you":{"answered":`...)
	b = strconv.AppendBool(b, y.Answered)
	b = append(b, `,"correct":`...)
	b = strconv.AppendBool(b, y.Correct)
	b = append(b, `,"points":`...)
	b = strconv.AppendInt(b, int64(y.Points), 10)
	b = append(b, `,"score":`...)
	b = strconv.AppendInt(b, int64(y.Score), 10)
	b = append(b, `,"rank":`...)
	b = strconv.AppendInt(b, int64(y.Rank), 10)
	b = append(b, `,"players":`...)
	b = strconv.AppendInt(b, int64(y.Players), 10)
	return append(b, "}}"...)
}

func (o GameOutbox) DropPlayer(id int64, p int, why *game.Error) {
	o.Hub.Publish(gamePlayerTopic(id, p), encode(socketError{Type: "error", Code: why.Code, Message: why.Message}))
	o.Hub.CloseTopic(gamePlayerTopic(id, p), hub.CloseKicked, why.Message)
}
func (o GameOutbox) Over(id int64) {
	o.Hub.CloseTopic(gameTopic(id), hub.CloseGameOver, "The game is over. Thanks for playing!")
}

// socketErrorOf turns a refusal into an error frame.
func socketErrorOf(err error) *socketError {
	var se *socketError
	var ge *game.Error
	var te *textrules.Error
	switch {
	case errors.As(err, &se):
		return se
	case errors.As(err, &ge):
		e := badFrame(ge.Code, ge.Message)
		e.RetryAfterMs = ge.RetryAfter.Milliseconds()
		return e
	case errors.As(err, &te):
		return badFrame("bad_nickname", te.Message)
	case errors.Is(err, context.DeadlineExceeded):
		return badFrame("busy", "The game is busy. Try again in a moment.")
	}
	return badFrame("internal", "Something went wrong on our side. Please try again.")
}

var (
	errAlreadyJoined = badFrame("already_joined", "You are already in a game. Reload the page to join another one.")
	errNotJoined     = badFrame("not_joined", "Join a game with its PIN first.")
	errNotHosting    = badFrame("not_host", "Only the teacher who started this game can do that.")
	errNoStudent     = badFrame("student_login_required", "Log in with your passport code first, or join with a nickname.")
)

// gameMessage handles the game's frames of one socket.
func (s *Server) gameMessage(ctx context.Context, c *hub.Conn, st *socketState, m *socketMessage) error {
	switch m.Type {
	case "join":
		return s.socketJoin(ctx, c, st, m)
	case "rejoin":
		return s.socketRejoin(ctx, c, st, m)
	case "host":
		return s.socketHost(ctx, c, st, m.Game)
	case "answer":
		if st.game.g == nil || st.host {
			return errNotJoined
		}
		return st.game.g.Answer(ctx, st.player, *m.Question, *m.Option)
	}
	if !st.host {
		return errNotHosting
	}
	g, who := st.game.g, st.subject.ID
	switch m.Type {
	case "start":
		return g.Start(ctx, who)
	case "skip":
		return g.Skip(ctx, who)
	case "next":
		return g.Next(ctx, who)
	case "end":
		return g.End(ctx, who)
	case "kick":
		return g.Kick(ctx, who, m.Player)
	case "lock":
		return g.Lock(ctx, who, *m.Locked)
	}
	return badFrame("unknown_type", "We don't know that kind of message.")
}

// attachPlayer runs on the game's goroutine: the socket takes over the
// player (closing an older socket of the same player) and gets the
// joined message before anything else of the game.
func (s *Server) attachPlayer(c *hub.Conn, st *socketState, g *game.Game) func(player, gen int, msg game.MsgJoined) {
	return func(player, gen int, msg game.MsgJoined) {
		s.hub.CloseTopic(gamePlayerTopic(g.ID, player), hub.CloseReplaced, "You opened this game somewhere else.")
		st.game, st.player, st.gen = gameRef{g}, player, gen
		c.Authenticate(st.subject)
		_ = c.Subscribe(gameTopic(g.ID))
		_ = c.Subscribe(gamePlayerTopic(g.ID, player))
		sendFrame(c, msg)
	}
}

func (s *Server) socketJoin(ctx context.Context, c *hub.Conn, st *socketState, m *socketMessage) error {
	if st.game.g != nil {
		return errAlreadyJoined
	}
	req := game.JoinRequest{Team: m.Team, Device: st.subject.Device}
	if m.AsStudent {
		if st.subject.Kind != accounts.KindStudent || s.deps.Students == nil {
			return errNoStudent
		}
		name, animal, err := s.deps.Students.StudentProfile(ctx, st.subject.ID)
		if err != nil {
			return err
		}
		req.StudentID = st.subject.ID
		if r := []rune(name); len(r) > game.NicknameLen {
			// "Christopherjonathan C." (a first name may be 20 letters):
			// the first name is shortened, the initial kept with its space.
			first, initial := name, ""
			if i := strings.LastIndexByte(name, ' '); i > 0 {
				first, initial = name[:i], name[i:]
			}
			keep := max(game.NicknameLen-len([]rune(initial)), 1)
			name = string([]rune(first)[:min(keep, len([]rune(first)))]) + initial
		}
		if req.Nickname, err = textrules.CleanName(name, game.NicknameLen); err != nil {
			req.Nickname = "Student " + strconv.FormatInt(st.subject.ID%1000, 10)
		}
		if game.IsAnimal(animal) {
			req.Team = animal
		}
	} else {
		nick, err := textrules.CleanName(m.Nickname, game.NicknameLen)
		if err != nil {
			return err
		}
		req.Nickname = nick
	}
	if m.Team != "" && !game.IsAnimal(m.Team) {
		return game.ErrPickTeam
	}
	g, err := s.games.Find(c.Addr(), m.PIN)
	if err != nil {
		return err
	}
	req.Attach = s.attachPlayer(c, st, g)
	err = g.Join(ctx, req)
	if errors.Is(err, game.ErrFull) {
		s.hub.CountRefused("game_full")
	}
	return err
}

func (s *Server) socketRejoin(ctx context.Context, c *hub.Conn, st *socketState, m *socketMessage) error {
	if st.game.g != nil {
		return errAlreadyJoined
	}
	if len(m.Token) != 32 {
		return game.ErrBadToken
	}
	g, err := s.games.FindSeat(ctx, c.Addr(), m.PIN, m.Token)
	if err != nil {
		return err
	}
	var student int64
	if st.subject.Kind == accounts.KindStudent {
		student = st.subject.ID
	}
	return g.Rejoin(ctx, m.Token, student, s.attachPlayer(c, st, g))
}

func (s *Server) socketHost(ctx context.Context, c *hub.Conn, st *socketState, gameID int64) error {
	if st.subject.Kind != accounts.KindAccount {
		return errNotHosting
	}
	if st.game.g != nil {
		return errAlreadyJoined
	}
	g := s.games.Game(gameID)
	if g == nil || g.HostID != st.subject.ID {
		return game.ErrNoGame
	}
	return g.AttachHost(ctx, st.subject.ID, func(msg game.MsgHostState) {
		st.game, st.host = gameRef{g}, true
		_ = c.Subscribe(gameTopic(g.ID))
		_ = c.Subscribe(gameHostTopic(g.ID))
		sendFrame(c, msg)
	})
}
