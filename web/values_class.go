package web

import (
	"errors"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/values"
)

// classValues is GET /classes/:classID/values: the clusters, the class's
// current vote with who has voted (never what), and the latest results.
func (s *Server) classValues(c *fiber.Ctx) error {
	id := classID(c)
	v, err := s.deps.Values.Class(c.UserContext(), id)
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"clusters": values.Clusters(), "session": v.Session, "voters": v.Voters, "students": v.Members, "results": v.Results, "now": v.Now})
}

var valueOps = map[string]values.Op{"open": values.OpOpen, "extend": values.OpExtend, "close": values.OpClose,
	"finalize": values.OpFinalize, "reset": values.OpReset}

// classValuesChange is POST /classes/:classID/values/{open,extend,close,
// finalize,reset}: the teacher's controls of the class's vote. Every
// screen of the class hears about the change over the class socket.
func (s *Server) classValuesChange(c *fiber.Ctx) error {
	id := classID(c)
	op, ok := valueOps[c.Params("op")]
	if !ok {
		return errNotFound()
	}
	if len(c.Body()) > 0 {
		return Err(http.StatusBadRequest, "unexpected_body", "This action takes no data. Send it without a body.")
	}
	sess, err := s.deps.Values.Change(c.UserContext(), id, op)
	if errors.Is(err, values.ErrNotOpen) {
		return Err(http.StatusConflict, "vote_closed", "The vote is closed already. Extend it to open it again, or finalize it.")
	}
	if err != nil {
		return loungeError(err)
	}
	return c.JSON(fiber.Map{"session": sess})
}
