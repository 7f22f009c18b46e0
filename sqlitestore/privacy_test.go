package sqlitestore_test

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/economy"
	"animalgenius/app/game"
	"animalgenius/app/insight"
	"animalgenius/app/jsontime"
	"animalgenius/app/students"
	"animalgenius/app/values"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// studentTrail is a class whose student Zelmira has left data in every
// table that can hold a student's data; Kid is her classmate.
type studentTrail struct {
	teacher, class, zelmira, kid int64
	passport                     string
	game                         int64
}

func makeTrail(t *testing.T, s *sqlitestore.Store) studentTrail {
	t.Helper()
	ctx := context.Background()
	var tr studentTrail
	tr.teacher = storetest.FixtureTeacher(t, s)
	var ids []int64
	tr.class, ids = storetest.FixtureClass(t, s, tr.teacher, "owl", "Zelmira", "Kid")
	tr.zelmira, tr.kid = ids[0], ids[1]
	if err := s.Reader.QueryRow(`SELECT passport_code FROM students WHERE id = ?`, tr.zelmira).Scan(&tr.passport); err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	// Coins from the teacher, with a kept answer naming both balances.
	_, err := s.Grant(ctx, economy.GrantRequest{Request: req("account", tr.teacher, "grant-key-000000001"), ClassID: tr.class, All: true,
		Amount: 200, Type: economy.TypeTeacherGift, Reason: "Well done"}, t0)
	must(err)
	must(s.SetStoreOpen(ctx, tr.class, true, t0))
	for _, id := range ids {
		hat := itemByCode(t, s, "hat-party")
		_, err = s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", id, fmt.Sprintf("buy-key-%011d", id)), StudentID: id, ItemID: hat.ID}, t0)
		must(err)
		must(s.SaveAvatar(ctx, id, economy.Avatar{Primary: "#112233", Secondary: "#445566", Equipped: map[economy.Slot]int64{"hat": hat.ID}}, t0))
		cat, _ := s.Catalog(ctx, false)
		_, err = s.BuyPet(ctx, economy.BuyPetRequest{Request: req("student", id, fmt.Sprintf("pet-key-%011d", id)), StudentID: id,
			SpeciesID: cat.Species[0].ID, Name: "Mittens"}, t0)
		must(err)
		// Purchase, pet and care: three kept answers per student.
		_, err = s.CarePet(ctx, economy.CareRequest{Request: req("student", id, fmt.Sprintf("care-key-%010d", id)), StudentID: id, Action: "pet"}, t0)
		must(err)
		_, row := sessionRow()
		row.SubjectID, row.IP, row.UserAgent = id, "192.0.2.7", "Zbrowser"
		must(s.CreateSession(ctx, row))
	}
	// A finished game both played from their sessions.
	qs := []game.Question{{Text: "A?", Options: []string{"x", "y"}, Correct: 0, Seconds: 10}}
	tr.game, err = s.CreateGame(ctx, game.NewGame{PIN: "246802", HostID: tr.teacher, Title: "Facts", Mode: game.Individual, Questions: qs, CreatedAt: t0})
	must(err)
	players := []game.PlayerRecord{
		{No: 1, Nickname: "Zelmira R.", StudentID: tr.zelmira, Score: 140, Correct: 1, Rank: 1, JoinedAt: t0},
		{No: 2, Nickname: "Kid R.", StudentID: tr.kid, Rank: 2, JoinedAt: t0},
	}
	answers := []game.AnswerRecord{
		{PlayerNo: 1, Question: 0, Option: 0, Correct: true, Points: 140, ElapsedMs: 2000, AnsweredAt: jsontime.Of(t0)},
		{PlayerNo: 2, Question: 0, Option: 1, AnsweredAt: jsontime.Of(t0), ElapsedMs: 3000},
	}
	must(s.SaveRound(ctx, game.Round{GameID: tr.game, Question: 0, ClosedAt: t0, Players: players, Answers: answers}))
	must(s.FinishGame(ctx, game.Final{GameID: tr.game, Status: "ended", EndedAt: t0, Players: players}))
	_, err = s.CreateGrouping(ctx, insight.SavedGrouping{ClassID: tr.class, Name: "Pairs", Size: 2, Balance: "random", Seed: 7,
		Groups: [][]int64{{tr.zelmira, tr.kid}, {tr.kid}}, CreatedAt: t0, UpdatedAt: t0}, 50)
	must(err)
	// Both vote on the class values.
	vote, err := s.ChangeSession(ctx, tr.class, values.OpOpen, t0)
	must(err)
	for _, id := range ids {
		b, err := values.CheckBallot(values.Ballot{
			"treat":     {{Value: "kindness", Rank: 1}, {Value: "respect", Rank: 2}, {Value: "honesty", Rank: 3}},
			"challenge": {{Value: "courage", Rank: 1}, {Value: "calm", Rank: 2}, {Value: "focus", Rank: 3}},
			"learn":     {{Value: "curiosity", Rank: 1}, {Value: "teamwork", Rank: 2}, {Value: "practice", Rank: 3}},
			"daily":     {{Value: "joy", Rank: 1}, {Value: "effort", Rank: 2}, {Value: "health", Rank: 3}},
		})
		must(err)
		_, err = s.Vote(ctx, id, vote.ID, b, t0)
		must(err)
	}
	must(s.AddAudit(ctx, accounts.Audit{At: t0, ActorID: tr.teacher, ActorLabel: "t@school.test", Action: "student.export",
		ClassID: tr.class, StudentID: tr.zelmira, IP: "192.0.2.1"}))
	assertConsistent(t, s)
	return tr
}

// dumpTables reads every row of every table as text, by table.
func dumpTables(t *testing.T, s *sqlitestore.Store) map[string][]map[string]string {
	t.Helper()
	tables := map[string][]map[string]string{}
	rows, err := s.Reader.Query(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	for _, name := range names {
		tables[name] = rowsAsText(t, s.Reader, `SELECT * FROM "`+name+`"`)
	}
	return tables
}

// rowsAsText reads rows as column -> value in text (NULL as "NULL").
func rowsAsText(t *testing.T, db *sql.DB, q string, args ...any) []map[string]string {
	t.Helper()
	r, err := db.Query(q, args...)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	defer r.Close()
	cols, _ := r.Columns()
	out := []map[string]string{}
	for r.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := r.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := map[string]string{}
		for i, c := range cols {
			switch v := vals[i].(type) {
			case nil:
				row[c] = "NULL"
			case []byte:
				row[c] = string(v)
			default:
				row[c] = fmt.Sprint(v)
			}
		}
		out = append(out, row)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// assertNoTrace fails for any row that names the student, holds its
// passport code, or points to its id: student_id columns (the audit log
// keeps the bare id of an action's student, by design: no name), student
// sessions, kept answers and saved groupings.
func assertNoTrace(t *testing.T, s *sqlitestore.Store, id int64, name, passport string) {
	t.Helper()
	ids := strconv.FormatInt(id, 10)
	for table, rows := range dumpTables(t, s) {
		for _, row := range rows {
			for col, v := range row {
				if strings.Contains(v, name) || strings.Contains(v, passport) {
					t.Errorf("%s.%s still holds %q: %v", table, col, v, row)
				}
				if col == "student_id" && v == ids && table != "audit_log" {
					t.Errorf("%s still points to student %d: %v", table, id, row)
				}
				if strings.Contains(v, `"studentId":`+ids+`,`) || strings.Contains(v, `"studentId":`+ids+`}`) {
					t.Errorf("%s.%s still names student %d: %v", table, col, id, row)
				}
			}
			if table == "sessions" && row["subject_kind"] == "student" && row["subject_id"] == ids {
				t.Errorf("a session of student %d is left: %v", id, row)
			}
			if table == "idempotency_keys" && row["subject"] == "student:"+ids {
				t.Errorf("a kept answer of student %d is left: %v", id, row)
			}
			if table == "insight_groupings" {
				var groups [][]int64
				if err := json.Unmarshal([]byte(row["groups"]), &groups); err != nil {
					t.Fatalf("groups %q: %v", row["groups"], err)
				}
				for _, g := range groups {
					for _, m := range g {
						if m == id {
							t.Errorf("saved grouping still holds student %d: %v", id, row)
						}
					}
				}
			}
		}
	}
	assertConsistent(t, s)
}

func TestEveryDeletionPathLeavesNoTraceOfTheStudent(t *testing.T) {
	ctx := context.Background()
	paths := []struct {
		name string
		// remove deletes Zelmira; kidStays: her classmate keeps its data.
		remove   func(t *testing.T, s *sqlitestore.Store, tr studentTrail) error
		kidStays bool
	}{
		{"teacher removes the student", func(t *testing.T, s *sqlitestore.Store, tr studentTrail) error {
			return s.DeleteStudent(ctx, tr.class, tr.zelmira)
		}, true},
		{"teacher deletes the class", func(t *testing.T, s *sqlitestore.Store, tr studentTrail) error {
			_, err := s.DeleteClass(ctx, tr.class, tr.teacher)
			return err
		}, false},
		{"admin deletes the teacher with the classes", func(t *testing.T, s *sqlitestore.Store, tr studentTrail) error {
			s.Estate = sqlitestore.ClassEstate()
			return s.DeleteAccount(ctx, tr.teacher, 0, accounts.Audit{ActorLabel: "test", Action: "account.delete"})
		}, false},
		{"retention deletes the archived class's students", func(t *testing.T, s *sqlitestore.Store, tr studentTrail) error {
			if _, err := s.SetArchived(ctx, tr.class, tr.teacher, true, t0); err != nil {
				return err
			}
			_, err := s.PurgeArchivedStudents(ctx, time.Now().Add(time.Hour))
			return err
		}, false},
	}
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) {
			s := newEconomyStore(t)
			tr := makeTrail(t, s)
			if err := p.remove(t, s, tr); err != nil {
				t.Fatal(err)
			}
			assertNoTrace(t, s, tr.zelmira, "Zelmira", tr.passport)
			kidRows := count(t, s, `SELECT count(*) FROM students WHERE id = ?`, tr.kid)
			if p.kidStays {
				if kidRows != 1 || count(t, s, `SELECT count(*) FROM game_players WHERE student_id = ?`, tr.kid) != 1 ||
					count(t, s, `SELECT count(*) FROM idempotency_keys WHERE subject = ?`, "student:"+strconv.FormatInt(tr.kid, 10)) != 3 {
					t.Fatal("the classmate's data went too")
				}
				// The teacher's gift, retried with its key after the removal:
				// the first answer without the removed student, nobody paid
				// again.
				before := coinsOf(t, s, tr.kid)
				again, err := s.Grant(context.Background(), economy.GrantRequest{Request: req("account", tr.teacher, "grant-key-000000001"),
					ClassID: tr.class, All: true, Amount: 200, Type: economy.TypeTeacherGift, Reason: "Well done"}, t0)
				if err != nil || !again.Replayed || len(again.Balances) != 1 || again.Balances[0].StudentID != tr.kid || coinsOf(t, s, tr.kid) != before {
					t.Fatalf("the gift retried after the removal: %+v %v; coins %d -> %d", again, err, before, coinsOf(t, s, tr.kid))
				}
				var groups string
				s.Reader.QueryRow(`SELECT groups FROM insight_groupings`).Scan(&groups)
				if groups != fmt.Sprintf("[[%d],[%d]]", tr.kid, tr.kid) {
					t.Fatalf("groups after removal: %s", groups)
				}
			} else {
				assertNoTrace(t, s, tr.kid, "Kid R", "\x00")
			}
			// The game keeps its counts: the removed player's row has neither name nor id.
			if p.kidStays {
				if n := count(t, s, `SELECT count(*) FROM game_answers WHERE game_id = ?`, tr.game); n != 2 {
					t.Fatalf("%d answers left in the game", n)
				}
			}
		})
	}
}

func TestRemovedStudentSavedByALiveGameIsAnonymous(t *testing.T) {
	ctx := context.Background()
	s := newEconomyStore(t)
	teacher := storetest.FixtureTeacher(t, s)
	class, ids := storetest.FixtureClass(t, s, teacher, "owl", "Zelmira")
	qs := []game.Question{{Text: "A?", Options: []string{"x", "y"}, Correct: 0, Seconds: 10}}
	g, err := s.CreateGame(ctx, game.NewGame{PIN: "135791", HostID: teacher, Title: "Facts", Mode: game.Individual, Questions: qs, CreatedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	// The teacher removes her while the game runs; the game then saves her.
	if err := s.DeleteStudent(ctx, class, ids[0]); err != nil {
		t.Fatal(err)
	}
	p := game.PlayerRecord{No: 1, Nickname: "Zelmira R.", StudentID: ids[0], Score: 140, Correct: 1, JoinedAt: t0}
	a := game.AnswerRecord{PlayerNo: 1, Question: 0, Option: 0, Correct: true, Points: 140, ElapsedMs: 2000, AnsweredAt: jsontime.Of(t0)}
	if err := s.SaveRound(ctx, game.Round{GameID: g, Question: 0, ClosedAt: t0, Players: []game.PlayerRecord{p}, Answers: []game.AnswerRecord{a}}); err != nil {
		t.Fatal(err)
	}
	p.Rank = 1
	if err := s.FinishGame(ctx, game.Final{GameID: g, Status: "ended", EndedAt: t0, Players: []game.PlayerRecord{p}}); err != nil {
		t.Fatal(err)
	}
	assertNoTrace(t, s, ids[0], "Zelmira", "\x00")
	var nick string
	s.Reader.QueryRow(`SELECT nickname FROM game_players WHERE game_id = ?`, g).Scan(&nick)
	if nick != "(removed #1)" {
		t.Fatalf("nickname %q", nick)
	}
}

func TestTeacherDeletesGameResults(t *testing.T) {
	ctx := context.Background()
	s := newEconomyStore(t)
	tr := makeTrail(t, s)
	other := storetest.FixtureTeacher(t, s)
	if err := s.DeleteGame(ctx, tr.game, other); err != game.ErrNotFound {
		t.Fatalf("another teacher deleted the game: %v", err)
	}
	live, err := s.CreateGame(ctx, game.NewGame{PIN: "975310", HostID: tr.teacher, Title: "Live", Mode: game.Individual,
		Questions: []game.Question{{Text: "A?", Options: []string{"x", "y"}, Seconds: 10}}, CreatedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteGame(ctx, live, tr.teacher); err != game.ErrStillLive {
		t.Fatalf("a live game was deleted: %v", err)
	}
	// All of a class's plays: both students' rows and answers go, the game stays.
	n, err := s.DeleteClassGamePlays(ctx, tr.class)
	if err != nil || n != 2 {
		t.Fatalf("class plays: %d %v", n, err)
	}
	if count(t, s, `SELECT count(*) FROM game_answers WHERE game_id = ?`, tr.game) != 0 || count(t, s, `SELECT count(*) FROM games WHERE id = ?`, tr.game) != 1 {
		t.Fatal("the class's plays are not all gone")
	}
	if err := s.DeleteGame(ctx, tr.game, tr.teacher); err != nil {
		t.Fatal(err)
	}
	for _, table := range []string{"game_players", "game_answers", "game_questions"} {
		if n := count(t, s, `SELECT count(*) FROM `+table+` WHERE game_id = ?`, tr.game); n != 0 {
			t.Errorf("%d rows of the deleted game in %s", n, table)
		}
	}
	assertConsistent(t, s)
}

func TestCheckReportsRowsOfRemovedStudents(t *testing.T) {
	ctx := context.Background()
	s := newEconomyStore(t)
	tr := makeTrail(t, s)
	// Rows written behind the triggers' back, as an older version could.
	s.Writer.Exec(`DROP TRIGGER students_delete_game_players`)
	s.Writer.Exec(`DROP TRIGGER students_delete_groupings`)
	s.Writer.Exec(`DROP TRIGGER students_delete_idempotency`)
	if err := s.DeleteStudent(ctx, tr.class, tr.zelmira); err != nil {
		t.Fatal(err)
	}
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(problems, "\n")
	for _, want := range []string{"1 game players point to removed students", "1 saved groupings", "3 kept answers of retried requests belong",
		"1 kept answers of retried coin movements"} {
		if !strings.Contains(got, want) {
			t.Errorf("check does not say %q:\n%s", want, got)
		}
	}
}

// The migration cleans what earlier versions left, and goes down and up.
func TestMigrationChildrenDataCleansOldRows(t *testing.T) {
	ctx := context.Background()
	s := newEconomyStore(t)
	tr := makeTrail(t, s)
	// Down to 0007, through any later migration.
	st, err := s.Status()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateSteps(-(int(st.Current) - 7)); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStudent(ctx, tr.class, tr.zelmira); err != nil {
		t.Fatal(err)
	}
	if count(t, s, `SELECT count(*) FROM game_players WHERE student_id = ?`, tr.zelmira) != 1 {
		t.Fatal("without 0008 the player row should still point to the student")
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	assertNoTrace(t, s, tr.zelmira, "Zelmira", tr.passport)
}

// fileTrail is a store in dir with a class of two pupils just written
// (Zelmira, then Kid), for the tests that read the database's files.
type fileTrail struct {
	s         *sqlitestore.Store
	dir       string
	teacher   int64
	class     int64
	ids       []int64
	passports []string
}

func newFileTrail(t *testing.T) fileTrail {
	t.Helper()
	f := fileTrail{dir: t.TempDir()}
	f.s = storetest.NewIn(t, f.dir)
	f.teacher = storetest.FixtureTeacher(t, f.s)
	f.class, f.ids = storetest.FixtureClass(t, f.s, f.teacher, "owl", "Zelmira", "Kid")
	for _, id := range f.ids {
		var code string
		if err := f.s.Reader.QueryRow(`SELECT passport_code FROM students WHERE id = ?`, id).Scan(&code); err != nil {
			t.Fatal(err)
		}
		f.passports = append(f.passports, code)
	}
	// The pupils were just written: their rows are in the log (and, once
	// the checkpointer has copied them, in the database file too).
	if !f.has(true, "Zelmira") {
		t.Fatal("the new pupil is not in the log to begin with")
	}
	return f
}

// has tells whether any of whats is in the log (walOnly) or in the
// database file or its log.
func (f fileTrail) has(walOnly bool, whats ...string) bool {
	files := []string{sqlitestore.DBFile + "-wal"}
	if !walOnly {
		files = append(files, sqlitestore.DBFile)
	}
	var all []byte
	for _, name := range files {
		b, _ := os.ReadFile(filepath.Join(f.dir, name))
		all = append(all, b...)
	}
	for _, what := range whats {
		if bytes.Contains(all, []byte(what)) {
			return true
		}
	}
	return false
}

// waitGone waits (at most 10 s: the store's checkpointer empties the log
// by itself, a tick after a deletion) until none of whats is in the files.
func (f fileTrail) waitGone(walOnly bool, whats ...string) {
	for deadline := time.Now().Add(10 * time.Second); f.has(walOnly, whats...) && time.Now().Before(deadline); {
		time.Sleep(50 * time.Millisecond)
	}
}

// secure_delete: a removed student's name and passport code are not left
// readable in the database file's free pages (nor in the WAL). No
// checkpoint is asked for here, as a running server asks for none.
func TestRemovedStudentIsNotInTheFile(t *testing.T) {
	ctx := context.Background()
	f := newFileTrail(t)
	passport := f.passports[0]
	if !f.has(false, passport) {
		t.Fatal("the student is not in the file to begin with")
	}
	if err := f.s.DeleteStudent(ctx, f.class, f.ids[0]); err != nil {
		t.Fatal(err)
	}
	f.waitGone(false, "Zelmira", "zelmira", passport)
	for _, what := range []string{"Zelmira", "zelmira", passport} {
		if f.has(false, what) {
			t.Errorf("%q is still readable in the database file or its log", what)
		}
	}
	// A whole class deleted: the same for its other pupil.
	kidPassport := f.passports[1]
	if !f.has(false, kidPassport) {
		t.Fatal("the other pupil is not in the file to begin with")
	}
	if _, err := f.s.DeleteClass(ctx, f.class, f.teacher); err != nil {
		t.Fatal(err)
	}
	f.waitGone(false, kidPassport)
	if f.has(false, kidPassport) {
		t.Errorf("the deleted class's pupil (%s) is still readable in the database file or its log", kidPassport)
	}
}

// A reader holding an older snapshot (a backup reads for a while) keeps
// the log from being emptied: writes go on meanwhile, and the removed
// pupil leaves the log once the reader is done.
func TestLogEmptiedAfterALongReader(t *testing.T) {
	ctx := context.Background()
	f := newFileTrail(t)
	passport := f.passports[0]
	if !f.has(true, passport) {
		t.Fatal("the pupil is not in the log to begin with")
	}
	reader, err := f.s.Reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := reader.QueryRow(`SELECT count(*) FROM students`).Scan(&n); err != nil || n != 2 {
		t.Fatalf("reader: %d %v", n, err)
	}
	if err := f.s.DeleteStudent(ctx, f.class, f.ids[0]); err != nil {
		t.Fatal(err)
	}
	// Writes go on while the log cannot be emptied.
	for i := range 20 {
		if err := f.s.Write(ctx, func(tx *sql.Tx) error {
			_, err := tx.Exec(`UPDATE classes SET name = ? WHERE id = ?`, fmt.Sprintf("Room %d", i), f.class)
			return err
		}); err != nil {
			t.Fatalf("write %d while a reader holds an older snapshot: %v", i, err)
		}
	}
	if err := reader.Rollback(); err != nil {
		t.Fatal(err)
	}
	f.waitGone(true, passport)
	if f.has(true, passport) {
		t.Fatalf("the removed pupil's passport code %s is still in the log after the reader ended", passport)
	}
}

// A corrected name (often a surname typed where the first name goes)
// leaves the database file, its log and the game results, also in a game
// where a guest holds the new name already.
func TestCorrectedNameIsNotInTheFile(t *testing.T) {
	ctx := context.Background()
	f := newFileTrail(t)
	old := displayName(t, f, f.ids[0])
	if _, err := f.s.Writer.Exec(`INSERT INTO games (id, pin, host_id, title, mode, status, question_count, created_at, ended_at)
		VALUES (1, '123456', ?, 'Quiz', 'individual', 'ended', 1, 0, 0), (2, '654321', ?, 'Quiz', 'individual', 'ended', 1, 0, 0)`, f.teacher, f.teacher); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.Writer.Exec(`INSERT INTO game_players (game_id, player_no, nickname, student_id, joined_at)
		VALUES (1, 1, ?, ?, 0), (1, 2, 'Maya Q.', NULL, 0), (2, 7, ?, ?, 0)`, old, f.ids[0], old, f.ids[0]); err != nil {
		t.Fatal(err)
	}
	if _, err := f.s.RenameStudent(ctx, f.class, f.ids[0], students.Name{First: "Maya", Initial: "Q"}); err != nil {
		t.Fatal(err)
	}
	rows, err := f.s.Reader.Query(`SELECT game_id || ':' || nickname FROM game_players WHERE student_id = ? ORDER BY game_id`, f.ids[0])
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for rows.Next() {
		var s string
		rows.Scan(&s)
		got = append(got, s)
	}
	rows.Close()
	if want := []string{"1:Maya Q. #1", "2:Maya Q."}; !slices.Equal(got, want) {
		t.Fatalf("the pupil in games after the correction: %v, want %v", got, want)
	}
	f.waitGone(false, "Zelmira", "zelmira")
	if f.has(false, "Zelmira", "zelmira") {
		t.Error("the corrected name is still readable in the database file or its log")
	}
}

// displayName is the name the student's games show ("Maya R.").
func displayName(t *testing.T, f fileTrail, id int64) string {
	t.Helper()
	var first, initial string
	if err := f.s.Reader.QueryRow(`SELECT first_name, last_initial FROM students WHERE id = ?`, id).Scan(&first, &initial); err != nil {
		t.Fatal(err)
	}
	return students.Name{First: first, Initial: initial}.Display()
}
