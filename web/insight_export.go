package web

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"animalgenius/app/insight"
	"animalgenius/app/privacy"
	"animalgenius/app/textrules"
)

// exportFileName makes a safe download name from the class name:
// "Room 7 (2025)" -> "room-7-2025-students.csv".
var fileNameJunk = regexp.MustCompile(`[^a-z0-9]+`)

func exportFileName(className, suffix string) string {
	base := strings.Trim(fileNameJunk.ReplaceAllString(strings.ToLower(className), "-"), "-")
	if base == "" {
		base = "class"
	}
	if len(base) > 40 {
		base = strings.Trim(base[:40], "-")
	}
	return base + suffix
}

func attachment(c *fiber.Ctx, name string) {
	c.Set(fiber.HeaderContentDisposition, fmt.Sprintf(`attachment; filename="%s"`, name))
}

// insightExportCSV is GET /classes/:classID/export.csv: the roster and
// results for a spreadsheet.
func (s *Server) insightExportCSV(c *fiber.Ctx) error {
	id := classID(c)
	snap, err := s.deps.Insight.Snapshot(c.UserContext(), id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := insight.WriteCSV(&buf, snap.Members(), time.Local); err != nil {
		return err
	}
	s.auditStudent(c, "class.export", id, textrules.Count(len(snap.Members()), "student", "students")+", roster CSV", memberIDs(snap.Members())...)
	attachment(c, exportFileName(snap.ClassName, "-students.csv"))
	c.Set(fiber.HeaderContentType, "text/csv; charset=utf-8")
	return c.Send(buf.Bytes())
}

// insightExportJSON is GET /classes/:classID/export.json: all of the
// class's data.
func (s *Server) insightExportJSON(c *fiber.Ctx) error {
	id := classID(c)
	ex, err := s.deps.Insight.Export(c.UserContext(), id)
	if err != nil {
		return insightError(err, errClassNotFound())
	}
	attachment(c, exportFileName(ex.Class.Name, "-all-data.json"))
	if s.deps.Privacy == nil {
		return c.JSON(ex)
	}
	// "All data" holds everything kept about each student too: game plays,
	// pet, items, avatar, sessions (address, browser), as the student
	// export does. It is written in the audit log.
	f, err := s.deps.Privacy.ClassFile(c.UserContext(), id)
	if err != nil {
		return err
	}
	ids := make([]int64, len(f.Students))
	for i, st := range f.Students {
		ids[i] = st.StudentID
	}
	s.auditStudent(c, "class.export", id, textrules.Count(len(f.Students), "student", "students")+", all data", ids...)
	return c.JSON(struct {
		insight.ClassExport
		StudentData []privacy.StudentExport `json:"studentData"`
	}{ex, f.Students})
}

// memberIDs are the ids of a class's students (an audit line each).
func memberIDs(ms []insight.Member) []int64 {
	ids := make([]int64, len(ms))
	for i, m := range ms {
		ids[i] = m.ID
	}
	return ids
}
