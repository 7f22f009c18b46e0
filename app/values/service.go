package values

import (
	"context"
	"encoding/json"
	"log/slog"
	"strconv"
	"time"

	"animalgenius/app/jsontime"
)

// Op is a teacher's action on a class's vote.
type Op string

const (
	OpOpen     Op = "open"
	OpExtend   Op = "extend"
	OpClose    Op = "close"
	OpFinalize Op = "finalize"
	OpReset    Op = "reset"
)

// Voter is a student who has voted (never what they voted).
type Voter struct {
	StudentID int64         `json:"studentId"`
	Name      string        `json:"name"`
	VotedAt   jsontime.Time `json:"votedAt"`
}

// Cast is a committed ballot.
type Cast struct {
	ClassID   int64
	SessionID int64
	Voters    int
}

// Store is what the vote needs from the database. ChangeSession and Vote
// run the rules of this package inside their transactions.
type Store interface {
	CurrentSession(ctx context.Context, classID int64) (*Session, error)
	ChangeSession(ctx context.Context, classID int64, op Op, now time.Time) (*Session, error)
	Vote(ctx context.Context, studentID, sessionID int64, b Ballot, now time.Time) (Cast, error)
	Voters(ctx context.Context, sessionID int64) ([]Voter, error)
	HasVoted(ctx context.Context, sessionID, studentID int64) (bool, error)
	LatestResults(ctx context.Context, classID int64) (*Session, []Result, error)
	StudentClass(ctx context.Context, studentID int64) (int64, error)
	ClassMembers(ctx context.Context, classID int64) ([]Member, error)
}

// Member is a student of the class, for the teacher's list of who has
// still to vote.
type Member struct {
	StudentID int64  `json:"studentId"`
	Name      string `json:"name"`
}

// Publisher pushes messages to the sockets following a topic.
type Publisher interface {
	Publish(topic string, msg []byte) int
}

// Topic is the class's socket topic (the teacher's screens of the class).
func Topic(classID int64) string { return "class:" + strconv.FormatInt(classID, 10) }

// Options tune the service.
type Options struct {
	Now       func() time.Time
	Publisher Publisher
	Logger    *slog.Logger
}

// Service is the vote's use cases.
type Service struct {
	store Store
	opts  Options
}

// NewService builds the service.
func NewService(store Store, opts Options) *Service {
	if opts.Now == nil {
		opts.Now = func() time.Time { return time.Now().Truncate(time.Millisecond) }
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	return &Service{store: store, opts: opts}
}

// Now is the service's clock (the pages show the time left).
func (s *Service) Now() time.Time { return s.opts.Now() }

// SessionView is a session with its state now.
type SessionView struct {
	Session
	State State `json:"state"`
}

// Winner is a result with its value's words.
type Winner struct {
	Result
	Name        string `json:"name"`
	Description string `json:"description"`
	Title       string `json:"clusterTitle"`
}

// Results are a class's finalized values.
type Results struct {
	Session *SessionView `json:"session"`
	Winners []Winner     `json:"winners"`
}

// ClassView is what the teacher's page shows: the current vote, who has
// voted, and the latest results.
type ClassView struct {
	Session *SessionView  `json:"session"`
	Voters  []Voter       `json:"voters"`
	Members []Member      `json:"students"`
	Results Results       `json:"results"`
	Now     jsontime.Time `json:"now"`
}

func (s *Service) view(sess *Session, now time.Time) *SessionView {
	if sess == nil {
		return nil
	}
	return &SessionView{Session: *sess, State: sess.StateAt(now)}
}

// Class is the teacher's view of a class's vote.
func (s *Service) Class(ctx context.Context, classID int64) (ClassView, error) {
	now := s.opts.Now()
	cur, err := s.store.CurrentSession(ctx, classID)
	if err != nil {
		return ClassView{}, err
	}
	v := ClassView{Session: s.view(cur, now), Voters: []Voter{}, Now: jsontime.Of(now)}
	if cur != nil {
		if v.Voters, err = s.store.Voters(ctx, cur.ID); err != nil {
			return v, err
		}
	}
	if v.Members, err = s.store.ClassMembers(ctx, classID); err != nil {
		return v, err
	}
	v.Results, err = s.Results(ctx, classID)
	return v, err
}

// Results are the class's latest finalized values (none: Winners empty).
func (s *Service) Results(ctx context.Context, classID int64) (Results, error) {
	sess, res, err := s.store.LatestResults(ctx, classID)
	if err != nil {
		return Results{}, err
	}
	out := Results{Session: s.view(sess, s.opts.Now()), Winners: []Winner{}}
	titles := map[string]string{}
	for _, c := range Clusters() {
		titles[c.Code] = c.Title
	}
	for _, r := range res {
		v, _ := Lookup(r.Cluster, r.Value)
		out.Winners = append(out.Winners, Winner{Result: r, Name: v.Name, Description: v.Description, Title: titles[r.Cluster]})
	}
	return out, nil
}

// Change is a teacher's action on the class's vote. Every screen of the
// class hears about it.
func (s *Service) Change(ctx context.Context, classID int64, op Op) (*SessionView, error) {
	now := s.opts.Now()
	sess, err := s.store.ChangeSession(ctx, classID, op, now)
	if err != nil {
		return nil, err
	}
	v := s.view(sess, now)
	s.publish(classID, map[string]any{"type": "values_session", "op": op, "session": v})
	return v, nil
}

// StudentView is what a student's home shows.
type StudentView struct {
	Session *SessionView  `json:"session"`
	Voted   bool          `json:"voted"`
	Results Results       `json:"results"`
	Now     jsontime.Time `json:"now"`
}

// Student is a student's view of its class's vote.
func (s *Service) Student(ctx context.Context, studentID int64) (StudentView, error) {
	now := s.opts.Now()
	classID, err := s.store.StudentClass(ctx, studentID)
	if err != nil {
		return StudentView{}, err
	}
	cur, err := s.store.CurrentSession(ctx, classID)
	if err != nil {
		return StudentView{}, err
	}
	v := StudentView{Session: s.view(cur, now), Now: jsontime.Of(now)}
	if cur != nil {
		if v.Voted, err = s.store.HasVoted(ctx, cur.ID, studentID); err != nil {
			return v, err
		}
	}
	v.Results, err = s.Results(ctx, classID)
	return v, err
}

// Vote casts a student's ballot in the class's current vote. The teacher's
// screens learn who voted (never what).
func (s *Service) Vote(ctx context.Context, studentID, sessionID int64, b Ballot) (Cast, error) {
	clean, err := CheckBallot(b)
	if err != nil {
		return Cast{}, err
	}
	c, err := s.store.Vote(ctx, studentID, sessionID, clean, s.opts.Now())
	if err != nil {
		return c, err
	}
	s.publish(c.ClassID, map[string]any{"type": "values_voted", "sessionId": c.SessionID, "studentId": studentID, "voters": c.Voters})
	return c, nil
}

func (s *Service) publish(classID int64, msg any) {
	if s.opts.Publisher == nil {
		return
	}
	b, err := json.Marshal(msg)
	if err != nil {
		s.opts.Logger.Warn("values: unable to encode a message", slog.Any("error", err))
		return
	}
	s.opts.Publisher.Publish(Topic(classID), b)
}
