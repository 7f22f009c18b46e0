package game_test

import (
	"testing"

	"animalgenius/app/game"
)

func TestPodiumAndAwardsLeaveOutPlayersWithoutPoints(t *testing.T) {
	ranking := []game.Ranked{{Rank: 1, ID: 1, Score: 240}, {Rank: 2, ID: 2, Score: 120}, {Rank: 3, ID: 3, Score: 0}, {Rank: 3, ID: 4, Score: 0}}
	if p := game.Podium(ranking); len(p) != 2 || p[0].ID != 1 || p[1].ID != 2 {
		t.Fatalf("podium %+v", p)
	}
	if p := game.Podium(ranking[2:]); len(p) != 0 {
		t.Fatalf("podium of nobody who scored: %+v", p)
	}
	five := []game.Ranked{{Rank: 1, Score: 5}, {Rank: 2, Score: 4}, {Rank: 3, Score: 3}, {Rank: 4, Score: 2}}
	if p := game.Podium(five); len(p) != 3 {
		t.Fatalf("podium of four who scored: %+v", p)
	}

	res := &game.Results{Summary: game.Summary{Status: "ended"}, Players: []game.PlayerResult{
		{No: 1, StudentID: 11, Rank: 1, Score: 240}, {No: 2, StudentID: 12, Rank: 2, Score: 0}}}
	awards, err := game.PodiumAwards(res, []int{30, 20})
	if err != nil || len(awards) != 1 || awards[0].StudentID != 11 {
		t.Fatalf("awards %+v %v", awards, err)
	}
	res.Players = res.Players[1:]
	if _, err := game.PodiumAwards(res, []int{30, 20}); err == nil {
		t.Fatal("coins for a player with 0 points")
	}
}
