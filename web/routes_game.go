package web

import "github.com/gofiber/fiber/v2"

// routesGame is the live game surface of a teacher: question sets (0 is
// the bundled set), games and their results. loadSet and loadGame resolve
// and authorise the set or game of the path once (see access.go). Players have no account:
// the only route they call is a game's pictures (the game itself runs on
// the socket, see routesSockets).
func (s *Server) routesGame(api fiber.Router) {
	if s.games == nil || s.library == nil {
		return
	}
	if s.qimages != nil && s.uploads != nil {
		// Before the games' sign-in check.
		api.Get("/games/:gameID/pictures/:name", s.gamePicture)
	}

	sets := api.Group("/question-sets", s.requireAccount)
	sets.Get("/", s.questionSetList)
	sets.Post("/", s.questionSetCreate)
	set := sets.Group("/:setID", s.loadSet)
	set.Get("", s.questionSetGet)
	set.Put("", s.questionSetUpdate)
	set.Delete("", s.questionSetDelete)
	set.Post("/duplicate", s.questionSetDuplicate)

	games := api.Group("/games", s.requireAccount)
	games.Get("/", s.gameList)
	games.Post("/", s.gameCreate)
	g := games.Group("/:gameID", s.loadGame)
	g.Get("", s.gameGet)
	g.Delete("", s.gameDelete)
	g.Get("/results", s.gameResults)
	g.Get("/results.csv", s.gameResultsCSV)
	g.Get("/qr.svg", s.gameQR)
	g.Post("/award", s.gameAward)
	g.Get("/players/:playerID/avatar.svg", s.gamePlayerAvatar)
}
