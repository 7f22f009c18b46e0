package sqlitestore_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/game"
	"animalgenius/app/values"
	"animalgenius/sqlitestore/storetest"
)

// A removed pupil's, class's or account's id is never given to the next
// one: the audit log's lines and a data export about the removed one must
// not become lines about a child who joined later.
func TestIDsAreNeverHandedOutTwice(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	root := admin(t, s)
	keep := newClass(t, s, root, "Room 7", "ABC234")
	first, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	newest, err := s.CreateStudent(ctx, newStudent("ABC234", "Zelmira", "Q", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteStudent(ctx, keep.ID, newest.Student.ID); err != nil {
		t.Fatal(err)
	}
	next, err := s.CreateStudent(ctx, newStudent("ABC234", "Newkid", "N", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	if next.Student.ID <= newest.Student.ID || first.Student.ID >= newest.Student.ID {
		t.Fatalf("student ids %d, %d removed, then %d", first.Student.ID, newest.Student.ID, next.Student.ID)
	}

	// The newest class, deleted with its pupils.
	gone := newClass(t, s, root, "Room 8", "DEF567")
	kid, err := s.CreateStudent(ctx, newStudent("DEF567", "Ola", "P", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteClass(ctx, gone.ID, root); err != nil {
		t.Fatal(err)
	}
	again := newClass(t, s, root, "Room 9", "GHJ789")
	if again.ID <= gone.ID {
		t.Fatalf("class %d deleted, the next one got %d", gone.ID, again.ID)
	}
	after, err := s.CreateStudent(ctx, newStudent("GHJ789", "Pia", "S", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	if after.Student.ID <= kid.Student.ID {
		t.Fatalf("student %d went with its class, the next one got %d", kid.Student.ID, after.Student.ID)
	}

	// The newest account.
	now := time.Now()
	acct, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "gone@hill.school", DisplayName: "Gone", Role: "teacher", CreatedAt: now}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteAccount(ctx, acct.ID, 0, accounts.Audit{At: now, ActorLabel: "test", Action: "account.delete", TargetID: acct.ID}); err != nil {
		t.Fatal(err)
	}
	newer, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "new@hill.school", DisplayName: "New", Role: "teacher", CreatedAt: now}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	if newer.ID <= acct.ID {
		t.Fatalf("account %d deleted, the next one got %d", acct.ID, newer.ID)
	}
}

// A box upgraded after ids were already given out again: the migration
// starts each table past every id the audit log names, so the removed
// ones it remembers are not handed out a third time.
func TestIDFloorsStartPastTheAuditLog(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	st, err := s.Status()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateSteps(-(int(st.Current) - 11)); err != nil {
		t.Fatal(err)
	}
	var root int64
	if err := s.Writer.QueryRow(`INSERT INTO accounts (email, display_name, role, created_at, updated_at)
		VALUES ('root@hill.school', 'Root', 'admin', 0, 0) RETURNING id`).Scan(&root); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Writer.Exec(`INSERT INTO audit_log (created_at, actor_id, actor_label, action, class_id, student_id)
		VALUES (0, 40, 'gone@hill.school', 'student.remove', 30, 500)`); err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	c := newClass(t, s, root, "Room 7", "ABC234")
	kid, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	acct, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "new@hill.school", DisplayName: "New", Role: "teacher", CreatedAt: time.Now()}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	if c.ID != 31 || kid.Student.ID != 501 || acct.ID != 41 {
		t.Fatalf("after the migration: class %d, student %d, account %d; want 31, 501, 41", c.ID, kid.Student.ID, acct.ID)
	}
}

// Pupils who joined a class after it completed lessons, before a
// submission gave them the class's lesson achievements, get them on
// upgrade (migration 0014); pupils of classes without lessons get none.
func TestUpgradeGivesLateJoinersTheirClassLessons(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	root := teacher(t, s, "root@hill.school")
	newClass(t, s, root, "Room 7", "ABC234")
	newClass(t, s, root, "Room 8", "DEF567")
	newClass(t, s, root, "Room 9", "GHJ892")
	var kids []int64
	for _, code := range []string{"ABC234", "DEF567", "GHJ892"} {
		k, err := s.CreateStudent(ctx, newStudent(code, "Maya", "R", randomKey(), otterResult))
		if err != nil {
			t.Fatal(err)
		}
		kids = append(kids, k.Student.ID)
	}
	st, err := s.Status()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.MigrateSteps(-(int(st.Current) - 13)); err != nil {
		t.Fatal(err)
	}
	// Room 7 did all five lessons, Room 8 one, Room 9 none (one started).
	for _, p := range []struct {
		code                string
		lesson, completions int
	}{
		{"ABC234", 1, 1}, {"ABC234", 2, 1}, {"ABC234", 3, 2}, {"ABC234", 4, 1}, {"ABC234", 5, 1},
		{"DEF567", 2, 1}, {"GHJ892", 1, 0},
	} {
		status, done := "completed", "0"
		if p.completions == 0 {
			status, done = "in_progress", "NULL"
		}
		if _, err := s.Writer.Exec(`INSERT INTO lesson_progress (class_id, lesson_id, status, current_activity, completions, completed_at, updated_at)
			SELECT id, ?, ?, 1, ?, `+done+`, 0 FROM classes WHERE code = ?`, p.lesson, status, p.completions, p.code); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	for i, want := range []string{"lesson_complete,week_complete", "lesson_complete", ""} {
		var got sql.NullString
		if err := s.Writer.QueryRow(`SELECT group_concat(code, ',' ORDER BY code) FROM student_achievements
			WHERE student_id = ? AND code IN ('lesson_complete', 'week_complete')`, kids[i]).Scan(&got); err != nil {
			t.Fatal(err)
		}
		if got.String != want {
			t.Errorf("pupil %d: %q, want %q", i, got.String, want)
		}
	}
}

// A deleted game's id and a reset vote's id are not given to the next
// game or vote either (the audit log names games by id; a pupil's page
// still showing the reset vote must not vote in the new one).
func TestGameAndVoteIDsAreNeverHandedOutTwice(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	root := admin(t, s)
	c := newClass(t, s, root, "Room 7", "ABC234")
	now := time.Now()
	qs := []game.Question{{Text: "A?", Options: []string{"x", "y"}, Correct: 0, Seconds: 10}}
	var ids []int64
	for _, pin := range []string{"123456", "234567"} {
		id, err := s.CreateGame(ctx, game.NewGame{PIN: pin, HostID: root, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	if _, err := s.StopLiveGames(ctx, now); err != nil {
		t.Fatal(err)
	}
	if err := s.DeleteGame(ctx, ids[1], root); err != nil {
		t.Fatal(err)
	}
	next, err := s.CreateGame(ctx, game.NewGame{PIN: "345678", HostID: root, Title: "T", Mode: game.Individual, Questions: qs, CreatedAt: now})
	if err != nil {
		t.Fatal(err)
	}
	if next <= ids[1] {
		t.Fatalf("game %d deleted, the next one got %d", ids[1], next)
	}

	open, err := s.ChangeSession(ctx, c.ID, values.OpOpen, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ChangeSession(ctx, c.ID, values.OpReset, now); err != nil {
		t.Fatal(err)
	}
	again, err := s.ChangeSession(ctx, c.ID, values.OpOpen, now)
	if err != nil {
		t.Fatal(err)
	}
	if again.ID <= open.ID {
		t.Fatalf("vote %d reset, the next one got %d", open.ID, again.ID)
	}
}
