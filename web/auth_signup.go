package web

import (
	"animalgenius/app/devices"
	"net/http"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// Tokens travel in bodies, not URLs, so they stay out of logs.
type linkRequest struct {
	Token string `json:"token"`
}

// authLinkCheck tells a page what a one-time link is for before it shows
// its form (404 link_invalid when it expired or was used).
func (s *Server) authLinkCheck(c *fiber.Ctx) error {
	var req linkRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	info, err := s.accounts.CheckLink(c.UserContext(), req.Token)
	if err != nil {
		return accountsError(c, err)
	}
	return c.JSON(info)
}

type signupRequest struct {
	Token       string `json:"token"`
	SchoolCode  string `json:"schoolCode"`
	Email       string `json:"email"`
	DisplayName string `json:"displayName"`
	School      string `json:"school"`
	Password    string `json:"password"`
}

func (r signupRequest) input() accounts.SignupInput {
	return accounts.SignupInput{Token: r.Token, SchoolCode: r.SchoolCode, Email: r.Email, DisplayName: r.DisplayName,
		School: r.School, Password: r.Password}
}

// authSetup creates the first admin through the first-run link.
func (s *Server) authSetup(c *fiber.Ctx) error {
	var req signupRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	if req.SchoolCode != "" {
		return Err(http.StatusBadRequest, "invalid", "The first admin needs no school code.")
	}
	acct, tok, err := s.accounts.Setup(c.UserContext(), req.input(), s.client(c))
	if err != nil {
		return accountsError(c, err)
	}
	s.setSessionCookie(c, tok, false)
	s.rememberDevice(c, devices.KindAccount, acct.ID)
	return c.Status(http.StatusCreated).JSON(accountView{&acct})
}

// authSignup creates a teacher account (invite link, school code or open
// sign-up, as auth.signup_mode allows) and signs it in.
func (s *Server) authSignup(c *fiber.Ctx) error {
	var req signupRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	acct, tok, err := s.accounts.Signup(c.UserContext(), req.input(), s.client(c))
	if err != nil {
		return accountsError(c, err)
	}
	s.setSessionCookie(c, tok, false)
	s.rememberDevice(c, devices.KindAccount, acct.ID)
	return c.Status(http.StatusCreated).JSON(accountView{&acct})
}

type resetRequest struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// authReset sets a new password through a one-time link and signs in.
func (s *Server) authReset(c *fiber.Ctx) error {
	var req resetRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	acct, tok, err := s.accounts.ResetPassword(c.UserContext(), req.Token, req.Password, s.client(c))
	if err != nil {
		return accountsError(c, err)
	}
	s.setSessionCookie(c, tok, false)
	s.rememberDevice(c, devices.KindAccount, acct.ID)
	return c.JSON(accountView{&acct})
}
