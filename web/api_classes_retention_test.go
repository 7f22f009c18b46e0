package web_test

import (
	"net/http"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
)

// retention.archived_class_days: the students of classes archived longer
// than that are deleted with all their data and their sessions end; the
// classes stay; recently archived and open classes are untouched.
func TestRetentionDeletesStudentsOfLongArchivedClasses(t *testing.T) {
	app := apptest.Start(t, func(c *config.Config) { c.Retention.ArchivedClassDays, c.Retention.ArchivedClassWarnDays = 30, 7 })
	_, ana := app.Teacher("ana@hill.school")
	old := app.CreateClass(ana, "Last year")
	recent := app.CreateClass(ana, "Archived yesterday")
	open := app.CreateClass(ana, "This year")
	kid, _ := app.Join(old.Code, "Maya", "R", apptest.AnswersAt("ESTJ", "visual"))
	app.Join(recent.Code, "Leo", "B", apptest.AnswersAt("INFP", "auditory"))
	app.Join(open.Code, "Ida", "C", apptest.AnswersAt("ENTP", "visual"))
	for _, id := range []int64{old.ID, recent.ID} {
		if status, got := app.Call(ana, http.MethodPost, "/api/v1/classes/"+itoa(id)+"/archive", ""); status != http.StatusOK {
			t.Fatalf("archive: %d %s", status, got)
		}
	}
	if _, err := app.App.Store().Writer.Exec(`UPDATE classes SET archived_at = archived_at - 31*86400000 WHERE id = ?`, old.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := app.App.RunClassRetention(t.Context()); err != nil {
		t.Fatal(err)
	}
	if app.CountRows("classes") != 3 || app.CountRows("students") != 2 || app.CountRows("quiz_results") != 2 || app.CountRows("coin_ledger") != 2 {
		t.Fatalf("after retention: %s", app.Snapshot())
	}
	if status, _ := app.Call(kid, http.MethodGet, "/api/v1/student/me", ""); status != http.StatusUnauthorized {
		t.Fatalf("a deleted student's session answers %d", status)
	}
	if p, err := app.App.Store().Check(t.Context()); err != nil || len(p) > 1 { // at most "no admin"
		t.Fatalf("check after retention: %v %v", p, err)
	}
}
