package web

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/classes"
	"animalgenius/app/jsontime"
	"animalgenius/app/privacy"
)

// classView is a class as the API sends it, with its join link.
type classView struct {
	classes.Class
	JoinURL string `json:"joinUrl"`
	// StudentsDeletedAt is when retention deletes the students of an
	// archived class; DeletionWarning is true from
	// retention.archived_class_warn_days before.
	StudentsDeletedAt jsontime.Time `json:"studentsDeletedAt,omitzero"`
	DeletionWarning   bool          `json:"deletionWarning,omitempty"`
}

func (s *Server) classView(c *fiber.Ctx, cl classes.Class) classView {
	v, _ := s.classViewAt(s.publicBase(c), time.Now(), cl)
	return v
}

// classViewAt is the class as the API sends it with links from base, as
// of now, and until when that stays true (zero: as long as the class is
// unchanged): an archived class's deletion warning comes on at a time.
func (s *Server) classViewAt(base string, now time.Time, cl classes.Class) (v classView, until time.Time) {
	v = classView{Class: cl, JoinURL: joinURL(base, cl.Code)}
	if cl.Archived && cl.Students > 0 {
		r := s.cfg.Retention
		v.StudentsDeletedAt = jsontime.Of(privacy.StudentsDeletedAt(cl.ArchivedAt.Time, r.ArchivedClassDays))
		v.DeletionWarning = privacy.WarnOfDeletion(now, cl.ArchivedAt.Time, r.ArchivedClassDays, r.ArchivedClassWarnDays)
		if from := privacy.WarnOfDeletionFrom(cl.ArchivedAt.Time, r.ArchivedClassDays, r.ArchivedClassWarnDays); now.Before(from) {
			until = from
		}
	}
	return v, until
}

// publicBase is how pupils' devices reach this box: server.public_url
// when set, else the scheme and host of this request, with the box's LAN
// address in place of a loopback one (see app/reach).
func (s *Server) publicBase(c *fiber.Ctx) string {
	return s.reach.For(s.proto(c), s.host(c)).URL
}

// classJoinURL is the full join link of a class code (what the QR code holds).
func (s *Server) classJoinURL(c *fiber.Ctx, code string) string {
	return joinURL(s.publicBase(c), code)
}

// joinURL is the join link of a class code from a base of publicBase.
func joinURL(base, code string) string { return base + "/join/" + code }
