package web

import (
	"encoding/json"
	"reflect"
	"testing"

	"animalgenius/app/game"
)

func TestAppendYouIsTheRevealWithTheResult(t *testing.T) {
	reveal := &game.MsgReveal{Type: "reveal", Index: 2, Count: 10, Correct: 1, Counts: []int{3, 4}, Answered: 7,
		Top: []game.Ranked{{Rank: 1, ID: 3, Nickname: `Bo "the owl"`, Score: 250, Correct: 2}}, Last: false}
	common := encode(reveal)
	for _, y := range []game.MsgYou{
		{Player: 3, Answered: true, Correct: true, Points: 125, Score: 250, Rank: 1, Players: 7},
		{Player: 9},
		{Player: 1<<31 - 1, Answered: true, Score: -5, Rank: 4999, Players: 5000},
	} {
		got := appendYou(common, y)
		var gotMap, want map[string]any
		if err := json.Unmarshal(got, &gotMap); err != nil {
			t.Fatalf("%s: %v", got, err)
		}
		if err := json.Unmarshal(common, &want); err != nil {
			t.Fatal(err)
		}
		var you map[string]any
		if err := json.Unmarshal(encode(y), &you); err != nil {
			t.Fatal(err)
		}
		want["you"] = you
		if !reflect.DeepEqual(gotMap, want) {
			t.Fatalf("got %s\nwant %v", got, want)
		}
	}
	if string(encode(reveal)) != string(common) {
		t.Fatal("appendYou changed the common frame")
	}
}
