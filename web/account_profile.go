package web

import (
	"net/http"

	"github.com/gofiber/fiber/v2"
)

// accountGet is the signed-in account (same as /auth/me).
func (s *Server) accountGet(c *fiber.Ctx) error {
	return c.JSON(accountView{currentAccount(c)})
}

type profileRequest struct {
	DisplayName string `json:"displayName"`
	School      string `json:"school"`
}

// accountUpdate changes the display name and school.
func (s *Server) accountUpdate(c *fiber.Ctx) error {
	var req profileRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	acct, err := s.accounts.UpdateProfile(c.UserContext(), currentAccount(c), req.DisplayName, req.School, s.client(c))
	if err != nil {
		return accountsError(c, err)
	}
	return c.JSON(accountView{&acct})
}

type passwordRequest struct {
	CurrentPassword string `json:"currentPassword"`
	NewPassword     string `json:"newPassword"`
}

// accountPassword changes the password: every session of the account
// ends (other browsers are signed out) and this browser gets a new one.
func (s *Server) accountPassword(c *fiber.Ctx) error {
	var req passwordRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	tok, err := s.accounts.ChangePassword(c.UserContext(), currentAccount(c), req.CurrentPassword, req.NewPassword, s.client(c))
	if err != nil {
		return accountsError(c, err)
	}
	s.setSessionCookie(c, tok, false)
	return c.JSON(fiber.Map{"ok": true, "message": "Password changed. Every other browser has been logged out."})
}

// accountSessions lists where the account is signed in.
func (s *Server) accountSessions(c *fiber.Ctx) error {
	list, err := s.accounts.Sessions(c.UserContext(), currentAccount(c), currentSession(c).Key)
	if err != nil {
		return err
	}
	return c.JSON(fiber.Map{"sessions": list})
}

// accountLogoutEverywhere ends every session of the account, this one too.
func (s *Server) accountLogoutEverywhere(c *fiber.Ctx) error {
	if _, err := s.accounts.LogoutEverywhere(c.UserContext(), currentAccount(c), s.actor(c)); err != nil {
		return err
	}
	s.clearSessionCookie(c, false)
	return c.SendStatus(http.StatusNoContent)
}
