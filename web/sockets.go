package web

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
	"animalgenius/app/config"
	"animalgenius/web/clientaddr"
	"animalgenius/web/hub"
)

// HubOptions maps the configuration to the socket hub's limits.
func HubOptions(cfg config.Config, log *slog.Logger) hub.Options {
	perGame := cfg.Sockets.MaxPerGame
	// The configuration was validated: every trusted proxy parses.
	proxies, _ := clientaddr.New(cfg.Server.TrustedProxies)
	return hub.Options{
		Proxies:         proxies,
		MaxTotal:        cfg.Sockets.MaxTotal,
		MaxPerAddr:      cfg.Sockets.MaxPerAddr,
		TrustedNetworks: config.Prefixes(cfg.Sockets.TrustedNetworks),
		AllowedOrigins:  cfg.Sockets.AllowedOrigins,
		MsgRate:         rateLimit(cfg.Sockets.MessageRate),
		MsgBurst:        cfg.Sockets.MessageBurst,
		// A game's topic holds its players plus a few host screens.
		TopicCap: func(topic string) int {
			if strings.HasPrefix(topic, "game:") && !strings.Contains(topic, "/") {
				return perGame + 20
			}
			return 0
		},
		Logger: log,
	}
}

// socketTimeout bounds one socket command's wait for a game.
const socketTimeout = 5 * time.Second

// socketState is what a socket is in the web layer: touched only on the
// socket's reader goroutine (and in attach callbacks while it waits).
type socketState struct {
	subject hub.Subject
	game    gameRef
	player  int
	gen     int
	host    bool
}

// TopicCheck authorises a subscribe to "kind:id" topics of one kind for a
// socket's subject (nil error: allowed). Areas register theirs with
// Server.AllowTopic, e.g. the live board its "class" topics.
type TopicCheck func(ctx context.Context, who hub.Subject, id int64) error

// AllowTopic lets sockets subscribe to "kind:id" after check says yes.
func (s *Server) AllowTopic(kind string, check TopicCheck) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.topicChecks == nil {
		s.topicChecks = map[string]TopicCheck{}
	}
	s.topicChecks[kind] = check
}

// socketSubject reads the session of the upgrade request: the adult
// session, or the student one with ?as=student.
func (s *Server) socketSubject(c *fiber.Ctx) hub.Subject {
	kind := accounts.KindAccount
	if c.Query("as") == "student" {
		kind = accounts.KindStudent
	}
	device := browserID(c)
	sess, err := s.authenticate(c, kind)
	if err != nil {
		return hub.Subject{Device: device}
	}
	return hub.Subject{Kind: sess.Kind, ID: sess.SubjectID, Session: sess.Key, Device: device}
}

// socketHandler gives meaning to the frames of /ws.
type socketHandler struct{ s *Server }

func (h socketHandler) HandleMessage(c *hub.Conn, data []byte) {
	st, _ := c.State.(*socketState)
	if st == nil {
		st = &socketState{subject: c.Subject()}
		c.State = st
	}
	m, bad := decodeSocketMessage(data)
	if bad != nil {
		sendFrame(c, bad)
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), socketTimeout)
	defer cancel()
	var err error
	switch m.Type {
	case "subscribe":
		err = h.s.socketSubscribe(ctx, c, st, m.Topic)
	default:
		err = h.s.gameMessage(ctx, c, st, m)
	}
	if err != nil {
		e := socketErrorOf(err)
		if e.Code == "internal" && h.s.deps.DiskFull != nil && h.s.deps.DiskFull(err) {
			api := errDiskFull()
			e = badFrame(api.Code, api.Message)
		}
		e.Request = m.Type
		sendFrame(c, e)
	}
}

func (h socketHandler) HandleClose(c *hub.Conn) {
	if st, _ := c.State.(*socketState); st != nil && st.game.g != nil && !st.host {
		st.game.g.Disconnected(st.player, st.gen)
	}
}

func sendFrame(c *hub.Conn, v any) {
	b, err := json.Marshal(v)
	if err == nil {
		c.Send(b)
	}
}

func (s *Server) socketSubscribe(ctx context.Context, c *hub.Conn, st *socketState, topic string) error {
	kind, rawID, ok := strings.Cut(topic, ":")
	id, err := strconv.ParseInt(rawID, 10, 64)
	s.mu.Lock()
	check := s.topicChecks[kind]
	s.mu.Unlock()
	if !ok || err != nil || id <= 0 || check == nil || len(topic) > 64 {
		return badFrame("bad_topic", "There is nothing to follow there.")
	}
	if err := check(ctx, st.subject, id); err != nil {
		return err
	}
	if err := c.Subscribe(kind + ":" + strconv.FormatInt(id, 10)); err != nil {
		return badFrame("topic_full", "Too many screens follow this already.")
	}
	c.Authenticate(st.subject)
	sendFrame(c, map[string]string{"type": "subscribed", "topic": topic})
	return nil
}
