package web

import (
	"errors"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/accounts"
)

// Cookie names. Adults and students have separate cookies so a teacher
// trying the student side in the same browser stays signed in.
const (
	sessionCookie = "ag_session"
	studentCookie = "ag_student"
	localSession  = "ag.session"
)

func errLoginRequired() *APIError {
	return Err(http.StatusUnauthorized, "login_required", "Please log in first.")
}

func errStudentLoginRequired() *APIError {
	return Err(http.StatusUnauthorized, "student_login_required", "Please log in with your passport code first.")
}

func errAdminOnly() *APIError {
	return Err(http.StatusForbidden, "admin_only", "Only an admin can do this. Ask your school's Animal Genius admin.")
}

// requireAccount lets signed-in teachers and admins through; anyone else
// gets 401. The account is then available as currentAccount(c).
func (s *Server) requireAccount(c *fiber.Ctx) error {
	if _, err := s.authenticate(c, accounts.KindAccount); err != nil {
		return err
	}
	return c.Next()
}

// requireAdmin lets signed-in admins through: 401 without a session, 403
// for a teacher.
func (s *Server) requireAdmin(c *fiber.Ctx) error {
	sess, err := s.authenticate(c, accounts.KindAccount)
	if err != nil {
		return err
	}
	if !sess.Account.IsAdmin() {
		return errAdminOnly()
	}
	return c.Next()
}

// requireStudent lets a student with a live session through; the student
// is then currentStudent(c).
func (s *Server) requireStudent(c *fiber.Ctx) error {
	if _, err := s.authenticate(c, accounts.KindStudent); err != nil {
		return err
	}
	return c.Next()
}

// authenticate checks the session cookie of kind and stores the session in
// the request. A cookie that no longer works is cleared.
func (s *Server) authenticate(c *fiber.Ctx, kind string) (*accounts.Session, error) {
	name, missing := sessionCookie, errLoginRequired
	if kind == accounts.KindStudent {
		name, missing = studentCookie, errStudentLoginRequired
	}
	if sess, ok := c.Locals(localSession).(*accounts.Session); ok && sess.Kind == kind {
		return sess, nil
	}
	tok := c.Cookies(name)
	if tok == "" || s.accounts == nil {
		return nil, missing()
	}
	sess, err := s.accounts.Authenticate(c.UserContext(), tok, kind)
	if errors.Is(err, accounts.ErrNoSession) {
		s.clearSessionCookie(c, kind == accounts.KindStudent)
		return nil, missing()
	}
	if err != nil {
		return nil, err
	}
	c.Locals(localSession, &sess)
	return &sess, nil
}

// currentSession is the session checked by a require* middleware, or nil.
func currentSession(c *fiber.Ctx) *accounts.Session {
	sess, _ := c.Locals(localSession).(*accounts.Session)
	return sess
}

// currentAccount is the signed-in teacher or admin (after requireAccount
// or requireAdmin), or nil.
func currentAccount(c *fiber.Ctx) *accounts.Account {
	if sess := currentSession(c); sess != nil {
		return sess.Account
	}
	return nil
}

// currentStudent is the signed-in student's id (after requireStudent), or 0.
func currentStudent(c *fiber.Ctx) int64 {
	if sess := currentSession(c); sess != nil && sess.Kind == accounts.KindStudent {
		return sess.SubjectID
	}
	return 0
}

// setSessionCookie hands the browser a session token: HttpOnly,
// SameSite=Lax, Secure over TLS. An adult's cookie lasts as long as the
// session may (the server still ends it when idle); a student's ends when
// the browser closes, which suits shared classroom devices.
func (s *Server) setSessionCookie(c *fiber.Ctx, token string, student bool) {
	ck := &fiber.Cookie{Name: sessionCookie, Value: token, Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.proto(c) == "https"}
	if student {
		ck.Name = studentCookie
	} else {
		ck.MaxAge = int(s.cfg.Auth.SessionAbsolute.Duration / time.Second)
	}
	c.Cookie(ck)
}

// clearSessionCookie tells the browser to forget its session cookie.
func (s *Server) clearSessionCookie(c *fiber.Ctx, student bool) {
	name := sessionCookie
	if student {
		name = studentCookie
	}
	c.Cookie(&fiber.Cookie{Name: name, Value: "", Path: "/", HTTPOnly: true, SameSite: fiber.CookieSameSiteLaxMode,
		Secure: s.proto(c) == "https", MaxAge: -1, Expires: time.Unix(1, 0)})
}

// client describes the caller for sessions and the audit log.
func (s *Server) client(c *fiber.Ctx) accounts.Client {
	return accounts.Client{IP: s.clientAddr(c), UserAgent: string(c.Request().Header.UserAgent()), Device: s.device(c)}
}

// actor is the signed-in account (or a visitor) acting from the request's address.
func (s *Server) actor(c *fiber.Ctx) accounts.Actor {
	return accounts.ActorFor(currentAccount(c), s.clientAddr(c))
}
