package web

import "github.com/gofiber/fiber/v2"

// routesAuth is the public and sign-in surface: the version, the API
// description (web/openapi.json), signing in and out, sign-up and the
// one-time links (setup, invites, resets; their tokens travel in bodies),
// and the signed-in adult's own account.
func (s *Server) routesAuth(api fiber.Router) {
	api.Get("/version", s.version)
	api.Get("/openapi.json", s.openAPI)
	api.Get("/privacy", s.privacyGet)

	api.Get("/auth/state", s.authState)
	api.Post("/auth/login", s.authLogin)
	api.Post("/auth/logout", s.authLogout)
	api.Get("/auth/me", s.requireAccount, s.authMe)
	api.Post("/auth/link", s.authLinkCheck)
	api.Post("/auth/setup", s.authSetup)
	api.Post("/auth/signup", s.authSignup)
	api.Post("/auth/reset", s.authReset)

	me := api.Group("/account", s.requireAccount)
	me.Get("", s.accountGet)
	me.Patch("", s.accountUpdate)
	me.Post("/password", s.accountPassword)
	me.Get("/sessions", s.accountSessions)
	me.Post("/logout-everywhere", s.accountLogoutEverywhere)
}
