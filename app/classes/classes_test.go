package classes_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/classes"
	"animalgenius/sqlitestore/storetest"
)

// The service on the real store: ownership, typed delete confirmation.
func TestServiceOwnershipAndDelete(t *testing.T) {
	s := storetest.New(t)
	ctx := context.Background()
	mk := func(email, role string) int64 {
		a, err := s.CreateAccount(ctx, accounts.NewAccount{Email: email, DisplayName: email, Role: role, CreatedAt: time.Now()}, accounts.Audit{})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	svc := classes.New(s)
	ana := classes.Viewer{AccountID: mk("ana@hill.school", "teacher")}
	ben := classes.Viewer{AccountID: mk("ben@hill.school", "teacher")}
	root := classes.Viewer{AccountID: mk("root@hill.school", "admin"), Admin: true}
	c, err := svc.Create(ctx, ana, classes.Input{Name: "Room 7"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := svc.Create(ctx, ana, classes.Input{Name: ""}); err == nil {
		t.Fatal("created a class without a name")
	}
	if _, err := svc.Get(ctx, ben, c.ID); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("ben reads ana's class: %v", err)
	}
	if _, err := svc.Get(ctx, root, c.ID); err != nil {
		t.Fatalf("admin reads: %v", err)
	}
	// Visible decides as Get does, reading only the teacher.
	for _, tc := range []struct {
		who  string
		v    classes.Viewer
		id   int64
		want error
	}{{"ana", ana, c.ID, nil}, {"admin", root, c.ID, nil}, {"ben", ben, c.ID, classes.ErrNotFound},
		{"ana, missing class", ana, c.ID + 100, classes.ErrNotFound}, {"admin, missing class", root, c.ID + 100, classes.ErrNotFound},
		{"ana, id 0", ana, 0, classes.ErrNotFound}} {
		if err := svc.Visible(ctx, tc.v, tc.id); !errors.Is(err, tc.want) || (tc.want == nil && err != nil) {
			t.Errorf("Visible for %s: %v, want %v", tc.who, err, tc.want)
		}
	}
	if l, _ := svc.List(ctx, ben, true); len(l) != 0 {
		t.Fatal("a teacher listed every class")
	}
	if l, _ := svc.List(ctx, root, true); len(l) != 1 {
		t.Fatal("an admin did not list every class")
	}
	if l, _ := svc.List(ctx, root, false); len(l) != 0 {
		t.Fatal("an admin's own list has another teacher's class")
	}
	r, err := svc.RotateCode(ctx, ana, c.ID)
	if err != nil || r.Code == c.Code {
		t.Fatalf("rotate: %+v %v", r, err)
	}
	if _, err := svc.Delete(ctx, ben, c.ID, "Room 7"); !errors.Is(err, classes.ErrNotFound) {
		t.Fatalf("ben deletes: %v", err)
	}
	if _, err := svc.Delete(ctx, ana, c.ID, "Room"); !errors.Is(err, classes.ErrConfirm) {
		t.Fatalf("wrong confirmation: %v", err)
	}
	if _, err := svc.Delete(ctx, ana, c.ID, " room  7 "); err != nil {
		t.Fatalf("delete: %v", err)
	}
	if _, err := svc.Get(ctx, ana, c.ID); !errors.Is(err, classes.ErrNotFound) {
		t.Fatal("class still there")
	}
}
