package web

import (
	"math"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// adminInvites lists invitations not yet used.
func (s *Server) adminInvites(c *fiber.Ctx) error {
	list, err := s.accounts.Invites(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"invites": list})
}

type inviteRequest struct {
	Email string `json:"email"`
	Note  string `json:"note"`
	Days  int    `json:"days"`
}

// adminCreateInvite makes a one-time sign-up link; the link is in this
// answer only.
func (s *Server) adminCreateInvite(c *fiber.Ctx) error {
	var req inviteRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	link, err := s.accounts.CreateInvite(c.UserContext(), s.actor(c), accounts.InviteInput{Email: req.Email, Note: req.Note, Days: req.Days})
	if err != nil {
		return accountsError(c, err)
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"link": link})
}

// adminRevokeInvite withdraws an unused invitation.
func (s *Server) adminRevokeInvite(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	if err := s.accounts.RevokeInvite(c.UserContext(), s.actor(c), id); err != nil {
		return accountsError(c, err)
	}
	return c.SendStatus(http.StatusNoContent)
}

// adminAudit pages through the audit log, newest first:
// ?before=<id>&limit=<1-200>; nextBefore is the cursor of the next page
// (0 when there is none).
func (s *Server) adminAudit(c *fiber.Ctx) error {
	before, err := queryInt(c, "before", 0, 0, math.MaxInt64, "before must be an entry number from the last page.")
	if err != nil {
		return err
	}
	limit64, err := queryInt(c, "limit", 50, 1, 200, "limit must be a number from 1 to 200.")
	if err != nil {
		return err
	}
	limit := int(limit64)
	// ?class= and ?student= keep the lines about one class or student.
	class, err := queryInt(c, "class", 0, 1, math.MaxInt64, "class must be the number of a class.")
	if err != nil {
		return err
	}
	student, err := queryInt(c, "student", 0, 1, math.MaxInt64, "student must be the number of a student.")
	if err != nil {
		return err
	}
	f := accounts.AuditFilter{BeforeID: before, Limit: limit + 1, ClassID: class, StudentID: student}
	entries, err := s.accounts.Audit(c.UserContext(), f)
	if err != nil {
		return err
	}
	next := int64(0)
	if len(entries) > limit {
		entries = entries[:limit]
		next = entries[limit-1].ID
	}
	return c.JSON(fiber.Map{"entries": entries, "nextBefore": next})
}
