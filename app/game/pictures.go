package game

import (
	"context"
	"strconv"
)

// PictureURL is where the players of a game fetch a question's picture
// (file is the processed upload; "" gives ""). The URL reaches players
// only in the question frame, once the question is open.
func PictureURL(gameID int64, file string) string {
	if file == "" {
		return ""
	}
	return "/api/v1/games/" + strconv.FormatInt(gameID, 10) + "/pictures/" + file
}

// PlayerStudent is the student a live game's player joined as (0: a
// nickname player); ErrNoPlayer when the game has no such player.
func (g *Game) PlayerStudent(ctx context.Context, playerNo int) (int64, error) {
	var student int64
	found := false
	err := g.do(ctx, func() {
		for _, p := range g.players {
			if p.id == playerNo && !p.kicked {
				student, found = p.studentID, true
				return
			}
		}
	})
	if err != nil {
		return 0, err
	}
	if !found {
		return 0, ErrNoPlayer
	}
	return student, nil
}

// SavedPlayerStudent is the student a saved (not kicked) player of a game
// joined as (0: a nickname player); ErrNoPlayer when there is none.
func (l *Library) SavedPlayerStudent(ctx context.Context, gameID int64, playerNo int) (int64, error) {
	student, ok, err := l.store.GamePlayerStudent(ctx, gameID, playerNo)
	if err != nil {
		return 0, err
	}
	if !ok {
		return 0, ErrNoPlayer
	}
	return student, nil
}
