package game

import (
	"context"
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
	UpdatedAt   time.Time `json:"updatedAt"`
}

// Summary is a game as listed.
type Summary struct {
	ID              int64      `json:"id"`
	HostID          int64      `json:"-"`
	PIN             string     `json:"pin"`
	Title           string     `json:"title"`
	Mode            Mode       `json:"mode"`
	Status          string     `json:"status"`
	QuestionCount   int        `json:"questionCount"`
	QuestionsClosed int        `json:"questionsClosed"`
	Players         int        `json:"players"`
	CreatedAt       time.Time  `json:"createdAt"`
	EndedAt         *time.Time `json:"endedAt,omitempty"`
	AwardedAt       *time.Time `json:"awardedAt,omitempty"`
}

// PlayerResult is a player's line of the results, with every answer.
type PlayerResult struct {
	No        int            `json:"player"`
	Nickname  string         `json:"nickname"`
	StudentID int64          `json:"studentId,omitempty"`
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

// Award is coins for one student player of a game.
type Award struct {
	PlayerNo  int    `json:"player"`
	StudentID int64  `json:"studentId"`
	Nickname  string `json:"nickname"`
	Rank      int    `json:"rank"`
	Coins     int    `json:"coins"`
}

// Rewards pays game coins through the ledger (the economy area implements
// it): all awards in one transaction, once per game.
type Rewards interface {
	AwardGameCoins(ctx context.Context, gameID, hostID int64, awards []Award) error
}

// ErrAwarded refuses a second award for the same game.
var ErrAwarded = &Error{Code: "already_awarded", Message: "Coins for this game were already given."}

// PodiumAwards picks who gets coins: coins[i] for the players ranked i+1
// (equal ranks get the same), students who scored only, for an ended game.
func PodiumAwards(res *Results, coins []int) ([]Award, error) {
	if res.Status != "ended" && res.Status != "stopped" {
		return nil, &Error{Code: "not_over", Message: "Give coins when the game has ended."}
	}
	if res.AwardedAt != nil {
		return nil, ErrAwarded
	}
	if len(coins) == 0 || len(coins) > 10 {
		return nil, &FieldError{"coins", "Give coins to 1 to 10 places."}
	}
	for _, n := range coins {
		if n < 1 || n > 1000 {
			return nil, &FieldError{"coins", "Each place gets 1 to 1000 coins."}
		}
	}
	var out []Award
	for _, p := range res.Players {
		if p.Kicked || p.Rank < 1 || p.Rank > len(coins) || p.StudentID == 0 || p.Score <= 0 {
			continue
		}
		out = append(out, Award{PlayerNo: p.No, StudentID: p.StudentID, Nickname: p.Nickname, Rank: p.Rank, Coins: coins[p.Rank-1]})
	}
	if len(out) == 0 {
		return nil, &Error{Code: "no_students", Message: "None of the top players who scored joined with a student login, so there is no one to give coins to."}
	}
	return out, nil
}
