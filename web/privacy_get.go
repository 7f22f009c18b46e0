package web

import (
	"github.com/gofiber/fiber/v2"
)

// privacyGet is what the privacy notice (/privacy) shows from this box's
// configuration: the school's contact and how long each kind of data is
// kept (0: kept until someone deletes it). Public: pupils read it before
// they join.
func (s *Server) privacyGet(c *fiber.Ctx) error {
	r := s.cfg.Retention
	return c.JSON(fiber.Map{
		"contact": s.cfg.Privacy.Contact,
		"retention": fiber.Map{
			"archivedClassDays": r.ArchivedClassDays, "archivedClassWarnDays": r.ArchivedClassWarnDays, "gameDays": r.GameDays,
			"auditDays": r.AuditDays, "auditAddressDays": r.AuditAddressDays, "uploadDays": r.UploadDays, "backupDays": r.BackupDays,
			"backupKeep": s.cfg.Backup.Keep, "idempotencyHours": 24,
		},
		"sessions": fiber.Map{
			"studentIdleHours": s.cfg.Auth.StudentSessionIdle.Hours(), "idleHours": s.cfg.Auth.SessionIdle.Hours(),
			"absoluteDays": s.cfg.Auth.SessionAbsolute.Hours() / 24,
		},
	})
}
