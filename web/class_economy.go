package web

import (
	"errors"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/economy"
	"animalgenius/app/textrules"
)

// ownStudent returns the student of the path when it is in the owned class.
func (s *Server) ownStudent(c *fiber.Ctx) (int64, error) {
	id, err := pathID(c, "studentID")
	if err != nil {
		return 0, err
	}
	st, err := s.economy.Student(c.UserContext(), id)
	if errors.Is(err, economy.ErrNotFound) || (err == nil && st.ClassID != classID(c)) {
		return 0, errNotFound()
	}
	return id, err
}

// classEconomy is the teacher's economy page: store state, coins, totals.
func (s *Server) classEconomy(c *fiber.Ctx) error {
	id := classID(c)
	ce, err := s.economy.ClassEconomy(c.UserContext(), id)
	if err != nil {
		return err
	}
	return c.JSON(ce)
}

type storeToggleBody struct {
	Open *bool `json:"open"`
}

// classStoreToggle opens or closes the class store.
func (s *Server) classStoreToggle(c *fiber.Ctx) error {
	id := classID(c)
	var b storeToggleBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	if b.Open == nil {
		return errBadRequest("Say whether the store is open: {\"open\": true} or {\"open\": false}.")
	}
	if err := s.economy.SetStoreOpen(c.UserContext(), id, *b.Open); err != nil {
		return teacherEconomyError(err)
	}
	return c.JSON(fiber.Map{"storeOpen": *b.Open})
}

type coinsBody struct {
	StudentIDs []int64 `json:"studentIds"`
	All        bool    `json:"all"`
	Amount     int     `json:"amount"`
	Action     string  `json:"action"` // give or take
	Reason     string  `json:"reason"`
}

// classCoins gives or takes 1-1000 coins for some or all students of the
// class, all or nothing (Idempotency-Key required).
func (s *Server) classCoins(c *fiber.Ctx) error {
	id := classID(c)
	var b coinsBody
	if err := readJSON(c, &b, smallJSON); err != nil {
		return err
	}
	if b.Action != "give" && b.Action != "take" {
		return errBadRequest("Say whether to \"give\" or \"take\" coins (\"action\").")
	}
	if b.All && len(b.StudentIDs) > 0 {
		return errBadRequest("Choose some students or the whole class, not both.")
	}
	if len(b.StudentIDs) > 1000 {
		return errBadRequest("Choose at most 1000 students at once.")
	}
	acc := currentAccount(c)
	res, err := s.economy.Give(c.UserContext(), economy.Actor{Kind: "account", ID: acc.ID}, economy.GiveInput{
		ClassID: id, StudentIDs: b.StudentIDs, All: b.All, Amount: b.Amount, Take: b.Action == "take", Reason: b.Reason, Key: idempotencyKey(c),
	})
	if err != nil {
		return teacherEconomyError(err)
	}
	if !res.Replayed {
		verb := "given"
		if b.Action == "take" {
			verb = "taken"
		}
		// The reason stays in the ledger, which goes with the student: it
		// may name a child, so the audit line keeps only the amount.
		ids := make([]int64, len(res.Balances))
		for i, bal := range res.Balances {
			ids[i] = bal.StudentID
		}
		s.auditStudent(c, "coins."+b.Action, id, textrules.Count(b.Amount, "coin", "coins")+" "+verb, ids...)
	}
	return c.JSON(res)
}

// classStudentLedger is one student's coin history for its teacher.
func (s *Server) classStudentLedger(c *fiber.Ctx) error {
	id, err := s.ownStudent(c)
	if err != nil {
		return err
	}
	return s.ledgerPage(c, id)
}

// classStudentAvatarSVG is one student's avatar for its teacher (roster, game).
func (s *Server) classStudentAvatarSVG(c *fiber.Ctx) error {
	id, err := s.ownStudent(c)
	if err != nil {
		return err
	}
	return s.sendAvatar(c, id)
}
