package web

import "github.com/gofiber/fiber/v2"

// routesSockets is the socket surface: one endpoint, /ws, for live games
// (players and hosts) and the live board. What a socket may follow is
// decided per topic kind: "class:<id>" for the class's teacher or an admin.
func (s *Server) routesSockets(a *fiber.App) {
	if s.hub == nil {
		return
	}
	if s.deps.Insight != nil && s.deps.Classes != nil {
		s.AllowTopic("class", s.boardTopicCheck)
	}
	a.Get("/ws", s.hub.Endpoint(s.socketSubject, socketHandler{s}))
}
