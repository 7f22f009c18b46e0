package sqlitestore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/sqlitestore/storetest"
)

func TestAccountSchemaRules(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	now := time.Now()
	a, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "ana@hill.school", DisplayName: "Ana", Role: "teacher", CreatedAt: now}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.CreateAccount(ctx, accounts.NewAccount{Email: "ana@hill.school", DisplayName: "Ana", Role: "teacher", CreatedAt: now}, accounts.Audit{}); err != accounts.ErrEmailTaken {
		t.Fatalf("duplicate email: %v", err)
	}
	// The schema itself refuses what the code should never write.
	for _, q := range []string{
		`INSERT INTO accounts (email, display_name, role, created_at, updated_at) VALUES ('UPPER@X.ORG', 'x', 'teacher', 0, 0)`,
		`INSERT INTO accounts (email, display_name, role, created_at, updated_at) VALUES ('b@x.org', 'x', 'owner', 0, 0)`,
		`INSERT INTO accounts (email, display_name, role, created_at, updated_at) VALUES ('c@x.org', '', 'teacher', 0, 0)`,
		`INSERT INTO sessions (token_hash, subject_kind, subject_id, created_at, last_seen_at, expires_at) VALUES (x'00', 'account', 1, 0, 0, 0)`,
		`INSERT INTO sessions (token_hash, subject_kind, subject_id, created_at, last_seen_at, expires_at) VALUES (zeroblob(32), 'robot', 1, 0, 0, 0)`,
		`INSERT INTO account_tokens (token_hash, purpose, created_at, expires_at) VALUES (zeroblob(32), 'reset', 0, 0)`,
	} {
		if _, err := s.Writer.Exec(q); err == nil {
			t.Errorf("schema accepted: %s", q)
		}
	}
	// Deleting an account deletes its sessions (trigger), never a student's.
	var h1, h2 [32]byte
	h1[0], h2[0] = 1, 2
	s.CreateSession(ctx, accounts.SessionRow{TokenHash: h1, Kind: "account", SubjectID: a.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)})
	if problems, err := s.Check(ctx); err != nil || len(problems) != 1 || !strings.Contains(problems[0], "no enabled admin") {
		t.Fatalf("check with only a teacher: %v %v", problems, err)
	}
	newClass(t, s, admin(t, s), "Room 7", "ABC234")
	kid, err := s.CreateStudent(ctx, newStudent("ABC234", "Maya", "R", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	s.Writer.Exec(`DELETE FROM sessions WHERE subject_kind = 'student'`) // only the one made here
	s.CreateSession(ctx, accounts.SessionRow{TokenHash: h2, Kind: "student", SubjectID: kid.Student.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)})
	if _, err := s.Writer.Exec(`DELETE FROM accounts WHERE id = ?`, a.ID); err != nil {
		t.Fatal(err)
	}
	var kinds []string
	rows, _ := s.Reader.Query(`SELECT subject_kind FROM sessions`)
	for rows.Next() {
		var k string
		rows.Scan(&k)
		kinds = append(kinds, k)
	}
	rows.Close()
	if len(kinds) != 1 || kinds[0] != "student" {
		t.Fatalf("sessions left after deleting the account: %v", kinds)
	}
	if problems, err := s.Check(ctx); err != nil || len(problems) != 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
	s.Writer.Exec(`DROP TRIGGER accounts_delete_sessions`)
	b, _ := s.CreateAccount(ctx, accounts.NewAccount{Email: "b@hill.school", DisplayName: "B", Role: "admin", CreatedAt: now}, accounts.Audit{})
	s.CreateSession(ctx, accounts.SessionRow{TokenHash: h1, Kind: "account", SubjectID: b.ID, CreatedAt: now, LastSeenAt: now, ExpiresAt: now.Add(time.Hour)})
	s.Writer.Exec(`DELETE FROM accounts WHERE id = ?`, b.ID)
	if problems, _ := s.Check(ctx); len(problems) != 1 || !strings.Contains(problems[0], "deleted accounts") {
		t.Fatalf("orphan session not reported: %v", problems)
	}
}
