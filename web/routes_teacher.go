package web

import (
	"github.com/gofiber/fiber/v2"

	"animalgenius/app/lessons"
)

// routesTeacher is the teacher surface (requireAccount; an admin may see
// every class): classes and their students, the class economy, the
// insight pages and exports, the live board, the Learning Lounge (lessons,
// progress, feedback), the values vote, achievements, and question pictures.
// The class routes need the classes area (it decides who sees a class).
func (s *Server) routesTeacher(api fiber.Router) {
	// How pupils reach the box, for the pages that show links they open.
	api.Get("/reach", s.requireAccount, s.reachGet)
	if s.qimages != nil && s.uploads != nil {
		qi := api.Group("/question-images", s.requireAccount)
		qi.Post("/", s.questionImageCreate)
		qi.Get("/:id", s.questionImageStatus)
		qi.Get("/:id/image", s.questionImageFile)
		qi.Get("/:id/thumb", s.questionImageFile)
	}

	if s.deps.Classes == nil {
		return
	}
	if s.deps.StudentService != nil {
		api.Get("/classes", s.requireAccount, s.classList)
		api.Post("/classes", s.requireAccount, s.classCreate)
	}
	// loadClass resolves and authorises the class of the path once: its
	// teacher or an admin, else 404 not_found (see access.go).
	cl := api.Group("/classes/:classID", s.requireAccount, s.loadClass)
	if s.deps.StudentService != nil {
		cl.Get("", s.classGet)
		cl.Patch("", s.classUpdate)
		cl.Delete("", s.classDelete)
		cl.Post("/archive", s.classArchive)
		cl.Post("/unarchive", s.classUnarchive)
		cl.Post("/code", s.classCodeRotate)
		cl.Get("/qr.svg", s.classQRSVG)
		cl.Get("/qr.png", s.classQRPNG)
		cl.Post("/students/:studentID/passport", s.studentPassportRotate)
		cl.Delete("/students/:studentID", s.studentRemove)
		cl.Patch("/students/:studentID", s.studentRename)
		cl.Get("/students/:studentID/export", s.studentExport)
	}
	if s.deps.Classes != nil && s.library != nil {
		cl.Delete("/game-plays", s.classGamePlaysDelete)
	}
	if s.economy != nil {
		cl.Get("/economy", s.classEconomy)
		cl.Put("/store", s.classStoreToggle)
		cl.Post("/coins", s.classCoins)
		cl.Get("/students/:studentID/ledger", s.classStudentLedger)
		cl.Get("/students/:studentID/avatar.svg", s.classStudentAvatarSVG)
	}
	if s.deps.Insight != nil {
		cl.Get("/roster", s.insightRoster)
		cl.Get("/analytics", s.insightAnalytics)
		cl.Get("/pairings", s.insightPairings)
		cl.Post("/groups", s.insightMakeGroups)
		cl.Get("/groupings", s.insightListGroupings)
		cl.Post("/groupings", s.insightSaveGrouping)
		gr := cl.Group("/groupings/:groupingID", s.loadGrouping)
		gr.Get("", s.insightLoadGrouping)
		gr.Delete("", s.insightDeleteGrouping)
		cl.Get("/students/:studentID/profile", s.insightProfile)
		cl.Get("/export.csv", s.insightExportCSV)
		cl.Get("/export.json", s.insightExportJSON)
		cl.Get("/board", s.insightBoard)
		cl.Post("/board/fresh", s.insightBoardFresh)
		cl.Delete("/board/fresh", s.insightBoardFresh)
	}

	if s.lounge() {
		api.Get("/lessons", s.requireAccount, s.lessonList)
		api.Get("/lessons/progress", s.requireAccount, s.lessonProgressAll)
		api.Get("/lessons/feedback", s.requireAccount, s.lessonFeedbackMine)
		api.Get("/lessons/:lessonID", s.requireAccount, s.lessonGet)
		api.Put("/lessons/:lessonID/feedback", s.requireAccount, s.lessonFeedbackSave)
		cl.Get("/lessons", s.classLessons)
		cl.Post("/lessons/:lessonID/start", s.classLessonChange(lessons.ActionStart))
		cl.Post("/lessons/:lessonID/activities/:activity/done", s.classLessonChange(lessons.ActionDone))
		cl.Post("/lessons/:lessonID/complete", s.classLessonChange(lessons.ActionComplete))
		cl.Post("/lessons/:lessonID/reset", s.classLessonChange(lessons.ActionReset))
		cl.Get("/values", s.classValues)
		cl.Post("/values/:op", s.classValuesChange)
		cl.Get("/achievements", s.classAchievements)
		cl.Get("/students/:studentID/achievements", s.classStudentAchievements)
	}
}
