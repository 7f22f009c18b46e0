package web

import "github.com/gofiber/fiber/v2"

// routesStudent is the student surface: the quiz and the join flow before
// a student has a session, passport logins, and the signed-in student's
// own page, retakes, coins, store, avatar and pet, the class values vote
// and achievements (requireStudent).
func (s *Server) routesStudent(api fiber.Router) {
	if s.deps.Classes != nil && s.deps.StudentService != nil {
		api.Get("/quiz", quizGet(s.deps.StudentService.Bank()))
		api.Get("/join/:code", s.joinGet)
		api.Post("/join/:code/check", s.joinCheck)
		api.Post("/join/:code/submit", s.joinSubmit)
		api.Post("/passport/login", s.passportLogin)
		api.Post("/passport/logout", s.passportLogout)
	}

	st := api.Group("/student", s.requireStudent)
	if s.deps.Classes != nil && s.deps.StudentService != nil {
		st.Get("/me", s.studentMe)
		st.Post("/quiz", s.studentRetake)
	}
	if s.economy != nil {
		st.Get("/economy", s.studentEconomy)
		st.Get("/ledger", s.studentLedger)
		st.Get("/store", s.studentStore)
		st.Post("/store/purchases", s.studentPurchase)
		st.Get("/inventory", s.studentInventory)
		st.Get("/avatar", s.studentAvatar)
		st.Put("/avatar", s.studentAvatarSave)
		st.Get("/avatar.svg", s.studentAvatarSVG)
		st.Get("/avatar/preview.svg", s.studentAvatarPreview)
		st.Get("/pet", s.studentPet)
		st.Post("/pet", s.studentPetBuy)
		st.Patch("/pet", s.studentPetRename)
		st.Post("/pet/care", s.studentPetCare)
	}
	if s.lounge() {
		st.Get("/values", s.studentValues)
		st.Post("/values/vote", s.studentValuesVote)
		st.Get("/achievements", s.studentAchievements)
		st.Post("/achievements/seen", s.studentAchievementsSeen)
	}
}
