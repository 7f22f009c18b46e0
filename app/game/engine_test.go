package game_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"animalgenius/app/game"
)

var bg = context.Background()

const host = int64(7)

func TestPoints(t *testing.T) {
	limit := 20 * time.Second
	for _, tc := range []struct {
		left time.Duration
		want int
	}{
		{limit, 150}, {10 * time.Second, 125}, {time.Millisecond, 100}, {0, 100},
		{-time.Second, 100}, {limit + time.Second, 150}, {19999 * time.Millisecond, 149},
	} {
		if got := game.Points(tc.left, limit); got != tc.want {
			t.Errorf("Points(%v, %v) = %d, want %d", tc.left, limit, got, tc.want)
		}
	}
}

func TestFullGameScoresAndRanks(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(2), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.PIN) != 6 {
		t.Fatalf("PIN %q", g.PIN)
	}
	ann, bo, cy := mustJoin(t, g, "Ann"), mustJoin(t, g, "Bo"), mustJoin(t, g, "Cy")
	if len(ann.msg.Token) != 32 || ann.msg.Token == bo.msg.Token {
		t.Fatalf("tokens %q %q", ann.msg.Token, bo.msg.Token)
	}
	wantCode(t, g.Start(bg, host+1), "not_host")
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	q := f.out.lastAll("question")
	if q == nil || q["index"].(float64) != 0 || q["remainingMs"].(float64) != 20000 {
		t.Fatalf("question message %v", q)
	}
	if _, has := q["correct"]; has {
		t.Fatal("the question message carries the correct option")
	}
	// Ann answers right at once, Bo right after 10 s, Cy wrong.
	if err := g.Answer(bg, ann.player, 0, 1); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(10 * time.Second)
	if err := g.Answer(bg, bo.player, 0, 1); err != nil {
		t.Fatal(err)
	}
	wantCode(t, g.Answer(bg, bo.player, 0, 2), "already_answered")
	wantCode(t, g.Answer(bg, cy.player, 1, 0), "wrong_question")
	wantCode(t, g.Answer(bg, cy.player, 0, 3), "bad_option")
	wantCode(t, g.Answer(bg, 99, 0, 0), "no_player")
	if err := g.Answer(bg, cy.player, 0, 0); err != nil { // the last one: closes early
		t.Fatal(err)
	}
	rev := f.out.lastAll("reveal")
	if rev == nil {
		t.Fatal("no reveal after everyone answered")
	}
	if rev["correct"].(float64) != 1 || rev["answered"].(float64) != 3 {
		t.Fatalf("reveal %v", rev)
	}
	if _, has := rev["you"]; has {
		t.Fatalf("the host's reveal carries a player's result: %v", rev)
	}
	counts := rev["counts"].([]any)
	if counts[0].(float64) != 1 || counts[1].(float64) != 2 || counts[2].(float64) != 0 {
		t.Fatalf("counts %v", counts)
	}
	top := rev["top"].([]any)
	if len(top) != 3 || top[0].(map[string]any)["nickname"] != "Ann" || top[0].(map[string]any)["score"].(float64) != 150 ||
		top[1].(map[string]any)["score"].(float64) != 125 || top[2].(map[string]any)["rank"].(float64) != 3 {
		t.Fatalf("top %v", top)
	}
	boRev := f.out.lastPlayer(bo.player, "reveal")
	if boRev["correct"].(float64) != 1 || boRev["index"].(float64) != 0 {
		t.Fatalf("Bo's reveal %v", boRev)
	}
	res := boRev["you"].(map[string]any)
	if res["answered"] != true || res["score"].(float64) != 125 || res["players"].(float64) != 3 {
		t.Fatalf("Bo's result %v", res)
	}
	if res["points"].(float64) != 125 || res["rank"].(float64) != 2 || res["correct"] != true {
		t.Fatalf("Bo's result %v", res)
	}
	if f.out.lastPlayer(ann.player, "answer_locked") == nil {
		t.Fatal("no answer_locked for Ann")
	}
	wantCode(t, g.Answer(bg, cy.player, 0, 1), "already_answered")

	// Question 2: only Cy answers, just before the time is up; then time runs out.
	if err := g.Next(bg, host); err != nil {
		t.Fatal(err)
	}
	wantCode(t, g.Next(bg, host), "not_now")
	f.clock.Advance(19999 * time.Millisecond)
	if err := g.Answer(bg, cy.player, 1, 1); err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(2 * time.Millisecond)
	waitUntil(t, "the second reveal", func() bool { return f.out.countAll("reveal") == 2 })
	wantCode(t, g.Answer(bg, ann.player, 1, 1), "too_late")
	if r := f.out.lastAll("reveal"); r["last"] != true {
		t.Fatalf("last reveal %v", r)
	}
	if err := g.Next(bg, host); err != nil { // after the last question: the end
		t.Fatal(err)
	}
	<-g.Done()
	ended := f.out.lastAll("ended")
	podium := ended["podium"].([]any)
	if len(podium) != 3 || podium[0].(map[string]any)["nickname"] != "Ann" {
		t.Fatalf("podium %v", podium)
	}
	if fin := f.out.lastPlayer(cy.player, "final"); fin["score"].(float64) != 100 || fin["rank"].(float64) != 3 {
		t.Fatalf("Cy's final %v", fin)
	}
	if !f.out.over {
		t.Fatal("Over was not called")
	}
	wantCode(t, g.Answer(bg, ann.player, 1, 1), "game_over")

	// Saved: players, ranks and every answer.
	results, err := f.store.GameResults(bg, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if results.Status != "ended" || results.QuestionsClosed != 2 || len(results.Players) != 3 {
		t.Fatalf("results %+v", results.Summary)
	}
	want := []struct {
		nick         string
		score, rank  int
		answers      int
		pointsOfLast int
	}{{"Ann", 150, 1, 1, 150}, {"Bo", 125, 2, 1, 125}, {"Cy", 100, 3, 2, 100}}
	for i, w := range want {
		p := results.Players[i]
		if p.Nickname != w.nick || p.Score != w.score || p.Rank != w.rank || len(p.Answers) != w.answers {
			t.Fatalf("player %d: %+v, want %+v", i, p, w)
		}
		sum := 0
		for _, a := range p.Answers {
			sum += a.Points
		}
		if sum != p.Score || p.Answers[len(p.Answers)-1].Points != w.pointsOfLast {
			t.Fatalf("player %s: answers %+v do not add up to %d", p.Nickname, p.Answers, p.Score)
		}
	}
	if f.mgr.Game(g.ID) != nil {
		t.Fatal("an ended game is still live")
	}
}

func TestQuestionPayloadsNeverCarryTheAnswer(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, game.Bundled(), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	p := mustJoin(t, g, "Solo")
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	var hostState game.MsgHostState
	if err := g.AttachHost(bg, host, func(st game.MsgHostState) { hostState = st }); err != nil {
		t.Fatal(err)
	}
	var rejoined game.MsgJoined
	if err := g.Rejoin(bg, p.msg.Token, 0, func(_, _ int, m game.MsgJoined) { rejoined = m }); err != nil {
		t.Fatal(err)
	}
	for _, msg := range []any{f.out.lastAll("question"), hostState, rejoined} {
		b, _ := json.Marshal(msg)
		if strings.Contains(string(b), `"correct"`) {
			t.Fatalf("payload before the reveal names the answer: %s", b)
		}
	}
	if rejoined.Question == nil || hostState.Question == nil {
		t.Fatal("the open question is missing from the snapshots")
	}
}

func TestKickLockAndRejoin(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(3), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	ann := mustJoin(t, g, "Ann")
	bad := mustJoin(t, g, "Rude")
	stu, err := join(t, g, game.JoinRequest{Nickname: "Maya R.", StudentID: 41})
	if err != nil {
		t.Fatal(err)
	}
	_, err = join(t, g, game.JoinRequest{Nickname: "ann"})
	wantCode(t, err, "nickname_taken")
	// A student's name that clashes is numbered, not refused.
	clash, err := join(t, g, game.JoinRequest{Nickname: "Ann", StudentID: 42})
	if err != nil || clash.msg.Nickname != "Ann 2" {
		t.Fatalf("clashing student: %+v %v", clash.msg, err)
	}
	// A pupil's seat comes back to that pupil's session only (a removed
	// pupil's socket, or one whose sessions ended, has none).
	wantCode(t, g.Rejoin(bg, stu.msg.Token, 0, nil), "sign_in_again")
	wantCode(t, g.Rejoin(bg, stu.msg.Token, 42, nil), "sign_in_again")
	if err := g.Rejoin(bg, stu.msg.Token, 41, nil); err != nil {
		t.Fatalf("the pupil's own rejoin: %v", err)
	}
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	if err := g.Answer(bg, ann.player, 0, 1); err != nil {
		t.Fatal(err)
	}
	if err := g.Answer(bg, bad.player, 0, 1); err != nil {
		t.Fatal(err)
	}
	if err := g.Kick(bg, host, bad.player); err != nil {
		t.Fatal(err)
	}
	wantCode(t, g.Kick(bg, host, bad.player), "no_player")
	if f.out.dropped[bad.player] != "kicked" {
		t.Fatalf("dropped %v", f.out.dropped)
	}
	wantCode(t, g.Answer(bg, bad.player, 0, 1), "kicked")
	wantCode(t, g.Rejoin(bg, bad.msg.Token, 0, nil), "kicked")
	// Rude had no browser cookie: cookie-less nickname joins are over.
	_, err = join(t, g, game.JoinRequest{Nickname: "Rude"})
	wantCode(t, err, "browser_needed")
	_, err = join(t, g, game.JoinRequest{Nickname: "Rude", Device: "0123456789abcdef0123456789abcdef"})
	wantCode(t, err, "nickname_taken")
	if err := g.Kick(bg, host, stu.player); err != nil {
		t.Fatal(err)
	}
	_, err = join(t, g, game.JoinRequest{Nickname: "Maya R.", StudentID: 41})
	wantCode(t, err, "kicked")

	// Late join works until the host locks; rejoin works after.
	late, err := join(t, g, game.JoinRequest{Nickname: "Late", Device: "1123456789abcdef0123456789abcdef"})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Lock(bg, host, true); err != nil {
		t.Fatal(err)
	}
	_, err = join(t, g, game.JoinRequest{Nickname: "Later", Device: "2123456789abcdef0123456789abcdef"})
	wantCode(t, err, "locked")
	if err := g.Skip(bg, host); err != nil {
		t.Fatal(err)
	}
	rev := f.out.lastAll("reveal")
	if rev["answered"].(float64) != 1 { // the kicked player's answer is gone
		t.Fatalf("reveal %v", rev)
	}
	// Ann drops and comes back with her token: same score, same player.
	g.Disconnected(ann.player, ann.gen)
	var back joined
	if err := g.Rejoin(bg, ann.msg.Token, 0, func(p, gen int, m game.MsgJoined) { back = joined{p, gen, m} }); err != nil {
		t.Fatal(err)
	}
	if back.player != ann.player || back.msg.Score != 150 || back.gen != ann.gen+1 || back.msg.Rank != 1 {
		t.Fatalf("rejoined %+v", back)
	}
	// The old socket's late goodbye does not mark her offline.
	g.Disconnected(ann.player, ann.gen)
	var st game.MsgHostState
	if err := g.AttachHost(bg, host, func(s game.MsgHostState) { st = s }); err != nil {
		t.Fatal(err)
	}
	online := map[string]bool{}
	for _, p := range st.Players {
		online[p.Nickname] = p.Online
	}
	if !online["Ann"] || len(st.Players) != 3 || !st.Locked {
		t.Fatalf("host state %+v", st)
	}
	wantCode(t, g.Rejoin(bg, strings.Repeat("0", 32), 0, nil), "bad_token")
	if err := g.Lock(bg, host, false); err != nil {
		t.Fatal(err)
	}
	if _, err := join(t, g, game.JoinRequest{Nickname: "Later", Device: "2123456789abcdef0123456789abcdef"}); err != nil {
		t.Fatalf("join Later after unlocking: %v", err)
	}
	_ = late
	if err := g.End(bg, host); err != nil {
		t.Fatal(err)
	}
	<-g.Done()
	res, err := f.store.GameResults(bg, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	kicked := 0
	for _, p := range res.Players {
		if p.Kicked {
			kicked++
			if p.Rank != 0 {
				t.Fatalf("kicked player ranked: %+v", p)
			}
		}
	}
	if kicked != 2 || res.Players[0].Nickname != "Ann" || res.Players[0].Rank != 1 {
		t.Fatalf("results %+v", res.Players)
	}
}

func TestTeamsMode(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(1), game.Teams)
	if err != nil {
		t.Fatal(err)
	}
	_, err = join(t, g, game.JoinRequest{Nickname: "NoTeam"})
	wantCode(t, err, "pick_team")
	_, err = join(t, g, game.JoinRequest{Nickname: "NoTeam", Team: "dragon"})
	wantCode(t, err, "pick_team")
	a, _ := join(t, g, game.JoinRequest{Nickname: "A", Team: "owl"})
	b, _ := join(t, g, game.JoinRequest{Nickname: "B", Team: "owl"})
	c, _ := join(t, g, game.JoinRequest{Nickname: "C", Team: "otter"})
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	for _, p := range []joined{a, c} {
		if err := g.Answer(bg, p.player, 0, 1); err != nil {
			t.Fatal(err)
		}
	}
	if err := g.Answer(bg, b.player, 0, 0); err != nil {
		t.Fatal(err)
	}
	teams := f.out.lastAll("reveal")["teams"].([]any)
	first, second := teams[0].(map[string]any), teams[1].(map[string]any)
	// otter: one member with 150; owl: mean of 150 and 0.
	if first["team"] != "otter" || first["score"].(float64) != 150 || second["team"] != "owl" ||
		second["score"].(float64) != 75 || second["members"].(float64) != 2 {
		t.Fatalf("teams %v", teams)
	}
}

func TestStopSavesAndTellsPlayers(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(3), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	p := mustJoin(t, g, "Ann")
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	if err := g.Answer(bg, p.player, 0, 1); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(bg, 5*time.Second)
	defer cancel()
	f.mgr.Shutdown(ctx)
	if e := f.out.lastAll("ended"); e == nil || e["stopped"] != true {
		t.Fatalf("ended %v", e)
	}
	res, err := f.store.GameResults(bg, g.ID)
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != "stopped" || res.Players[0].Score != 150 {
		t.Fatalf("results %+v %+v", res.Summary, res.Players)
	}
	if _, err := f.mgr.Create(bg, host, testSet(1), game.Individual); err == nil {
		t.Fatal("a game was created while stopping")
	}
}

func TestPINsAndGameCaps(t *testing.T) {
	f := newFixture(t, game.Options{MaxGamesPerHost: 2, MaxGames: 3, MaxPlayers: 2})
	g1, err := f.mgr.Create(bg, 1, testSet(1), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	g2, err := f.mgr.Create(bg, 1, testSet(1), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.mgr.Create(bg, 1, testSet(1), game.Individual)
	wantCode(t, err, "too_many_games")
	if _, err := f.mgr.Create(bg, 2, testSet(1), game.Individual); err != nil {
		t.Fatal(err)
	}
	_, err = f.mgr.Create(bg, 3, testSet(1), game.Individual)
	wantCode(t, err, "box_busy")
	if g1.PIN == g2.PIN {
		t.Fatal("two live games share a PIN")
	}
	mustJoin(t, g1, "One")
	mustJoin(t, g1, "Two")
	_, err = join(t, g1, game.JoinRequest{Nickname: "Three"})
	wantCode(t, err, "game_full")
	if _, err := f.mgr.Create(bg, 1, game.Set{Title: "x"}, game.Individual); err == nil {
		t.Fatal("an empty set was accepted")
	}
	if _, err := f.mgr.Create(bg, 1, testSet(1), "solo"); err == nil {
		t.Fatal("a bad mode was accepted")
	}
}

func TestLifetimeEndsAForgottenGame(t *testing.T) {
	f := newFixture(t, game.Options{MaxDuration: time.Hour})
	g, err := f.mgr.Create(bg, host, testSet(1), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	f.clock.Advance(time.Hour)
	select {
	case <-g.Done():
	case <-time.After(5 * time.Second):
		t.Fatal("the game outlived its maximum duration")
	}
}

// A kicked nickname player cannot come back under another nickname from
// the same browser (its device cookie); other browsers still join.
func TestKickedBrowserCannotRejoinUnderAnotherNickname(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(2), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	const rudeBrowser, otherBrowser = "0123456789abcdef0123456789abcdef", "fedcba9876543210fedcba9876543210"
	bad, err := join(t, g, game.JoinRequest{Nickname: "Rude", Device: rudeBrowser})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Kick(bg, host, bad.player); err != nil {
		t.Fatal(err)
	}
	_, err = join(t, g, game.JoinRequest{Nickname: "Polite", Device: rudeBrowser})
	wantCode(t, err, "kicked")
	// A signed-in pupil on that (shared) browser is known by its session.
	if _, err := join(t, g, game.JoinRequest{Nickname: "Maya R.", StudentID: 7, Device: rudeBrowser}); err != nil {
		t.Fatalf("a signed-in pupil on the kicked player's browser: %v", err)
	}
	if _, err := join(t, g, game.JoinRequest{Nickname: "Polite", Device: otherBrowser}); err != nil {
		t.Fatalf("another browser: %v", err)
	}
	// Without a device cookie it could be the kicked player who dropped
	// it: after a kick, nickname players need a browser cookie.
	_, err = join(t, g, game.JoinRequest{Nickname: "Nocookie"})
	wantCode(t, err, "browser_needed")
}

// A kicked nickname player without a browser cookie could come back
// under any name without one: once such a player is kicked, the game
// takes nickname players with a browser cookie only. Students and other
// browsers still join.
func TestKickedCookielessPlayerCannotComeBack(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(2), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := join(t, g, game.JoinRequest{Nickname: "Before"}); err != nil {
		t.Fatalf("a cookie-less player before any kick: %v", err)
	}
	bad, err := join(t, g, game.JoinRequest{Nickname: "Rude"})
	if err != nil {
		t.Fatal(err)
	}
	if err := g.Kick(bg, host, bad.player); err != nil {
		t.Fatal(err)
	}
	for _, nick := range []string{"Rude", "Polite"} {
		_, err = join(t, g, game.JoinRequest{Nickname: nick})
		wantCode(t, err, "browser_needed")
	}
	if _, err := join(t, g, game.JoinRequest{Nickname: "Polite", Device: "fedcba9876543210fedcba9876543210"}); err != nil {
		t.Fatalf("a browser with a cookie: %v", err)
	}
	if _, err := join(t, g, game.JoinRequest{Nickname: "Maya R.", StudentID: 7}); err != nil {
		t.Fatalf("a student: %v", err)
	}
}

// When the final results cannot be written (a full disk), the host's
// final screen says so: nothing else would show that they are lost.
func TestHostToldWhenTheResultsAreNotSaved(t *testing.T) {
	f := newFixture(t, game.Options{})
	g, err := f.mgr.Create(bg, host, testSet(2), game.Individual)
	if err != nil {
		t.Fatal(err)
	}
	mustJoin(t, g, "Ann")
	if err := g.Start(bg, host); err != nil {
		t.Fatal(err)
	}
	// The game's row goes behind its back, so saving the end fails.
	if _, err := f.store.Writer.Exec(`DELETE FROM games WHERE id = ?`, g.ID); err != nil {
		t.Fatal(err)
	}
	if err := g.End(bg, host); err != nil {
		t.Fatal(err)
	}
	<-g.Done()
	f.out.mu.Lock()
	ranking := last(f.out.host, "ranking")
	f.out.mu.Unlock()
	if notSaved, _ := ranking["notSaved"].(string); ranking == nil || !strings.Contains(notSaved, "could not be saved") {
		t.Fatalf("the host's ranking after a failed save: %v", ranking)
	}
}
