package game

import (
	"context"
	"errors"
	"time"
)

// LibraryStore is what the library needs from the database.
type LibraryStore interface {
	QuestionSets(ctx context.Context, ownerID int64) ([]SetSummary, error)
	QuestionSet(ctx context.Context, id int64) (Set, error)
	CreateQuestionSet(ctx context.Context, set Set, now time.Time) (int64, error)
	UpdateQuestionSet(ctx context.Context, set Set, now time.Time) error
	DeleteQuestionSet(ctx context.Context, id, ownerID int64) error
	HostGames(ctx context.Context, hostID int64, limit int) ([]Summary, error)
	GameSummary(ctx context.Context, gameID int64) (Summary, error)
	GameResults(ctx context.Context, gameID int64) (*Results, error)
	// GamePlayerStudent is the student a saved player joined as (0: by
	// nickname); false when the game saved no such player.
	GamePlayerStudent(ctx context.Context, gameID int64, playerNo int) (int64, bool, error)
	// DeleteGame deletes a finished game of the host with its players and
	// answers (ErrNotFound, ErrStillLive).
	DeleteGame(ctx context.Context, gameID, hostID int64) error
	// DeleteClassGamePlays deletes the plays of the class's students from
	// every finished game and returns how many went.
	DeleteClassGamePlays(ctx context.Context, classID int64) (int, error)
}

// ErrReadOnly refuses a change to the bundled set.
var ErrReadOnly = errors.New("game: the bundled set cannot be changed; duplicate it first")

// ErrUnknownImage refuses a set naming a picture when no picture service
// is wired to check it.
var ErrUnknownImage = errors.New("game: unknown picture")

// ImageChecker checks that every picture a set names is the owner's own
// finished upload (app/questionimages implements it).
type ImageChecker interface {
	CheckImages(ctx context.Context, ownerID int64, ids []int64) error
}

// Library is a teacher's question sets and past games. Everything is
// scoped to its owner: another teacher's set or game is ErrNotFound.
type Library struct {
	store  LibraryStore
	clock  Clock
	images ImageChecker
}

// NewLibrary makes the library.
func NewLibrary(store LibraryStore, clock Clock) *Library {
	if clock == nil {
		clock = RealClock{}
	}
	return &Library{store: store, clock: clock}
}

// UseImages sets the checker of question pictures (nil: sets with
// pictures are refused).
func (l *Library) UseImages(c ImageChecker) { l.images = c }

// checkImages refuses pictures that are not the owner's finished uploads,
// before anything is written.
func (l *Library) checkImages(ctx context.Context, ownerID int64, s Set) error {
	var ids []int64
	for _, q := range s.Questions {
		if q.Image > 0 {
			ids = append(ids, q.Image)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	if l.images == nil {
		return ErrUnknownImage
	}
	return l.images.CheckImages(ctx, ownerID, ids)
}

// Sets lists the bundled set, then the owner's own.
func (l *Library) Sets(ctx context.Context, ownerID int64) ([]SetSummary, error) {
	b := Bundled()
	own, err := l.store.QuestionSets(ctx, ownerID)
	if err != nil {
		return nil, err
	}
	return append([]SetSummary{{ID: 0, Title: b.Title, Description: b.Description, Questions: len(b.Questions), Bundled: true}}, own...), nil
}

// Set reads a set: id 0 is the bundled set.
func (l *Library) Set(ctx context.Context, ownerID, id int64) (Set, error) {
	if id == 0 {
		return Bundled(), nil
	}
	s, err := l.store.QuestionSet(ctx, id)
	if err != nil {
		return Set{}, err
	}
	if s.OwnerID != ownerID {
		return Set{}, ErrNotFound
	}
	return s, nil
}

// CreateSet checks and saves a new set of the owner.
func (l *Library) CreateSet(ctx context.Context, ownerID int64, s Set) (Set, error) {
	if err := s.Normalize(); err != nil {
		return Set{}, err
	}
	s.OwnerID, s.Bundled = ownerID, false
	if err := l.checkImages(ctx, ownerID, s); err != nil {
		return Set{}, err
	}
	id, err := l.store.CreateQuestionSet(ctx, s, l.clock.Now())
	if err != nil {
		return Set{}, err
	}
	return l.store.QuestionSet(ctx, id)
}

// UpdateSet replaces one of the owner's sets.
func (l *Library) UpdateSet(ctx context.Context, ownerID, id int64, s Set) (Set, error) {
	if id == 0 {
		return Set{}, ErrReadOnly
	}
	if err := s.Normalize(); err != nil {
		return Set{}, err
	}
	s.ID, s.OwnerID = id, ownerID
	if err := l.checkImages(ctx, ownerID, s); err != nil {
		return Set{}, err
	}
	if err := l.store.UpdateQuestionSet(ctx, s, l.clock.Now()); err != nil {
		return Set{}, err
	}
	return l.store.QuestionSet(ctx, id)
}

// DeleteSet deletes one of the owner's sets.
func (l *Library) DeleteSet(ctx context.Context, ownerID, id int64) error {
	if id == 0 {
		return ErrReadOnly
	}
	return l.store.DeleteQuestionSet(ctx, id, ownerID)
}

// DuplicateSet copies a set (the bundled one too) into the owner's sets.
func (l *Library) DuplicateSet(ctx context.Context, ownerID, id int64) (Set, error) {
	s, err := l.Set(ctx, ownerID, id)
	if err != nil {
		return Set{}, err
	}
	title := []rune("Copy of " + s.Title)
	if len(title) > MaxTitleLen {
		title = title[:MaxTitleLen]
	}
	s.Title = string(title)
	return l.CreateSet(ctx, ownerID, s)
}

// Games lists the host's games, newest first.
func (l *Library) Games(ctx context.Context, hostID int64) ([]Summary, error) {
	return l.store.HostGames(ctx, hostID, 200)
}

// Game reads one of the host's games.
func (l *Library) Game(ctx context.Context, hostID, gameID int64) (Summary, error) {
	return l.GameFor(ctx, hostID, false, gameID)
}

// GameFor reads a game for an account: its host, or any admin (like a
// class). Anyone else gets ErrNotFound, as for a game that does not exist.
func (l *Library) GameFor(ctx context.Context, accountID int64, admin bool, gameID int64) (Summary, error) {
	s, err := l.store.GameSummary(ctx, gameID)
	if err != nil {
		return Summary{}, err
	}
	if s.HostID != accountID && !admin {
		return Summary{}, ErrNotFound
	}
	return s, nil
}

// Results reads the results of one of the host's games: only the questions that were played (a
// game ended after 2 of 32 questions lists 2), players best first.
func (l *Library) Results(ctx context.Context, hostID, gameID int64) (*Results, error) {
	if _, err := l.Game(ctx, hostID, gameID); err != nil {
		return nil, err
	}
	res, err := l.store.GameResults(ctx, gameID)
	if err != nil {
		return nil, err
	}
	res.Questions = res.Questions[:min(max(res.QuestionsClosed, 0), len(res.Questions))]
	return res, nil
}

// DeleteResults deletes one of the host's finished games with everything
// its players did in it.
func (l *Library) DeleteResults(ctx context.Context, hostID, gameID int64) error {
	return l.store.DeleteGame(ctx, gameID, hostID)
}

// DeleteClassPlays deletes the plays of a class's students from every
// finished game (the caller checked that the class is the teacher's).
func (l *Library) DeleteClassPlays(ctx context.Context, classID int64) (int, error) {
	return l.store.DeleteClassGamePlays(ctx, classID)
}
