package web

import (
	"testing"
	"time"

	"animalgenius/app/classes"
	"animalgenius/app/config"
	"animalgenius/app/jsontime"
)

// A kept class list stays true until an archived class's deletion warning
// comes on: classViewAt says when, and nothing for a class without one.
func TestClassViewUntilTheDeletionWarning(t *testing.T) {
	cfg := config.Default()
	cfg.Retention.ArchivedClassDays, cfg.Retention.ArchivedClassWarnDays = 30, 29
	s := &Server{cfg: cfg}
	archived := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	cl := classes.Class{ID: 3, Code: "ABCDEF", Archived: true, ArchivedAt: jsontime.Of(archived), Students: 3}
	warnFrom := archived.Add(24 * time.Hour)

	v, until := s.classViewAt("http://box", archived.Add(time.Hour), cl)
	if v.DeletionWarning || !until.Equal(warnFrom) || v.JoinURL != "http://box/join/ABCDEF" {
		t.Fatalf("an hour after archiving: warning %v until %v link %s; want no warning until %v", v.DeletionWarning, until, v.JoinURL, warnFrom)
	}
	if v, until := s.classViewAt("http://box", warnFrom, cl); !v.DeletionWarning || !until.IsZero() {
		t.Fatalf("when the warning starts: warning %v until %v", v.DeletionWarning, until)
	}
	open := cl
	open.Archived, open.ArchivedAt = false, jsontime.Time{}
	if _, until := s.classViewAt("http://box", archived, open); !until.IsZero() {
		t.Fatalf("an open class is kept until %v", until)
	}
	empty := cl
	empty.Students = 0
	if v, until := s.classViewAt("http://box", archived, empty); !until.IsZero() || !v.StudentsDeletedAt.IsZero() {
		t.Fatalf("an archived class without students: until %v, deleted at %v", until, v.StudentsDeletedAt)
	}
}
