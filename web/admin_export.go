package web

import (
	"bufio"
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"
)

// adminExport streams the whole school as one .tar.gz (accounts.json,
// classes/<id>.json with every student's export, manifest.json), like
// `animalgenius export`. It is in the audit log.
func (s *Server) adminExport(c *fiber.Ctx) error {
	if s.deps.Privacy == nil {
		return errNotFound()
	}
	who := s.actor(c)
	s.auditStudent(c, "school.export", 0, "whole school (admin page)")
	name := fmt.Sprintf("animalgenius-school-%s.tar.gz", time.Now().UTC().Format("2006-01-02"))
	c.Set(fiber.HeaderContentType, "application/gzip")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+name+`"`)
	p, log, id := s.deps.Privacy, s.log, who.ID
	ctx := context.WithoutCancel(c.UserContext())
	c.Context().SetBodyStreamWriter(func(w *bufio.Writer) {
		m, err := p.WriteSchoolArchive(ctx, w, Version, nil)
		if err != nil {
			log.Error("school export failed", slog.Int64("actor_id", id), slog.Any("error", err))
			return
		}
		if err := w.Flush(); err != nil {
			log.Warn("school export not fully sent", slog.Int64("actor_id", id), slog.Any("error", err))
			return
		}
		log.Info("school exported", slog.Int64("actor_id", id), slog.Int("classes", m.Classes), slog.Int("students", m.Students))
	})
	return nil
}
