package game

import (
	"animalgenius/app/jsontime"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"time"
)

// saveTimeout bounds a database write from the game's goroutine.
const saveTimeout = 10 * time.Second

// hostCmd runs f for the host and returns its refusal, if any.
func (g *Game) hostCmd(ctx context.Context, hostID int64, f func() error) error {
	if hostID != g.HostID {
		return ErrNotHost
	}
	var err error
	if runErr := g.do(ctx, func() { err = f() }); runErr != nil {
		return runErr
	}
	return err
}

// Start asks the first question.
func (g *Game) Start(ctx context.Context, hostID int64) error {
	return g.hostCmd(ctx, hostID, func() error {
		if g.phase != PhaseLobby {
			return ErrNotNow
		}
		if g.activeCount() == 0 {
			return ErrNoPlayers
		}
		g.openQuestion(0)
		return nil
	})
}

// Skip closes the open question before its time is up.
func (g *Game) Skip(ctx context.Context, hostID int64) error {
	return g.hostCmd(ctx, hostID, func() error {
		if g.phase != PhaseQuestion {
			return ErrNotNow
		}
		g.closeQuestion()
		return nil
	})
}

// Next asks the next question, or ends the game after the last one.
func (g *Game) Next(ctx context.Context, hostID int64) error {
	return g.hostCmd(ctx, hostID, func() error {
		if g.phase != PhaseReveal {
			return ErrNotNow
		}
		if g.index+1 >= len(g.questions) {
			g.finish("ended")
			return nil
		}
		g.openQuestion(g.index + 1)
		return nil
	})
}

// End ends the game now (closing an open question first).
func (g *Game) End(ctx context.Context, hostID int64) error {
	return g.hostCmd(ctx, hostID, func() error {
		g.finish("ended")
		return nil
	})
}

// Stop ends the game because the server is stopping.
func (g *Game) Stop(ctx context.Context) error {
	return g.do(ctx, func() {
		if !g.finished {
			g.finish("stopped")
		}
	})
}

// Lock closes (or opens) the game to new players.
func (g *Game) Lock(ctx context.Context, hostID int64, locked bool) error {
	return g.hostCmd(ctx, hostID, func() error {
		g.locked = locked
		g.out.ToHost(g.ID, MsgState{Type: "state", Phase: g.phase, Locked: g.locked})
		return nil
	})
}

// Kick removes a player for good: their token, their name, their browser
// (its device cookie) and (for a student) their student id cannot come
// back into this game.
func (g *Game) Kick(ctx context.Context, hostID int64, playerID int) error {
	return g.hostCmd(ctx, hostID, func() error {
		if playerID < 1 || playerID > len(g.players) || g.players[playerID-1].kicked {
			return ErrNoPlayer
		}
		p := g.players[playerID-1]
		if p.device != "" {
			g.kickedDevices[p.device] = true
		}
		if p.studentID == 0 {
			// A browser without a cookie (or with a new one) could be the
			// kicked player again: nickname players need a known browser.
			g.kickedAnonymous = true
		}
		g.kick(p)
		return nil
	})
}

// ForgetStudent takes a removed pupil out of a live game: its seat is
// ended like a kick and its name replaced, so no screen shows the child
// any more (what the store saves of the game is anonymous already).
func (g *Game) ForgetStudent(ctx context.Context, studentID int64) error {
	return g.do(ctx, func() {
		p := g.byStudent[studentID]
		if p == nil {
			return
		}
		delete(g.byNick, foldNick(p.nickname))
		p.nickname = fmt.Sprintf("(removed #%d)", p.id)
		g.byNick[foldNick(p.nickname)] = p
		p.dirty = true
		if p.kicked {
			g.markHost(true, false)
		} else {
			g.kick(p)
		}
	})
}

// kick ends p's seat: it leaves the answers of the question being asked
// and the ranking, and its socket is told.
func (g *Game) kick(p *player) {
	if p.online {
		g.online--
	}
	p.kicked, p.online, p.dirty = true, false, true
	if g.phase == PhaseQuestion && p.answerIdx == g.index {
		g.counts[p.option]--
		g.answered--
		p.answerIdx = -1
		g.roundAnswers = slices.DeleteFunc(g.roundAnswers, func(a AnswerRecord) bool { return a.PlayerNo == p.id })
	}
	g.out.DropPlayer(g.ID, p.id, ErrKicked)
	g.markHost(true, g.phase == PhaseQuestion)
	if g.phase == PhaseQuestion {
		g.closeIfAllAnswered()
	}
}

// Answer records a player's answer to question index. at is taken when the
// answer arrives, before it waits for the game's goroutine.
func (g *Game) Answer(ctx context.Context, playerID, index, option int) error {
	at := g.clock.Now()
	var err error
	runErr := g.do(ctx, func() { err = g.answer(playerID, index, option, at) })
	if runErr != nil {
		return runErr
	}
	return err
}

func (g *Game) answer(playerID, index, option int, at time.Time) error {
	if playerID < 1 || playerID > len(g.players) {
		return ErrNoPlayer
	}
	p := g.players[playerID-1]
	switch {
	case p.kicked:
		return ErrKicked
	case g.phase == PhaseEnded:
		return ErrGameOver
	case index != g.index || g.phase == PhaseLobby:
		return ErrWrongQuestion
	case p.answerIdx == index:
		return ErrAlreadyAnswered
	case g.phase != PhaseQuestion || at.After(g.deadline):
		return ErrTooLate
	}
	q := g.questions[index]
	if option < 0 || option >= len(q.Options) {
		return ErrBadOption
	}
	limit := time.Duration(q.Seconds) * time.Second
	left := min(max(g.deadline.Sub(at), 0), limit)
	p.answerIdx, p.option, p.isRight, p.points = index, option, option == q.Correct, 0
	if p.isRight {
		p.points = Points(left, limit)
	}
	elapsed := (limit - left).Milliseconds()
	p.elapsed += elapsed
	g.counts[option]++
	g.answered++
	g.roundAnswers = append(g.roundAnswers, AnswerRecord{PlayerNo: p.id, Question: index, Option: option,
		Correct: p.isRight, Points: p.points, ElapsedMs: elapsed, AnsweredAt: jsontime.Of(at)})
	g.out.ToPlayer(g.ID, p.id, MsgAnswerLocked{Type: "answer_locked", Index: index, Option: option})
	g.markHost(false, true)
	g.closeIfAllAnswered()
	return nil
}

// Points is the score of a correct answer: 100 + floor(50 * left / limit).
func Points(left, limit time.Duration) int {
	if limit <= 0 {
		return 100
	}
	left = min(max(left, 0), limit)
	return 100 + int(50*left.Milliseconds()/limit.Milliseconds())
}

// closeIfAllAnswered closes the question early once every connected player
// has answered.
func (g *Game) closeIfAllAnswered() {
	if g.answered < g.online {
		return // cheap: someone online has surely not answered yet
	}
	online := 0
	for _, p := range g.players {
		if p.kicked || !p.online {
			continue
		}
		online++
		if p.answerIdx != g.index {
			return
		}
	}
	if online > 0 {
		g.closeQuestion()
	}
}

func (g *Game) questionMsg() *MsgQuestion {
	q := g.questions[g.index]
	remaining := max(g.deadline.Sub(g.clock.Now()), 0)
	return &MsgQuestion{Type: "question", Index: g.index, Count: len(g.questions), Text: q.Text,
		Options: slices.Clone(q.Options), Seconds: q.Seconds, RemainingMs: remaining.Milliseconds(), ImageURL: PictureURL(g.ID, q.ImageFile)}
}

func (g *Game) openQuestion(i int) {
	q := g.questions[i]
	g.phase, g.index = PhaseQuestion, i
	limit := time.Duration(q.Seconds) * time.Second
	g.deadline = g.clock.Now().Add(limit)
	g.counts = make([]int, len(q.Options))
	g.answered = 0
	g.roundAnswers = g.roundAnswers[:0]
	g.stopTimer = g.after(limit, timerEvent{kind: timerDeadline, index: i})
	g.out.ToAll(g.ID, g.questionMsg())
}

// closeQuestion scores the open question, tells everyone, and saves it.
func (g *Game) closeQuestion() {
	if g.stopTimer != nil {
		g.stopTimer()
		g.stopTimer = nil
	}
	g.phase = PhaseReveal
	q := g.questions[g.index]
	for _, p := range g.players {
		if p.answerIdx == g.index && !p.kicked {
			p.score += p.points
			if p.isRight {
				p.correct++
			}
			// A wrong answer changes no column of the player's row (its
			// answer row is saved either way).
			p.dirty = p.dirty || p.isRight || p.points != 0
		}
	}
	ranking := g.ranking()
	rankOf := make(map[int]int, len(ranking))
	for _, r := range ranking {
		rankOf[r.ID] = r.Rank
	}
	reveal := &MsgReveal{Type: "reveal", Index: g.index, Count: len(g.questions), Correct: q.Correct,
		Counts: slices.Clone(g.counts), Answered: g.answered, Top: ranking[:min(5, len(ranking))],
		Teams: g.teamScores(), Last: g.index+1 >= len(g.questions)}
	g.lastReveal = reveal
	you := make([]MsgYou, 0, len(ranking))
	for _, p := range g.players {
		if p.kicked {
			continue
		}
		y := MsgYou{Player: p.id, Score: p.score, Rank: rankOf[p.id], Players: len(ranking)}
		if p.answerIdx == g.index {
			y.Answered, y.Correct, y.Points = true, p.isRight, p.points
		}
		you = append(you, y)
	}
	g.out.Reveal(g.ID, reveal, you)
	g.progDirty = false
	g.saveRound()
}

func (g *Game) saveRound() {
	if g.saver == nil {
		g.saver = g.startSaver()
	}
	if g.saver.failed.Swap(false) {
		for _, p := range g.players {
			p.dirty = true
		}
	}
	r := Round{GameID: g.ID, Question: g.index, ClosedAt: g.clock.Now(), Answers: slices.Clone(g.roundAnswers)}
	for _, p := range g.players {
		if p.dirty {
			r.Players = append(r.Players, g.record(p, 0))
			p.dirty = false
		}
	}
	g.saver.rounds <- r
}

func (g *Game) record(p *player, rank int) PlayerRecord {
	return PlayerRecord{No: p.id, Nickname: p.nickname, StudentID: p.studentID, Team: p.team, Score: p.score,
		Correct: p.correct, Rank: rank, Kicked: p.kicked, JoinedAt: p.joinedAt}
}

// ranking orders the players still in the game: higher score first, then
// the faster total answer time, then who joined first. Equal scores share
// a rank (1, 2, 2, 4).
func (g *Game) ranking() []Ranked {
	ps := make([]*player, 0, len(g.players))
	for _, p := range g.players {
		if !p.kicked {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b *player) int {
		if a.score != b.score {
			return b.score - a.score
		}
		if a.elapsed != b.elapsed {
			if a.elapsed < b.elapsed {
				return -1
			}
			return 1
		}
		return a.id - b.id
	})
	out := make([]Ranked, len(ps))
	for i, p := range ps {
		rank := i + 1
		if i > 0 && ps[i-1].score == p.score {
			rank = out[i-1].Rank
		}
		out[i] = Ranked{Rank: rank, ID: p.id, Nickname: p.nickname, Team: p.team, Score: p.score, Correct: p.correct, Student: p.studentID > 0}
	}
	return out
}

// rankOf is one player's rank without sorting everyone.
func (g *Game) rankOf(p *player) int {
	if p.kicked {
		return 0
	}
	rank := 1
	for _, o := range g.players {
		if !o.kicked && o.score > p.score {
			rank++
		}
	}
	return rank
}

// teamScores ranks the teams by the mean score of their members.
func (g *Game) teamScores() []TeamScore {
	if g.Mode != Teams {
		return nil
	}
	sum := map[string]int{}
	members := map[string]int{}
	for _, p := range g.players {
		if !p.kicked && p.team != "" {
			sum[p.team] += p.score
			members[p.team]++
		}
	}
	out := make([]TeamScore, 0, len(members))
	for _, team := range Animals {
		if n := members[team]; n > 0 {
			out = append(out, TeamScore{Team: team, Score: sum[team] / n, Members: n})
		}
	}
	slices.SortStableFunc(out, func(a, b TeamScore) int { return b.Score - a.Score })
	for i := range out {
		out[i].Rank = i + 1
		if i > 0 && out[i-1].Score == out[i].Score {
			out[i].Rank = out[i-1].Rank
		}
	}
	return out
}

// Podium is the top three places of a ranking, best first, among the
// players who scored: a player with 0 points is never a winner (with
// nobody scoring, the podium is empty).
func Podium(ranking []Ranked) []Ranked {
	out := make([]Ranked, 0, 3)
	for _, r := range ranking {
		if len(out) == 3 || r.Score <= 0 {
			break
		}
		out = append(out, r)
	}
	return out
}

// finish ends the game: the open question is closed and saved, everyone
// gets the podium, each player their place, the host the full ranking.
func (g *Game) finish(status string) {
	if g.phase == PhaseQuestion {
		g.closeQuestion()
	}
	if g.stopLife != nil {
		g.stopLife()
	}
	g.phase = PhaseEnded
	ranking := g.ranking()
	final := Final{GameID: g.ID, Status: status, EndedAt: g.clock.Now()}
	rankOf := make(map[int]int, len(ranking))
	for _, r := range ranking {
		rankOf[r.ID] = r.Rank
	}
	for _, p := range g.players {
		final.Players = append(final.Players, g.record(p, rankOf[p.id]))
	}
	g.drainSaver()
	ctx, cancel := context.WithTimeout(context.Background(), saveTimeout)
	notSaved := ""
	if err := g.store.FinishGame(ctx, final); err != nil {
		g.log.Error("game: unable to save the final results", slog.Int64("game", g.ID), slog.Any("error", err))
		notSaved = "The results of this game could not be saved on the school server (its disk may be full), so they will not be in the game's results or pay coins. Note the winners now and tell your IT team."
	}
	cancel()
	g.out.ToAll(g.ID, MsgEnded{Type: "ended", GameID: g.ID, Podium: Podium(ranking),
		Teams: g.teamScores(), Players: len(ranking), Stopped: status == "stopped"})
	for _, p := range g.players {
		if !p.kicked {
			g.out.ToPlayer(g.ID, p.id, MsgFinal{Type: "final", Rank: rankOf[p.id], Score: p.score, Correct: p.correct, Players: len(ranking)})
		}
	}
	g.out.ToHost(g.ID, MsgRanking{Type: "ranking", Players: ranking, NotSaved: notSaved})
	g.out.Over(g.ID)
	g.finished = true
}
