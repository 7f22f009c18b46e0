package web

import (
	"animalgenius/app/devices"
	"net/http"
	"strings"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// redactPath hides the token of one-time link pages in request logs.
func redactPath(p string) string {
	for _, prefix := range []string{"/setup/", "/signup/", "/reset/"} {
		if strings.HasPrefix(p, prefix) && len(p) > len(prefix) {
			return prefix + "[token]"
		}
	}
	return p
}

type authStateView struct {
	SignupMode      string `json:"signupMode"`
	SchoolCode      bool   `json:"schoolCode"`
	NeedsSetup      bool   `json:"needsSetup"`
	SignedIn        bool   `json:"signedIn"`
	MinPasswordSize int    `json:"minPassword"`
}

// authState tells the sign-in and sign-up pages what this box allows.
func (s *Server) authState(c *fiber.Ctx) error {
	need, err := s.accounts.NeedsSetup(c.UserContext())
	if err != nil {
		return err
	}
	signedIn := false
	if c.Cookies(sessionCookie) != "" {
		_, aerr := s.authenticate(c, accounts.KindAccount)
		signedIn = aerr == nil
	}
	return c.JSON(authStateView{SignupMode: s.accounts.SignupMode(), SchoolCode: s.accounts.SchoolCodeEnabled(),
		NeedsSetup: need, SignedIn: signedIn, MinPasswordSize: accounts.MinPassword})
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

type accountView struct {
	Account *accounts.Account `json:"account"`
}

// authLogin checks email and password and sets the session cookie.
func (s *Server) authLogin(c *fiber.Ctx) error {
	var req loginRequest
	if err := readJSON(c, &req, smallJSON); err != nil {
		return err
	}
	acct, tok, err := s.accounts.Login(c.UserContext(), req.Email, req.Password, s.client(c))
	if err != nil {
		return accountsError(c, err)
	}
	s.setSessionCookie(c, tok, false)
	s.rememberDevice(c, devices.KindAccount, acct.ID)
	return c.JSON(accountView{&acct})
}

// authLogout ends this browser's session (if any) and clears the cookie.
func (s *Server) authLogout(c *fiber.Ctx) error {
	if tok := c.Cookies(sessionCookie); tok != "" {
		who := accounts.Actor{Label: "visitor", IP: s.clientAddr(c)}
		if sess, err := s.authenticate(c, accounts.KindAccount); err == nil {
			who = accounts.ActorFor(sess.Account, s.clientAddr(c))
		}
		if err := s.accounts.Logout(c.UserContext(), tok, who); err != nil {
			return err
		}
	}
	s.clearSessionCookie(c, false)
	return c.SendStatus(http.StatusNoContent)
}

// authMe is the signed-in account.
func (s *Server) authMe(c *fiber.Ctx) error {
	return c.JSON(accountView{currentAccount(c)})
}
