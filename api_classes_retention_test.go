package main

import (
	"net/http"
	"testing"

	"animalgenius/app/config"
)

// retention.archived_class_days: the students of classes archived longer
// than that are deleted with all their data and their sessions end; the
// classes stay; recently archived and open classes are untouched.
func TestRetentionDeletesStudentsOfLongArchivedClasses(t *testing.T) {
	app := startApp(t, func(c *config.Config) { c.Retention.ArchivedClassDays = 30 })
	_, ana := app.Teacher("ana@hill.school")
	old := app.CreateClass(ana, "Last year")
	recent := app.CreateClass(ana, "Archived yesterday")
	open := app.CreateClass(ana, "This year")
	kid, _ := app.Join(old.Code, "Maya", "R", answersAt("ESTJ", "visual"))
	app.Join(recent.Code, "Leo", "B", answersAt("INFP", "auditory"))
	app.Join(open.Code, "Ida", "C", answersAt("ENTP", "visual"))
	for _, id := range []int64{old.ID, recent.ID} {
		if status, got := app.call(ana, http.MethodPost, "/api/v1/classes/"+itoa(id)+"/archive", ""); status != http.StatusOK {
			t.Fatalf("archive: %d %s", status, got)
		}
	}
	if _, err := app.a.store.Writer.Exec(`UPDATE classes SET archived_at = archived_at - 31*86400000 WHERE id = ?`, old.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := app.a.classRetentionJob(t.Context(), nil, nil); err != nil {
		t.Fatal(err)
	}
	if app.countRows("classes") != 3 || app.countRows("students") != 2 || app.countRows("quiz_results") != 2 || app.countRows("coin_ledger") != 2 {
		t.Fatalf("after retention: %s", app.snapshot())
	}
	if status, _ := app.call(kid, http.MethodGet, "/api/v1/student/me", ""); status != http.StatusUnauthorized {
		t.Fatalf("a deleted student's session answers %d", status)
	}
	if p, err := app.a.store.Check(t.Context()); err != nil || len(p) > 1 { // at most "no admin"
		t.Fatalf("check after retention: %v %v", p, err)
	}
}
