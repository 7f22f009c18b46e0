package accounts_test

import (
	"context"
	"database/sql"
	"errors"
	"net/netip"
	"testing"

	"animalgenius/app/accounts"
)

func TestLastAdminIsKept(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	root := f.account(t, "root@hill.school", accounts.RoleAdmin)
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	byAna := accounts.ActorFor(&ana, netip.Addr{})
	if _, err := f.svc.SetRole(ctx, byAna, root.ID, accounts.RoleTeacher); !errors.Is(err, accounts.ErrLastAdmin) {
		t.Fatalf("demote the last admin: %v", err)
	}
	if _, err := f.svc.SetDisabled(ctx, byAna, root.ID, true); !errors.Is(err, accounts.ErrLastAdmin) {
		t.Fatalf("disable the last admin: %v", err)
	}
	if err := f.svc.DeleteAccount(ctx, byAna, root.ID, 0); !errors.Is(err, accounts.ErrLastAdmin) {
		t.Fatalf("delete the last admin: %v", err)
	}
	byRoot := accounts.ActorFor(&root, netip.Addr{})
	if _, err := f.svc.SetDisabled(ctx, byRoot, root.ID, true); !errors.Is(err, accounts.ErrSelf) {
		t.Fatalf("disable yourself: %v", err)
	}
	if err := f.svc.DeleteAccount(ctx, byRoot, root.ID, 0); !errors.Is(err, accounts.ErrSelf) {
		t.Fatalf("delete yourself: %v", err)
	}
	// With a second admin, the first may step down.
	if _, err := f.svc.SetRole(ctx, byRoot, ana.ID, accounts.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	if a, err := f.svc.SetRole(ctx, byRoot, root.ID, accounts.RoleTeacher); err != nil || a.Role != accounts.RoleTeacher {
		t.Fatalf("demote with another admin: %+v %v", a, err)
	}
	if _, err := f.svc.SetRole(ctx, byRoot, ana.ID, "owner"); err == nil {
		t.Fatal("unknown role accepted")
	}
	if n, _ := f.svc.NeedsSetup(ctx); n {
		t.Fatal("needs setup with an admin")
	}
}

func TestDisableEndsSessionsAtOnceAndDemotionShowsNextRequest(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	root := f.account(t, "root@hill.school", accounts.RoleAdmin)
	boss := f.account(t, "boss@hill.school", accounts.RoleAdmin)
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	anaTok, bossTok := f.login(t, "ana@hill.school"), f.login(t, "boss@hill.school")
	f.svc.Authenticate(ctx, anaTok, accounts.KindAccount)
	f.svc.Authenticate(ctx, bossTok, accounts.KindAccount)
	var revoked []int64
	f.svc.OnRevoke = func(_ string, id int64) { revoked = append(revoked, id) }
	by := accounts.ActorFor(&root, netip.Addr{})
	if _, err := f.svc.SetDisabled(ctx, by, ana.ID, true); err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.Authenticate(ctx, anaTok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatalf("disabled account's session: %v", err)
	}
	if len(revoked) != 1 || revoked[0] != ana.ID {
		t.Fatalf("OnRevoke %v", revoked)
	}
	if a, err := f.svc.SetDisabled(ctx, by, ana.ID, false); err != nil || a.Disabled {
		t.Fatalf("enable: %+v %v", a, err)
	}
	if _, err := f.svc.Authenticate(ctx, anaTok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatal("enabling brought an ended session back")
	}
	if _, err := f.svc.SetRole(ctx, by, boss.ID, accounts.RoleTeacher); err != nil {
		t.Fatal(err)
	}
	sess, err := f.svc.Authenticate(ctx, bossTok, accounts.KindAccount)
	if err != nil || sess.Account.IsAdmin() {
		t.Fatalf("demoted admin's next request: %+v %v", sess.Account, err)
	}
}

// classesTable stands in for the classes area: it fills Store.Estate the
// way the real classes code must.
func classesTable(t *testing.T, f *fixture) {
	t.Helper()
	if _, err := f.store.Writer.Exec(`CREATE TABLE test_classes (id INTEGER PRIMARY KEY, teacher_id INTEGER NOT NULL, students INTEGER NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	f.store.Estate.Holdings = func(ctx context.Context, db *sql.DB, id int64) (accounts.Holdings, error) {
		var h accounts.Holdings
		err := db.QueryRowContext(ctx, `SELECT count(*), coalesce(sum(students), 0) FROM test_classes WHERE teacher_id = ?`, id).Scan(&h.Classes, &h.Students)
		return h, err
	}
	f.store.Estate.Settle = func(ctx context.Context, tx *sql.Tx, id, heir int64) error {
		if heir > 0 {
			_, err := tx.ExecContext(ctx, `UPDATE test_classes SET teacher_id = ? WHERE teacher_id = ?`, heir, id)
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM test_classes WHERE teacher_id = ?`, id)
		return err
	}
}

func TestDeleteAccountMovesOrDeletesClasses(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	classesTable(t, f)
	root := f.account(t, "root@hill.school", accounts.RoleAdmin)
	ana := f.account(t, "ana@hill.school", accounts.RoleTeacher)
	ben := f.account(t, "ben@hill.school", accounts.RoleTeacher)
	cy := f.account(t, "cy@hill.school", accounts.RoleTeacher)
	f.store.Writer.Exec(`INSERT INTO test_classes (teacher_id, students) VALUES (?, 20), (?, 25), (?, 30)`, ana.ID, ana.ID, ben.ID)
	anaTok := f.login(t, "ana@hill.school")
	by := accounts.ActorFor(&root, netip.Addr{})

	if h, err := f.svc.Holdings(ctx, ana.ID); err != nil || h.Classes != 2 || h.Students != 45 {
		t.Fatalf("holdings %+v %v", h, err)
	}
	// The heir must be another enabled account.
	f.svc.SetDisabled(ctx, by, cy.ID, true)
	for _, heir := range []int64{ana.ID, cy.ID, 9999} {
		if err := f.svc.DeleteAccount(ctx, by, ana.ID, heir); !errors.Is(err, accounts.ErrBadHeir) {
			t.Errorf("heir %d: %v", heir, err)
		}
	}
	if err := f.svc.DeleteAccount(ctx, by, ana.ID, ben.ID); err != nil {
		t.Fatal(err)
	}
	var moved int
	f.store.Reader.QueryRow(`SELECT count(*) FROM test_classes WHERE teacher_id = ?`, ben.ID).Scan(&moved)
	if moved != 3 {
		t.Fatalf("ben has %d classes after taking over, want 3", moved)
	}
	if _, err := f.svc.Authenticate(ctx, anaTok, accounts.KindAccount); !errors.Is(err, accounts.ErrNoSession) {
		t.Fatal("deleted account's session still works")
	}
	if _, err := f.svc.Account(ctx, ana.ID); !errors.Is(err, accounts.ErrNotFound) {
		t.Fatalf("deleted account found: %v", err)
	}
	// Without an heir the classes go with the account.
	if err := f.svc.DeleteAccount(ctx, by, ben.ID, 0); err != nil {
		t.Fatal(err)
	}
	var left int
	f.store.Reader.QueryRow(`SELECT count(*) FROM test_classes`).Scan(&left)
	if left != 0 {
		t.Fatalf("%d classes left after deleting without an heir", left)
	}
	entries, _ := f.svc.Audit(ctx, accounts.AuditFilter{Limit: 50})
	found := 0
	for _, e := range entries {
		if e.Action == "account.delete" {
			found++
		}
	}
	if found != 2 {
		t.Fatalf("audit has %d delete lines, want 2", found)
	}
}

func TestAuditPagination(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	f.account(t, "root@hill.school", accounts.RoleAdmin)
	for i := 0; i < 7; i++ {
		f.login(t, "root@hill.school")
	}
	page1, _ := f.svc.Audit(ctx, accounts.AuditFilter{Limit: 5})
	page2, _ := f.svc.Audit(ctx, accounts.AuditFilter{BeforeID: page1[len(page1)-1].ID, Limit: 5})
	if len(page1) != 5 || len(page2) != 3 || page2[0].ID >= page1[4].ID {
		t.Fatalf("pages of %d and %d", len(page1), len(page2))
	}
	if page1[0].Action != "login" || page1[0].IP != "127.0.0.1" || page1[0].ActorLabel != "root@hill.school" {
		t.Fatalf("newest entry %+v", page1[0])
	}
}
