package sqlitestore_test

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app/economy"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

var t0 = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

func newEconomyStore(t testing.TB) *sqlitestore.Store {
	t.Helper()
	s := storetest.New(t)
	c, err := economy.Starter()
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SeedCatalog(context.Background(), c, t0); err != nil {
		t.Fatal(err)
	}
	storetest.FixtureAccount(t, s, "admin") // a box without an admin is a check problem of its own
	return s
}

func req(kind string, id int64, key string) economy.Request {
	return economy.Request{Actor: economy.Actor{Kind: kind, ID: id}, Key: key, RequestHash: sha256.Sum256([]byte(key))}
}

func coinsOf(t testing.TB, s *sqlitestore.Store, id int64) int {
	t.Helper()
	st, err := s.Student(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return st.Coins
}

func assertConsistent(t testing.TB, s *sqlitestore.Store) {
	t.Helper()
	problems, err := s.Check(context.Background())
	if err != nil || len(problems) > 0 {
		t.Fatalf("check: %v %v", problems, err)
	}
}

func itemByCode(t testing.TB, s *sqlitestore.Store, code string) economy.Item {
	t.Helper()
	c, err := s.Catalog(context.Background(), true)
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range c.Items {
		if it.Code == code {
			return it
		}
	}
	t.Fatalf("no item %s", code)
	return economy.Item{}
}

func TestSeedCatalogIsIdempotentAndKeepsAdminChanges(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	hat := itemByCode(t, s, "hat-party")
	hat.Price, hat.Active = 999, false
	if _, err := s.UpdateItem(ctx, hat, t0); err != nil {
		t.Fatal(err)
	}
	c, _ := economy.Starter()
	if err := s.SeedCatalog(ctx, c, t0); err != nil {
		t.Fatal(err)
	}
	all, _ := s.Catalog(ctx, true)
	active, _ := s.Catalog(ctx, false)
	if len(all.Items) != len(c.Items) || len(all.Species) != len(c.Species) || len(active.Items) != len(c.Items)-1 {
		t.Fatalf("items %d/%d, species %d", len(all.Items), len(active.Items), len(all.Species))
	}
	if got := itemByCode(t, s, "hat-party"); got.Price != 999 || got.Active {
		t.Fatalf("seeding again undid the admin's change: %+v", got)
	}
}

func TestGrantGiveAndTake(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 3, 50)
	other, otherIDs := seedClass(t, s, 1, 50)
	_ = other

	res, err := s.Grant(ctx, economy.GrantRequest{Request: req("account", 1, "give-two-students-1"), ClassID: class, StudentIDs: ids[:2], Amount: 10, Type: economy.TypeTeacherGift, Reason: "Great teamwork"}, t0)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Balances) != 2 || res.Balances[0].Coins != 60 || coinsOf(t, s, ids[2]) != 50 {
		t.Fatalf("give = %+v", res)
	}

	// A take below zero names the students and changes nothing.
	_, err = s.Grant(ctx, economy.GrantRequest{Request: req("account", 1, "take-whole-class-1"), ClassID: class, All: true, Amount: 55, Take: true, Type: economy.TypeTeacherTake}, t0)
	var short *economy.ShortfallError
	if !errors.As(err, &short) || len(short.Students) != 1 || short.Students[0].ID != ids[2] || short.Students[0].Coins != 50 {
		t.Fatalf("take = %v", err)
	}
	for i, want := range []int{60, 60, 50} {
		if got := coinsOf(t, s, ids[i]); got != want {
			t.Fatalf("student %d has %d after a refused take, want %d", i, got, want)
		}
	}

	// A student of another class makes the whole request fail.
	_, err = s.Grant(ctx, economy.GrantRequest{Request: req("account", 1, "give-mixed-classes"), ClassID: class, StudentIDs: []int64{ids[0], otherIDs[0]}, Amount: 5, Type: economy.TypeTeacherGift}, t0)
	if !errors.Is(err, economy.ErrStudentNotFound) || coinsOf(t, s, ids[0]) != 60 || coinsOf(t, s, otherIDs[0]) != 50 {
		t.Fatalf("mixed classes = %v", err)
	}

	res, err = s.Grant(ctx, economy.GrantRequest{Request: req("account", 1, "take-whole-class-2"), ClassID: class, All: true, Amount: 50, Take: true, Type: economy.TypeTeacherTake, Reason: "Oops"}, t0)
	if err != nil || len(res.Balances) != 3 || coinsOf(t, s, ids[2]) != 0 {
		t.Fatalf("take = %+v %v", res, err)
	}
	hist, err := s.Ledger(ctx, ids[0], 0, 10)
	if err != nil || len(hist) != 3 || hist[0].Amount != -50 || hist[0].Type != economy.TypeTeacherTake || *hist[0].BalanceAfter != 10 || hist[2].Type != economy.TypeWelcomeBonus {
		t.Fatalf("history = %+v %v", hist, err)
	}
	older, _ := s.Ledger(ctx, ids[0], hist[0].ID, 10)
	if len(older) != 2 || older[0].ID != hist[1].ID {
		t.Fatalf("paging = %+v", older)
	}
	assertConsistent(t, s)
}

func TestGrantIdempotency(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 2, 0)
	r := economy.GrantRequest{Request: req("account", 7, "same-key-0123456789"), ClassID: class, All: true, Amount: 25, Type: economy.TypeTeacherGift}
	for i := 0; i < 3; i++ {
		res, err := s.Grant(ctx, r, t0)
		if err != nil || len(res.Balances) != 2 || res.Balances[0].Coins != 25 {
			t.Fatalf("try %d = %+v %v", i, res, err)
		}
	}
	if coinsOf(t, s, ids[0]) != 25 {
		t.Fatal("a retried grant moved coins twice")
	}
	// The same key for another request is refused; another actor's same key is its own.
	r2 := r
	r2.RequestHash = sha256.Sum256([]byte("different"))
	if _, err := s.Grant(ctx, r2, t0); !errors.Is(err, economy.ErrKeyReused) {
		t.Fatalf("reused key = %v", err)
	}
	r3 := r
	r3.Actor.ID = 8
	if _, err := s.Grant(ctx, r3, t0); err != nil || coinsOf(t, s, ids[0]) != 50 {
		t.Fatalf("another teacher's key = %v", err)
	}
	if n, err := s.PurgeIdempotencyKeys(ctx, t0.Add(time.Hour)); err != nil || n != 2 {
		t.Fatalf("purge = %d %v", n, err)
	}
	assertConsistent(t, s)
}

func TestPurchaseRules(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 1, 50)
	kid := ids[0]
	hat := itemByCode(t, s, "hat-party")   // 25
	crown := itemByCode(t, s, "hat-crown") // 200
	buy := func(item int64, key string) (economy.PurchaseResult, error) {
		return s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, key), StudentID: kid, ItemID: item}, t0)
	}
	if _, err := buy(hat.ID, "closed-store-0001"); !errors.Is(err, economy.ErrStoreClosed) {
		t.Fatalf("closed store = %v", err)
	}
	if err := s.SetStoreOpen(ctx, class, true, t0); err != nil {
		t.Fatal(err)
	}
	res, err := buy(hat.ID, "buy-party-hat-0001")
	if err != nil || res.Coins != 25 || res.Item.ID != hat.ID {
		t.Fatalf("buy = %+v %v", res, err)
	}
	if _, err := buy(hat.ID, "buy-party-hat-0002"); !errors.Is(err, economy.ErrAlreadyOwned) {
		t.Fatalf("second buy = %v", err)
	}
	var nec *economy.NotEnoughCoinsError
	if _, err := buy(crown.ID, "buy-crown-000001"); !errors.As(err, &nec) || nec.Need != 200 || nec.Have != 25 {
		t.Fatalf("too dear = %v", err)
	}
	if _, err := buy(99999, "buy-nothing-00001"); !errors.Is(err, economy.ErrNotFound) {
		t.Fatalf("unknown item = %v", err)
	}
	glasses := itemByCode(t, s, "glasses-round")
	glasses.Active = false
	if _, err := s.UpdateItem(ctx, glasses, t0); err != nil {
		t.Fatal(err)
	}
	if _, err := buy(glasses.ID, "buy-inactive-0001"); !errors.Is(err, economy.ErrItemInactive) {
		t.Fatalf("inactive = %v", err)
	}
	inv, err := s.Inventory(ctx, kid)
	if err != nil || len(inv) != 1 || inv[0].PricePaid != 25 {
		t.Fatalf("inventory = %+v %v", inv, err)
	}
	if coinsOf(t, s, kid) != 25 {
		t.Fatal("a refused purchase moved coins")
	}
	assertConsistent(t, s)
}

// 100 concurrent purchases of one item by a student who can afford one:
// exactly one purchase and one debit, whatever keys the requests carry.
func TestConcurrentPurchasesOfOneItem(t *testing.T) {
	for _, sameKey := range []bool{false, true} {
		t.Run(fmt.Sprintf("sameKey=%v", sameKey), func(t *testing.T) {
			s := newEconomyStore(t)
			ctx := context.Background()
			class, ids := seedClass(t, s, 1, 30)
			s.SetStoreOpen(ctx, class, true, t0)
			hat := itemByCode(t, s, "hat-party")
			var wg sync.WaitGroup
			var mu sync.Mutex
			ok := 0
			for i := 0; i < 100; i++ {
				wg.Add(1)
				go func(i int) {
					defer wg.Done()
					key := fmt.Sprintf("concurrent-key-%04d", i)
					if sameKey {
						key = "concurrent-key-same"
					}
					_, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", ids[0], key), StudentID: ids[0], ItemID: hat.ID}, t0)
					if err == nil {
						mu.Lock()
						ok++
						mu.Unlock()
					} else if !errors.Is(err, economy.ErrAlreadyOwned) {
						t.Errorf("purchase %d: %v", i, err)
					}
				}(i)
			}
			wg.Wait()
			var debits, owned int
			s.Reader.QueryRow(`SELECT COUNT(*) FROM coin_ledger WHERE student_id = ? AND amount < 0`, ids[0]).Scan(&debits)
			s.Reader.QueryRow(`SELECT COUNT(*) FROM inventory WHERE student_id = ?`, ids[0]).Scan(&owned)
			if debits != 1 || owned != 1 || coinsOf(t, s, ids[0]) != 5 {
				t.Fatalf("debits %d, owned %d, coins %d", debits, owned, coinsOf(t, s, ids[0]))
			}
			if !sameKey && ok != 1 {
				t.Fatalf("%d purchases succeeded", ok)
			}
			assertConsistent(t, s)
		})
	}
}

// Gifts and purchases racing each other keep every balance equal to its ledger sum.
func TestConcurrentGiftAndPurchase(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 5, 20)
	s.SetStoreOpen(ctx, class, true, t0)
	cat, _ := s.Catalog(ctx, false)
	var wg sync.WaitGroup
	for i := 0; i < 40; i++ {
		wg.Add(2)
		go func(i int) {
			defer wg.Done()
			s.Grant(ctx, economy.GrantRequest{Request: req("account", 1, fmt.Sprintf("gift-race-%06d", i)), ClassID: class, All: true, Amount: 7, Type: economy.TypeTeacherGift}, t0)
		}(i)
		go func(i int) {
			defer wg.Done()
			kid := ids[i%len(ids)]
			it := cat.Items[i%len(cat.Items)]
			s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, fmt.Sprintf("buy-race-%06d", i)), StudentID: kid, ItemID: it.ID}, t0)
		}(i)
	}
	wg.Wait()
	assertConsistent(t, s)
	for _, id := range ids {
		if coinsOf(t, s, id) < 0 {
			t.Fatal("negative balance")
		}
	}
}

func TestLedgerIsAppendOnlyAndCheckFindsTampering(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 2, 50)
	for _, q := range []string{`UPDATE coin_ledger SET amount = 5000`, `DELETE FROM coin_ledger`} {
		err := s.Write(ctx, func(tx *sql.Tx) error { _, err := tx.ExecContext(ctx, q); return err })
		if err == nil {
			t.Fatalf("%s was allowed", q)
		}
	}
	// Tampering with a balance is found by check.
	s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE students SET coins = 999 WHERE id = ?`, ids[0])
		return err
	})
	problems, err := s.Check(ctx)
	if err != nil || len(problems) != 1 {
		t.Fatalf("check = %v %v", problems, err)
	}
	// Deleting the class takes the students and their ledger with it.
	err = s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM classes WHERE id = ?`, class)
		return err
	})
	if err != nil {
		t.Fatalf("class delete: %v", err)
	}
	var n int
	s.Reader.QueryRow(`SELECT COUNT(*) FROM coin_ledger`).Scan(&n)
	if n != 0 {
		t.Fatalf("%d ledger rows left", n)
	}
	assertConsistent(t, s)
}

func TestClassEconomyTotals(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 3, 50)
	s.SetStoreOpen(ctx, class, true, t0)
	s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", ids[0], "totals-buy-00001"), StudentID: ids[0], ItemID: itemByCode(t, s, "hat-party").ID}, t0)
	ce, err := s.ClassEconomy(ctx, class)
	if err != nil || !ce.StoreOpen || len(ce.Students) != 3 || ce.Given != 150 || ce.Spent != 25 {
		t.Fatalf("class economy = %+v %v", ce, err)
	}
}

// An archived class is read-only: no coins move, the store is closed,
// avatars and pets stay as they are.
func TestArchivedClassIsReadOnly(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 1, 100)
	kid := ids[0]
	s.SetStoreOpen(ctx, class, true, t0)
	hat := itemByCode(t, s, "hat-party")
	if _, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, "archive-buy-00001"), StudentID: kid, ItemID: hat.ID}, t0); err != nil {
		t.Fatal(err)
	}
	cat, _ := s.Catalog(ctx, false)
	if _, err := s.BuyPet(ctx, economy.BuyPetRequest{Request: req("student", kid, "archive-pet-00001"), StudentID: kid, SpeciesID: cat.Species[0].ID, Name: "Rex"}, t0); err != nil {
		t.Fatal(err)
	}
	if err := s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE classes SET archived_at = ? WHERE id = ?`, t0.UnixMilli(), class)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	if open, err := s.StoreOpen(ctx, class); err != nil || open {
		t.Fatalf("archived store open = %v %v", open, err)
	}
	checks := map[string]error{}
	_, checks["grant"] = s.Grant(ctx, economy.GrantRequest{Request: req("account", 1, "archive-give-0001"), ClassID: class, All: true, Amount: 5, Type: economy.TypeTeacherGift}, t0)
	_, checks["purchase"] = s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, "archive-buy-00002"), StudentID: kid, ItemID: itemByCode(t, s, "neck-bowtie").ID}, t0)
	_, checks["care"] = s.CarePet(ctx, economy.CareRequest{Request: req("student", kid, "archive-feed-0001"), StudentID: kid, Action: "feed"}, t0.Add(time.Hour))
	checks["rename"] = s.RenamePet(ctx, kid, "Max")
	checks["avatar"] = s.SaveAvatar(ctx, kid, economy.Avatar{Equipped: map[economy.Slot]int64{economy.SlotHat: hat.ID}}, t0)
	checks["store toggle"] = s.SetStoreOpen(ctx, class, false, t0)
	for what, err := range checks {
		if !errors.Is(err, economy.ErrClassArchived) {
			t.Errorf("%s in an archived class: %v", what, err)
		}
	}
	if coinsOf(t, s, kid) != 100-hat.Price-cat.Species[0].Price {
		t.Fatal("coins moved in an archived class")
	}
	assertConsistent(t, s)
}

func TestCheckWalksEveryStudentsBalanceChain(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 2, 50)
	if _, err := s.Grant(ctx, economy.GrantRequest{ClassID: class, StudentIDs: []int64{ids[0]}, Amount: 7, Type: economy.TypeTeacherGift,
		Reason: "Tidy desk", Request: req("system", 0, "")}, t0); err != nil {
		t.Fatal(err)
	}
	assertConsistent(t, s)
	// A row whose balance_after is wrong (or missing) is found even though
	// the balance still equals the ledger's sum. The append-only guard is
	// lifted the way only a hand-edited database could.
	tamper := func(q string, args ...any) {
		t.Helper()
		err := s.Write(ctx, func(tx *sql.Tx) error {
			for _, stmt := range []string{`DROP TRIGGER coin_ledger_append_only_update`, q,
				`CREATE TRIGGER coin_ledger_append_only_update BEFORE UPDATE ON coin_ledger BEGIN SELECT RAISE(ABORT, 'coin_ledger is append-only'); END`} {
				a := args
				if stmt != q {
					a = nil
				}
				if _, err := tx.ExecContext(ctx, stmt, a...); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	tamper(`UPDATE coin_ledger SET balance_after = 51 WHERE student_id = ? AND type = 'teacher_gift'`, ids[0])
	tamper(`UPDATE coin_ledger SET balance_after = NULL WHERE student_id = ?`, ids[1])
	problems, err := s.Check(ctx)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{fmt.Sprintf("of student %d says the balance after it is 51 but the rows up to it add up to 57", ids[0]),
		fmt.Sprintf("of student %d has no balance after it (the rows up to it add up to 50)", ids[1])}
	if len(problems) != len(want) {
		t.Fatalf("check = %q, want %d problems", problems, len(want))
	}
	for i, w := range want {
		if !strings.Contains(problems[i], w) {
			t.Errorf("problem %d = %q, want it to contain %q", i, problems[i], w)
		}
	}
}

func TestMigration0009FillsMissingBalances(t *testing.T) {
	// A box upgraded from before 0009 has welcome rows without balance_after:
	// the migration fills each with the running sum, and check is happy.
	s := newEconomyStore(t)
	ctx := context.Background()
	c := newClass(t, s, storetest.FixtureTeacher(t, s), "Room 9", "XYZ234")
	sub, err := s.CreateStudent(ctx, newStudent("XYZ234", "Maya", "R", randomKey(), otterResult))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Grant(ctx, economy.GrantRequest{ClassID: c.ID, StudentIDs: []int64{sub.Student.ID}, Amount: 5, Type: economy.TypeTeacherGift,
		Reason: "Helper", Request: req("system", 0, "")}, t0); err != nil {
		t.Fatal(err)
	}
	// Down to before 0009: the welcome row loses its balance, as it was
	// written then.
	migrateBelow(t, s, 9)
	if n := count(t, s, `SELECT count(*) FROM coin_ledger WHERE balance_after IS NULL`); n != 1 {
		t.Fatalf("%d rows without a balance after going down, want the welcome row", n)
	}
	if err := s.MigrateUp(); err != nil {
		t.Fatal(err)
	}
	var welcome, gift int
	s.Reader.QueryRow(`SELECT balance_after FROM coin_ledger WHERE type = 'welcome_bonus'`).Scan(&welcome)
	s.Reader.QueryRow(`SELECT balance_after FROM coin_ledger WHERE type = 'teacher_gift'`).Scan(&gift)
	if welcome != 50 || gift != 55 {
		t.Fatalf("balances after the fill: welcome %d, gift %d; want 50, 55", welcome, gift)
	}
	assertConsistent(t, s)
}

// migrateBelow takes the schema down step by step until version is no
// longer applied, whatever migrations came after it.
func migrateBelow(t *testing.T, s *sqlitestore.Store, version uint) {
	t.Helper()
	for range 100 {
		st, err := s.Status()
		if err != nil {
			t.Fatal(err)
		}
		if st.Current < version {
			return
		}
		if err := s.MigrateSteps(-1); err != nil {
			t.Fatal(err)
		}
	}
	t.Fatalf("schema still at or above %d after 100 steps down", version)
}
