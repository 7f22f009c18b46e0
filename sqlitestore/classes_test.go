package sqlitestore_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// teacher makes an account to own classes.
func teacher(t *testing.T, s *sqlitestore.Store, email string) int64 {
	t.Helper()
	a, err := s.CreateAccount(context.Background(), accounts.NewAccount{Email: email, DisplayName: "T " + email, Role: "teacher", CreatedAt: time.Now()}, accounts.Audit{})
	if err != nil {
		t.Fatal(err)
	}
	return a.ID
}

func newClass(t *testing.T, s *sqlitestore.Store, owner int64, name, code string) classes.Class {
	t.Helper()
	c, err := s.CreateClass(context.Background(), classes.NewClass{TeacherID: owner, Code: code, Now: time.Now(),
		Input: classes.Input{Name: name, Grade: 6, Icon: "owl", Colour: classes.Palette[0]}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestClassStoreOwnershipAndLifecycle(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	ana, ben := teacher(t, s, "ana@hill.school"), teacher(t, s, "ben@hill.school")
	c := newClass(t, s, ana, "Room 7", "ABC234")
	if c.ID == 0 || c.Code != "ABC234" || c.TeacherName != "T ana@hill.school" || c.Students != 0 || c.Archived {
		t.Fatalf("created %+v", c)
	}
	if _, err := s.CreateClass(ctx, classes.NewClass{TeacherID: ben, Code: "ABC234", Now: time.Now(),
		Input: classes.Input{Name: "Other", Icon: "owl", Colour: classes.Palette[0]}}); !errors.Is(err, classes.ErrCodeTaken) {
		t.Fatalf("duplicate code: %v", err)
	}
	// Ben sees nothing of Ana's class; owner 0 (an admin) sees it.
	if _, err := s.ClassByID(ctx, c.ID, ben); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("other teacher read: %v", err)
	}
	name := "Hacked"
	if _, err := s.UpdateClass(ctx, c.ID, ben, classes.Patch{Name: &name}, time.Now()); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("other teacher update: %v", err)
	}
	if _, err := s.SetArchived(ctx, c.ID, ben, true, time.Now()); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("other teacher archive: %v", err)
	}
	if _, err := s.SetClassCode(ctx, c.ID, ben, "XYZ789", time.Now()); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("other teacher rotate: %v", err)
	}
	if _, err := s.DeleteClass(ctx, c.ID, ben); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("other teacher delete: %v", err)
	}
	if got, err := s.ClassByID(ctx, c.ID, 0); err != nil || got.Name != "Room 7" {
		t.Fatalf("admin read: %+v %v", got, err)
	}
	if l, _ := s.ListClasses(ctx, ben); len(l) != 0 {
		t.Fatalf("ben lists %d classes", len(l))
	}
	if l, _ := s.ListClasses(ctx, 0); len(l) != 1 {
		t.Fatalf("admin lists %d classes", len(l))
	}

	retakes, seats := true, 3
	u, err := s.UpdateClass(ctx, c.ID, ana, classes.Patch{AllowRetakes: &retakes, SeatLimit: &seats}, time.Now())
	if err != nil || !u.AllowRetakes || u.SeatLimit != 3 || u.Name != "Room 7" {
		t.Fatalf("update: %+v %v", u, err)
	}
	a, err := s.SetArchived(ctx, c.ID, ana, true, time.Now())
	if err != nil || !a.Archived {
		t.Fatalf("archive: %+v %v", a, err)
	}
	if _, err := s.UpdateClass(ctx, c.ID, ana, classes.Patch{Name: &name}, time.Now()); !errors.Is(err, classes.ErrArchived) {
		t.Fatalf("update archived: %v", err)
	}
	if _, err := s.SetClassCode(ctx, c.ID, ana, "XYZ789", time.Now()); !errors.Is(err, classes.ErrArchived) {
		t.Fatalf("rotate archived: %v", err)
	}
	if a, _ = s.SetArchived(ctx, c.ID, ana, false, time.Now()); a.Archived {
		t.Fatal("unarchive")
	}
	r, err := s.SetClassCode(ctx, c.ID, ana, "XYZ789", time.Now())
	if err != nil || r.Code != "XYZ789" {
		t.Fatalf("rotate: %+v %v", r, err)
	}
}

func TestClassSchemaRules(t *testing.T) {
	s := storetest.New(t)
	ana := teacher(t, s, "ana@hill.school")
	for _, q := range []string{
		`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at) VALUES (%d, 'x', 'owl', '#7C3AED', 'ABC23O', 0, 0)`, // O not in alphabet
		`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at) VALUES (%d, 'x', 'owl', '#7C3AED', 'abc234', 0, 0)`,
		`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at) VALUES (%d, 'x', 'owl', '#7C3AED', 'ABC2345', 0, 0)`,
		`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at) VALUES (%d, '', 'owl', '#7C3AED', 'ABC234', 0, 0)`,
		`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at) VALUES (%d, 'x', 'owl', 'red', 'ABC234', 0, 0)`,
		`INSERT INTO classes (teacher_id, name, icon, colour, code, seat_limit, created_at, updated_at) VALUES (%d, 'x', 'owl', '#7C3AED', 'ABC234', -1, 0, 0)`,
		`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at) VALUES (%d + 1000, 'x', 'owl', '#7C3AED', 'ABC234', 0, 0)`,
	} {
		if _, err := s.Writer.Exec(fmt.Sprintf(q, ana)); err == nil {
			t.Errorf("schema accepted: %s", q)
		}
	}
}
