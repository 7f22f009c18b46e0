package game_test

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"animalgenius/app/game"
)

// A question's picture reaches players only in its question frame, as a
// game-scoped address; student players are marked as having an avatar.
func TestQuestionPictureAndStudentPlayers(t *testing.T) {
	f := newFixture(t, game.Options{})
	set := testSet(2)
	set.Questions[0].Image, set.Questions[0].ImageFile = 5, strings.Repeat("e", 64)+".png"
	g, err := f.mgr.Create(bg, host, set, game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	ann := mustJoin(t, g, "Ann")
	kid, err := join(t, g, game.JoinRequest{Nickname: "Maya R.", StudentID: 42})
	if err != nil {
		t.Fatal(err)
	}
	var st game.MsgHostState
	if err := g.AttachHost(bg, host, func(m game.MsgHostState) { st = m }); err != nil {
		t.Fatal(err)
	}
	avatar := map[int]bool{}
	for _, p := range st.Players {
		avatar[p.ID] = p.HasAvatar
	}
	if len(avatar) != 2 || avatar[ann.player] || !avatar[kid.player] {
		t.Fatalf("lobby players %+v", st.Players)
	}
	if no, err := g.PlayerStudent(bg, kid.player); err != nil || no != 42 {
		t.Fatalf("student of the player: %d %v", no, err)
	}
	if no, err := g.PlayerStudent(bg, ann.player); err != nil || no != 0 {
		t.Fatalf("student of a nickname player: %d %v", no, err)
	}
	if _, err := g.PlayerStudent(bg, 99); !errors.Is(err, game.ErrNoPlayer) {
		t.Fatalf("no such player: %v", err)
	}

	// Nothing sent before the question opens names the picture.
	f.out.mu.Lock()
	sent, _ := json.Marshal([]any{f.out.all, f.out.host, f.out.players, ann.msg, kid.msg, st})
	f.out.mu.Unlock()
	if strings.Contains(string(sent), set.Questions[0].ImageFile) {
		t.Fatal("the picture was sent before its question opened")
	}
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	q := f.out.lastAll("question")
	want := game.PictureURL(g.ID, set.Questions[0].ImageFile)
	if q["imageUrl"] != want || !strings.HasPrefix(want, "/api/v1/games/") {
		t.Fatalf("question frame %v, want imageUrl %s", q, want)
	}
	if _, has := q["image"]; has {
		t.Fatal("the question frame carries the upload id")
	}
	if err := g.Skip(bg, host); err != nil {
		t.Fatal(err)
	}
	if err := g.Next(bg, host); err != nil {
		t.Fatal(err)
	}
	if q := f.out.lastAll("question"); q["index"].(float64) != 1 || q["imageUrl"] != nil {
		t.Fatalf("question 2 frame %v", q)
	}
	if game.PictureURL(7, "") != "" {
		t.Fatal("no picture has an address")
	}
}
