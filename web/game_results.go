package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"
	qrcode "github.com/skip2/go-qrcode"

	"animalgenius/app/game"
)

func (s *Server) gameResults(c *fiber.Ctx) error {
	sum := gameOf(c)
	res, err := s.library.Results(c.UserContext(), sum.HostID, sum.ID)
	if err != nil {
		return gameError(err)
	}
	return c.JSON(fiber.Map{"game": gameView{Summary: res.Summary, Live: s.games.Game(sum.ID) != nil},
		"questions": res.Questions, "players": res.Players, "canAward": s.deps.Rewards != nil && res.AwardedAt == nil})
}

// csvCell keeps a spreadsheet from running a cell as a formula.
func csvCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// gameResultsCSV is one line per player: place, name, team, score, right
// answers, then the answer and points of each question that was played
// (the header names each question by its text).
func (s *Server) gameResultsCSV(c *fiber.Ctx) error {
	sum := gameOf(c)
	res, err := s.library.Results(c.UserContext(), sum.HostID, sum.ID)
	if err != nil {
		return gameError(err)
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	head := []string{"rank", "nickname", "team", "score", "correct", "removed", "coins"}
	for i, q := range res.Questions {
		n := "q" + strconv.Itoa(i+1)
		head = append(head, csvCell(n+": "+q.Text), n+" points")
	}
	_ = w.Write(head)
	for _, p := range res.Players {
		row := []string{strconv.Itoa(p.Rank), csvCell(p.Nickname), p.Team, strconv.Itoa(p.Score), strconv.Itoa(p.Correct),
			strconv.FormatBool(p.Kicked), strconv.Itoa(p.Coins)}
		byQ := map[int]game.AnswerRecord{}
		for _, a := range p.Answers {
			byQ[a.Question] = a
		}
		for i, q := range res.Questions {
			a, ok := byQ[i]
			if !ok {
				row = append(row, "", "0")
				continue
			}
			row = append(row, csvCell(q.Options[a.Option]), strconv.Itoa(a.Points))
		}
		_ = w.Write(row)
	}
	w.Flush()
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="game-%d-results.csv"`, sum.ID))
	return c.Send(buf.Bytes())
}

// gameQR is the join link of a live game as an SVG QR code, for the lobby.
func (s *Server) gameQR(c *fiber.Ctx) error {
	sum := gameOf(c)
	if s.games.Game(sum.ID) == nil {
		return Err(http.StatusConflict, "game_over", "This game has ended, so there is nothing to join.")
	}
	q, err := qrcode.New(s.gameJoinURL(c, sum.PIN), qrcode.Medium)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "image/svg+xml")
	return c.SendString(qrSVG(q.Bitmap()))
}

// qrSVG draws a QR bitmap as one SVG path of unit squares.
func qrSVG(bits [][]bool) string {
	n := len(bits)
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x, on := range row {
			if on {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.String()
}

type awardBody struct {
	// Coins for the 1st, 2nd, 3rd... places (students only).
	Coins []int `json:"coins"`
}

// gameAward gives coins to the top students of an ended game, once.
func (s *Server) gameAward(c *fiber.Ctx) error {
	if s.deps.Rewards == nil {
		return errNotFound()
	}
	sum := gameOf(c)
	var body awardBody
	if err := readJSON(c, &body, smallJSON); err != nil {
		return err
	}
	res, err := s.library.Results(c.UserContext(), sum.HostID, sum.ID)
	if err != nil {
		return gameError(err)
	}
	awards, err := game.PodiumAwards(res, body.Coins)
	if err != nil {
		return gameError(err)
	}
	if err := s.deps.Rewards.AwardGameCoins(context.WithoutCancel(c.UserContext()), sum.ID, sum.HostID, awards); err != nil {
		return gameError(err)
	}
	for _, a := range awards {
		s.auditStudent(c, "coins.game_reward", 0, fmt.Sprintf("%d coins for place %d in game %d", a.Coins, a.Rank, sum.ID), a.StudentID)
	}
	return c.JSON(fiber.Map{"awards": awards})
}
