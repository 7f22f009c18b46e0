package web

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/values"
)

// studentValues is GET /student/values: the student's class vote (open or
// not, whether this student voted) and the class's values.
func (s *Server) studentValues(c *fiber.Ctx) error {
	v, err := s.deps.Values.Student(c.UserContext(), currentStudent(c))
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"clusters": values.Clusters(), "session": v.Session, "voted": v.Voted, "results": v.Results, "now": v.Now})
}

// voteBody is a ballot as the student's page sends it:
// {"sessionId":7,"ballot":{"treat":[{"value":"kindness","rank":1},...],...}}.
type voteBody struct {
	SessionID int64         `json:"sessionId"`
	Ballot    values.Ballot `json:"ballot"`
}

// studentValuesVote is POST /student/values/vote: the student's one
// ballot. A partial or wrong ballot is refused, saying what to fix, and
// changes nothing.
func (s *Server) studentValuesVote(c *fiber.Ctx) error {
	var in voteBody
	if err := readJSON(c, &in, smallJSON); err != nil {
		return err
	}
	if in.SessionID <= 0 {
		e := Err(http.StatusBadRequest, "invalid", "Say which vote this is for (sessionId). Reload the page and vote again.")
		e.Fields = map[string]string{"sessionId": e.Message}
		return e
	}
	cast, err := s.deps.Values.Vote(c.UserContext(), currentStudent(c), in.SessionID, in.Ballot)
	if errors.Is(err, values.ErrNoSession) {
		// None, or the teacher reset the vote this page showed.
		return Err(http.StatusConflict, "no_vote", "There is no vote right now: your teacher may have stopped it. Reload the page to see if a new one is open.")
	}
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"voted": true, "sessionId": cast.SessionID})
}
