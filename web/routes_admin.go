package web

import "github.com/gofiber/fiber/v2"

// routesAdmin is the admin surface (requireAdmin: 401 without a session,
// 403 for a teacher): accounts, invites, the audit log, the box's health, the store catalog
// and its picture uploads, and the teachers' lesson feedback.
func (s *Server) routesAdmin(api fiber.Router) {
	ad := api.Group("/admin", s.requireAdmin)
	ad.Get("/accounts", s.adminAccounts)
	ad.Post("/accounts", s.adminCreateAccount)
	ad.Post("/accounts/:id/disable", s.adminSetDisabled(true))
	ad.Post("/accounts/:id/enable", s.adminSetDisabled(false))
	ad.Post("/accounts/:id/role", s.adminSetRole)
	ad.Post("/accounts/:id/reset-link", s.adminResetLink)
	ad.Get("/accounts/:id/holdings", s.adminHoldings)
	ad.Delete("/accounts/:id", s.adminDeleteAccount)
	ad.Get("/invites", s.adminInvites)
	ad.Post("/invites", s.adminCreateInvite)
	ad.Delete("/invites/:id", s.adminRevokeInvite)
	ad.Get("/audit", s.adminAudit)
	if s.deps.FirstHour != nil {
		ad.Get("/first-hour", s.adminFirstHour)
	}
	ad.Get("/box", s.adminBox)
	if s.deps.Privacy != nil {
		ad.Get("/export", s.adminExport)
	}

	if s.economy != nil {
		ad.Get("/catalog", s.adminCatalog)
		ad.Post("/catalog/items", s.adminItemCreate)
		ad.Put("/catalog/items/:id", s.adminItemUpdate)
		ad.Post("/catalog/species", s.adminSpeciesCreate)
		ad.Put("/catalog/species/:id", s.adminSpeciesUpdate)
		ad.Post("/uploads", s.adminUpload)
		ad.Get("/uploads/jobs/:id", s.adminUploadJob)
	}
	if s.lounge() {
		ad.Get("/lessons/feedback", s.adminLessonFeedback)
		ad.Get("/lessons/feedback.csv", s.adminLessonFeedbackCSV)
	}
}
