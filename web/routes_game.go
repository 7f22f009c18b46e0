package web

import "github.com/gofiber/fiber/v2"

// routesGame is the live game surface of a teacher: question sets (0 is
// the bundled set), games and their results. Players have no account:
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
	sets.Get("/:setID", s.questionSetGet)
	sets.Put("/:setID", s.questionSetUpdate)
	sets.Delete("/:setID", s.questionSetDelete)
	sets.Post("/:setID/duplicate", s.questionSetDuplicate)

	games := api.Group("/games", s.requireAccount)
	games.Get("/", s.gameList)
	games.Post("/", s.gameCreate)
	games.Get("/:gameID", s.gameGet)
	games.Delete("/:gameID", s.gameDelete)
	games.Get("/:gameID/results", s.gameResults)
	games.Get("/:gameID/results.csv", s.gameResultsCSV)
	games.Get("/:gameID/qr.svg", s.gameQR)
	games.Post("/:gameID/award", s.gameAward)
	games.Get("/:gameID/players/:playerID/avatar.svg", s.gamePlayerAvatar)
}
