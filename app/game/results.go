package game

import (
	"errors"
	"time"
)

// ErrNotFound is a set or game that does not exist (or is not the
// caller's: the web layer answers both with 404).
var ErrNotFound = errors.New("game: not found")

// SetSummary is a line of a teacher's list of sets.
type SetSummary struct {
	ID          int64     `json:"id"`
	Title       string    `json:"title"`
	Description string    `json:"description"`
	Questions   int       `json:"questions"`
	Bundled     bool      `json:"bundled"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// Summary is a game as listed.
type Summary struct {
	ID              int64      `json:"id"`
	HostID          int64      `json:"-"`
	PIN             string     `json:"pin"`
	Title           string     `json:"title"`
	Mode            Mode       `json:"mode"`
	Status          string     `json:"status"`
	QuestionCount   int        `json:"question_count"`
	QuestionsClosed int        `json:"questions_closed"`
	Players         int        `json:"players"`
	CreatedAt       time.Time  `json:"created_at"`
	EndedAt         *time.Time `json:"ended_at,omitempty"`
	AwardedAt       *time.Time `json:"awarded_at,omitempty"`
}

// PlayerResult is a player's line of the results, with every answer.
type PlayerResult struct {
	No        int            `json:"player"`
	Nickname  string         `json:"nickname"`
	StudentID int64          `json:"student_id,omitempty"`
	Team      string         `json:"team,omitempty"`
	Score     int            `json:"score"`
	Correct   int            `json:"correct"`
	Rank      int            `json:"rank"`
	Kicked    bool           `json:"kicked"`
	Coins     int            `json:"coins"`
	Answers   []AnswerRecord `json:"answers"`
}

// Results is a game with its questions and players, best first.
type Results struct {
	Summary
	Questions []Question     `json:"questions"`
	Players   []PlayerResult `json:"players"`
}
