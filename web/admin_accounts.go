package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// adminAccounts lists every teacher and admin.
func (s *Server) adminAccounts(c *fiber.Ctx) error {
	list, err := s.accounts.Accounts(c.UserContext())
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"accounts": list, "signupMode": s.accounts.SignupMode()})
}

type createAccountRequest struct {
	Email       string `json:"email"`
	DisplayName string `json:"displayName"`
	School      string `json:"school"`
	Role        string `json:"role"`
}

// adminCreateAccount makes an account without a password and returns the
// one-time link (valid 7 days) its owner uses to choose one.
func (s *Server) adminCreateAccount(c *fiber.Ctx) error {
	var req createAccountRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	if req.Role == "" {
		req.Role = accounts.RoleTeacher
	}
	acct, link, err := s.accounts.CreateAccount(c.UserContext(), s.actor(c), req.Email, req.DisplayName, req.School, req.Role, "")
	if err != nil {
		return accountsError(c, err)
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"account": acct, "link": link})
}

// adminSetDisabled switches an account off (its sessions end at once) or on.
func (s *Server) adminSetDisabled(disabled bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c, "id")
		if err != nil {
			return err
		}
		acct, err := s.accounts.SetDisabled(c.UserContext(), s.actor(c), id, disabled)
		if err != nil {
			return accountsError(c, err)
		}
		return c.JSON(accountView{&acct})
	}
}

type roleRequest struct {
	Role string `json:"role"`
}

// adminSetRole promotes a teacher to admin or demotes an admin.
func (s *Server) adminSetRole(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req roleRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	acct, err := s.accounts.SetRole(c.UserContext(), s.actor(c), id, req.Role)
	if err != nil {
		return accountsError(c, err)
	}
	return c.JSON(accountView{&acct})
}

// adminResetLink makes a one-time link (valid 24 hours) to choose a new password.
func (s *Server) adminResetLink(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	link, err := s.accounts.CreateResetLink(c.UserContext(), s.actor(c), id)
	if err != nil {
		return accountsError(c, err)
	}
	return c.Status(http.StatusCreated).JSON(fiber.Map{"link": link})
}

// adminHoldings counts what deleting the account would affect.
func (s *Server) adminHoldings(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	h, err := s.accounts.Holdings(c.UserContext(), id)
	if err != nil {
		return accountsError(c, err)
	}
	return c.JSON(h)
}

type deleteAccountRequest struct {
	// Confirm must be the account's email, typed by the admin.
	Confirm string `json:"confirm"`
	// HeirID takes over the classes; 0 deletes them with their students' data.
	HeirID int64 `json:"heirId"`
}

// adminDeleteAccount deletes an account after a typed confirmation.
func (s *Server) adminDeleteAccount(c *fiber.Ctx) error {
	id, err := pathID(c, "id")
	if err != nil {
		return err
	}
	var req deleteAccountRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	target, err := s.accounts.Account(c.UserContext(), id)
	if err != nil {
		return accountsError(c, err)
	}
	if req.Confirm != target.Email {
		e := Err(http.StatusBadRequest, "invalid", "Type the account's email exactly to confirm.")
		e.Fields = map[string]string{"confirm": e.Message}
		return e
	}
	if req.HeirID < 0 {
		return accountsError(c, accounts.ErrBadHeir)
	}
	if err := s.accounts.DeleteAccount(c.UserContext(), s.actor(c), id, req.HeirID); err != nil {
		return accountsError(c, err)
	}
	return c.SendStatus(http.StatusNoContent)
}
