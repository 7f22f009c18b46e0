package sqlitestore_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"animalgenius/app/jsontime"
	"animalgenius/app/privacy"
	"animalgenius/sqlitestore"
)

// Tables that hold nothing about a student (what they hold is in the
// README's data inventory). A new table must be added here or to the
// export, or TestStudentExportHoldsEveryRowAboutTheStudent fails.
var tablesWithoutStudentData = map[string]bool{
	"schema_migrations": true, "jobs": true, "meta": true, "accounts": true, "account_tokens": true, "classes": true,
	"store_items": true, "pet_species": true, "class_stores": true, "question_sets": true, "set_questions": true,
	"games": true, "game_questions": true, "insight_boards": true, "question_uploads": true,
	"lesson_progress": true, "lesson_feedback": true, "values_sessions": true, "values_results": true,
	"id_floors": true, // three numbers: the largest ids ever handed out
	// A pupil working on the quiz is not a student yet: its pending join (a
	// name and two times, for at most 45 minutes) is deleted in the
	// transaction that creates the student, and goes with its class.
	"pending_joins": true,
}

// studentRowsSQL finds a student's rows in each table that can hold them,
// written apart from the export's own queries.
var studentRowsSQL = map[string]string{
	"students":             `SELECT * FROM students WHERE id = ?`,
	"quiz_results":         `SELECT * FROM quiz_results WHERE student_id = ? ORDER BY id`,
	"coin_ledger":          `SELECT * FROM coin_ledger WHERE student_id = ? ORDER BY id`,
	"inventory":            `SELECT * FROM inventory WHERE student_id = ? ORDER BY acquired_at`,
	"equipped_items":       `SELECT * FROM equipped_items WHERE student_id = ? ORDER BY slot`,
	"avatar_colours":       `SELECT * FROM avatar_colours WHERE student_id = ?`,
	"pets":                 `SELECT * FROM pets WHERE student_id = ?`,
	"sessions":             `SELECT * FROM sessions WHERE subject_kind = 'student' AND subject_id = ? ORDER BY created_at`,
	"game_players":         `SELECT * FROM game_players WHERE student_id = ? ORDER BY game_id`,
	"game_answers":         `SELECT * FROM game_answers WHERE (game_id, player_no) IN (SELECT game_id, player_no FROM game_players WHERE student_id = ?) ORDER BY game_id, question`,
	"insight_groupings":    `SELECT g.* FROM insight_groupings g WHERE EXISTS (SELECT 1 FROM json_each(g.groups) x, json_each(x.value) m WHERE m.value = ?) ORDER BY id`,
	"idempotency_keys":     `SELECT * FROM idempotency_keys WHERE subject = 'student:' || ? ORDER BY created_at`,
	"audit_log":            `SELECT * FROM audit_log WHERE student_id = ? ORDER BY id`,
	"student_achievements": `SELECT * FROM student_achievements WHERE student_id = ? ORDER BY earned_at, code`,
	"values_votes":         `SELECT session_id, student_id, voted_at FROM values_votes WHERE student_id = ? ORDER BY session_id`, // never the ballot
	"pet_happy_streaks":    `SELECT * FROM pet_happy_streaks WHERE student_id = ?`,
}

func TestStudentExportHoldsEveryRowAboutTheStudent(t *testing.T) {
	ctx := context.Background()
	s := newEconomyStore(t)
	tr := makeTrail(t, s)
	svc := privacy.New(s, nil)
	if _, err := svc.StudentExport(ctx, tr.class+1, tr.zelmira); err != privacy.ErrNotFound {
		t.Fatalf("export through another class: %v", err)
	}
	e, err := svc.StudentExport(ctx, tr.class, tr.zelmira)
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Zelmira R." || e.Format != privacy.ExportFormat {
		t.Fatalf("export head: %+v", e)
	}
	leftOut := strings.Join(e.LeftOut, "\n")
	// The values vote is secret, even from the teacher who makes the export.
	if all, _ := json.Marshal(e); strings.Contains(string(all), `"ballot":`) || strings.Contains(string(all), "courage") {
		t.Fatalf("the export shows the student's values ballot")
	}
	for table := range dumpTables(t, s) {
		if tablesWithoutStudentData[table] {
			continue
		}
		q, ok := studentRowsSQL[table]
		if !ok {
			t.Errorf("table %s is neither exported nor listed as holding no student data", table)
			continue
		}
		want := queryRows(t, s, q, tr.zelmira)
		sec := e.Section(table)
		if sec == nil {
			t.Errorf("the export has no section for %s", table)
			continue
		}
		if len(want) == 0 {
			t.Errorf("the fixture holds no %s rows for the student: the test proves nothing there", table)
		}
		if len(sec.Rows) != len(want) {
			t.Errorf("%s: %d rows exported, %d held", table, len(sec.Rows), len(want))
			continue
		}
		for i, row := range want {
			for col, v := range row {
				got, ok := sec.Rows[i][col]
				if !ok {
					if !strings.Contains(leftOut, table+"."+col) {
						t.Errorf("%s.%s is held but neither exported nor named as left out", table, col)
					}
					continue
				}
				if fmt.Sprint(normal(got)) != v {
					t.Errorf("%s.%s row %d: exported %v, held %s", table, col, i, got, v)
				}
			}
		}
	}
	// Nothing of the classmate is in it.
	if strings.Contains(fmt.Sprint(e), "Kid") {
		t.Error("the export holds the classmate's name")
	}
}

func normal(v any) any {
	if v == nil {
		return "NULL"
	}
	// Times are exported in the API's time format; the database holds
	// their unix milliseconds.
	if t, ok := v.(jsontime.Time); ok {
		return t.UnixMilli()
	}
	return v
}

// queryRows reads rows as column -> value in text, like dumpTables.
func queryRows(t *testing.T, s *sqlitestore.Store, q string, args ...any) []map[string]string {
	t.Helper()
	return rowsAsText(t, s.Reader, q, args...)
}
