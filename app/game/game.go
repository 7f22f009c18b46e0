// Package game is the live quiz game: question sets, one goroutine per game
// that owns all its state, server-side timing and scoring, PINs and the
// guessing budget for them. It knows nothing of HTTP or SQL: sockets reach
// it through the Outbox it is given, the database through Store.
package game

import (
	"animalgenius/app/jsontime"
	"animalgenius/app/textrules"
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Mode is how players are ranked.
type Mode string

const (
	// Individual ranks each player.
	Individual Mode = "individual"
	// Teams also ranks the quiz animals as teams. A team's score is the
	// mean (rounded down) of its members' scores, so a big team does not
	// win by being big.
	Teams Mode = "teams"
)

// Animals are the team names in teams mode (the quiz animals).
var Animals = []string{"meerkat", "panda", "owl", "beaver", "elephant", "otter", "parrot", "border_collie"}

// IsAnimal reports whether s is a quiz animal code.
func IsAnimal(s string) bool {
	for _, a := range Animals {
		if a == s {
			return true
		}
	}
	return false
}

// Limits of a question set.
const (
	MinOptions   = 2
	MaxOptions   = 4
	MinSeconds   = 5
	MaxSeconds   = 120
	MaxQuestions = 100
	MaxTextLen   = 300 // characters of a question
	MaxOptionLen = 80  // characters of an option
	MaxTitleLen  = 80
	NicknameLen  = 20
)

// Question is one question with its answer. Correct never leaves the
// server before the question closes.
type Question struct {
	Text    string   `json:"text"`
	Options []string `json:"options"`
	Correct int      `json:"correct"`
	Seconds int      `json:"seconds"`
	// Image is the id of an uploaded question picture (0: none).
	Image int64 `json:"image,omitempty"`
	// ImageFile is that picture's processed file, read with the set; it
	// never comes from a client.
	ImageFile string `json:"-"`
}

// Set is a question set.
type Set struct {
	ID          int64         `json:"id"` // 0 for the bundled set
	OwnerID     int64         `json:"ownerId,omitempty"`
	Title       string        `json:"title"`
	Description string        `json:"description"`
	Questions   []Question    `json:"questions"`
	Bundled     bool          `json:"bundled"`
	CreatedAt   jsontime.Time `json:"createdAt"`
	UpdatedAt   jsontime.Time `json:"updatedAt"`
}

// FieldError names the input that is wrong.
type FieldError struct {
	Field   string
	Message string
}

func (e *FieldError) Error() string { return e.Field + ": " + e.Message }

// setText trims one text of a set and applies the free-text rule.
func setText(field, s string, multiline bool) (string, error) {
	v, err := textrules.Text(strings.TrimSpace(s), multiline)
	if err != nil {
		return "", &FieldError{field, err.Error()}
	}
	return v, nil
}

// Normalize trims the texts of the set and checks every rule, naming the
// first field that breaks one ("questions[3].options[1]").
func (s *Set) Normalize() error {
	var err error
	if s.Title, err = setText("title", s.Title, false); err != nil {
		return err
	}
	if s.Description, err = setText("description", s.Description, true); err != nil {
		return err
	}
	if n := utf8.RuneCountInString(s.Title); n == 0 || n > MaxTitleLen {
		return &FieldError{"title", fmt.Sprintf("Give the set a title of 1 to %d characters.", MaxTitleLen)}
	}
	if utf8.RuneCountInString(s.Description) > 500 {
		return &FieldError{"description", "Keep the description to 500 characters or fewer."}
	}
	if len(s.Questions) == 0 || len(s.Questions) > MaxQuestions {
		return &FieldError{"questions", fmt.Sprintf("A set needs 1 to %d questions.", MaxQuestions)}
	}
	for i := range s.Questions {
		q := &s.Questions[i]
		at := fmt.Sprintf("questions[%d]", i)
		if q.Text, err = setText(at+".text", q.Text, true); err != nil {
			return err
		}
		if n := utf8.RuneCountInString(q.Text); n == 0 || n > MaxTextLen {
			return &FieldError{at + ".text", fmt.Sprintf("Write the question in 1 to %d characters.", MaxTextLen)}
		}
		if len(q.Options) < MinOptions || len(q.Options) > MaxOptions {
			return &FieldError{at + ".options", fmt.Sprintf("Give %d to %d answers to choose from.", MinOptions, MaxOptions)}
		}
		seen := map[string]bool{}
		for j := range q.Options {
			if q.Options[j], err = setText(fmt.Sprintf("%s.options[%d]", at, j), q.Options[j], false); err != nil {
				return err
			}
			if n := utf8.RuneCountInString(q.Options[j]); n == 0 || n > MaxOptionLen {
				return &FieldError{fmt.Sprintf("%s.options[%d]", at, j), fmt.Sprintf("Each answer needs 1 to %d characters.", MaxOptionLen)}
			}
			key := strings.ToLower(q.Options[j])
			if seen[key] {
				return &FieldError{fmt.Sprintf("%s.options[%d]", at, j), "Two answers are the same. Make each answer different."}
			}
			seen[key] = true
		}
		if q.Correct < 0 || q.Correct >= len(q.Options) {
			return &FieldError{at + ".correct", "Mark one of the answers as the right one."}
		}
		if q.Seconds < MinSeconds || q.Seconds > MaxSeconds {
			return &FieldError{at + ".seconds", fmt.Sprintf("Give between %d and %d seconds.", MinSeconds, MaxSeconds)}
		}
		if q.Image < 0 {
			return &FieldError{at + ".image", "That picture does not exist."}
		}
	}
	return nil
}

// Error is a refusal with a code a client can act on and a message a
// player can read.
type Error struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// RetryAfter is set on too_many_tries.
	RetryAfter time.Duration `json:"-"`
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// The refusals of the game.
var (
	ErrNoGame          = &Error{Code: "no_game", Message: "There is no game with that PIN. Check the number on the screen."}
	ErrGameOver        = &Error{Code: "game_over", Message: "This game has ended."}
	ErrLocked          = &Error{Code: "locked", Message: "The teacher has closed this game to new players."}
	ErrFull            = &Error{Code: "game_full", Message: "This game is full."}
	ErrNicknameTaken   = &Error{Code: "nickname_taken", Message: "Someone in this game already has that name. Try another one."}
	ErrPickTeam        = &Error{Code: "pick_team", Message: "This is a team game: pick your animal team first."}
	ErrBadToken        = &Error{Code: "bad_token", Message: "We could not find you in this game. Join again with your name."}
	ErrKicked          = &Error{Code: "kicked", Message: "The teacher removed you from this game."}
	ErrBrowserNeeded   = &Error{Code: "browser_needed", Message: "This game now takes players whose browser keeps cookies. Open the game page in your browser with cookies on, or ask your teacher."}
	ErrSignInAgain     = &Error{Code: "sign_in_again", Message: "This place in the game is a signed-in pupil's: log in with your passport code to come back."}
	ErrWrongQuestion   = &Error{Code: "wrong_question", Message: "That question is not the one being asked now."}
	ErrTooLate         = &Error{Code: "too_late", Message: "Time is up for this question."}
	ErrAlreadyAnswered = &Error{Code: "already_answered", Message: "You already answered this question."}
	ErrBadOption       = &Error{Code: "bad_option", Message: "That answer is not one of the choices."}
	ErrNotNow          = &Error{Code: "not_now", Message: "That can't be done at this point of the game."}
	ErrNoPlayers       = &Error{Code: "no_players", Message: "Wait for at least one player to join."}
	ErrNoPlayer        = &Error{Code: "no_player", Message: "That player is not in this game."}
	ErrNotHost         = &Error{Code: "not_host", Message: "Only the teacher who started this game can do that."}
	ErrTooManyGames    = &Error{Code: "too_many_games", Message: "You have too many games open. End one first."}
	ErrBoxBusy         = &Error{Code: "box_busy", Message: "Too many games are running on this server. Try again later."}
	ErrStillLive       = &Error{Code: "game_live", Message: "This game is still running. End it first, then delete its results."}
	ErrStopped         = &Error{Code: "stopped", Message: "The server is stopping. Your results so far are saved."}
)

// Store is what the game needs from the database.
type Store interface {
	// CreateGame saves a new game with a copy of its questions and
	// returns its id.
	CreateGame(ctx context.Context, g NewGame) (int64, error)
	// SaveRound saves the players who changed and the answers of one
	// question when it closes.
	SaveRound(ctx context.Context, r Round) error
	// FinishGame saves the final scores and ranks and the game's end.
	FinishGame(ctx context.Context, f Final) error
}

// Players gives the name and quiz animal of a student, for a student who
// joins from a student session (the classes area implements it).
type Players interface {
	StudentProfile(ctx context.Context, studentID int64) (name, animal string, err error)
}

// NewGame is a game about to start.
type NewGame struct {
	PIN       string
	HostID    int64
	SetID     int64 // 0: the bundled set
	Title     string
	Mode      Mode
	Questions []Question
	CreatedAt time.Time
}

// PlayerRecord is a player as saved.
type PlayerRecord struct {
	No        int
	Nickname  string
	StudentID int64 // 0 when the player joined with a nickname only
	Team      string
	Score     int
	Correct   int
	Rank      int // 0 until the game ends
	Kicked    bool
	JoinedAt  time.Time
}

// AnswerRecord is one answer as saved.
type AnswerRecord struct {
	PlayerNo   int           `json:"-"`
	Question   int           `json:"question"`
	Option     int           `json:"option"`
	Correct    bool          `json:"correct"`
	Points     int           `json:"points"`
	ElapsedMs  int64         `json:"elapsedMs"`
	AnsweredAt jsontime.Time `json:"answeredAt"`
}

// Round is what is saved when a question closes.
type Round struct {
	GameID   int64
	Question int
	ClosedAt time.Time
	Players  []PlayerRecord // players new or changed since the last save
	Answers  []AnswerRecord
}

// Final is what is saved when the game ends.
type Final struct {
	GameID  int64
	Status  string // "ended" or "stopped" (the server stopped it)
	EndedAt time.Time
	Players []PlayerRecord // all of them, with ranks
}
