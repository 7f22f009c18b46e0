package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/achievements"
	"animalgenius/app/economy"
)

// ClassOwner returns the id of the teacher who owns the class.
func (s *Store) ClassOwner(ctx context.Context, classID int64) (int64, error) {
	var owner int64
	err := s.read.QueryRowContext(ctx, `SELECT teacher_id FROM classes WHERE id = ?`, classID).Scan(&owner)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, economy.ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to load class: %w", err)
	}
	return owner, nil
}

// StoreOpen tells whether a class's store is open (closed until opened,
// and always closed while the class is archived).
func (s *Store) StoreOpen(ctx context.Context, classID int64) (bool, error) {
	var open bool
	err := s.read.QueryRowContext(ctx, `SELECT COALESCE(cs.open, 0) AND c.archived_at IS NULL
		FROM classes c LEFT JOIN class_stores cs ON cs.class_id = c.id WHERE c.id = ?`, classID).Scan(&open)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("store: unable to read store state: %w", err)
	}
	return open, nil
}

// SetStoreOpen opens or closes a class's store.
func (s *Store) SetStoreOpen(ctx context.Context, classID int64, open bool, now time.Time) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := classWritable(ctx, tx, classID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO class_stores (class_id, open, updated_at) VALUES (?, ?, ?)
			ON CONFLICT (class_id) DO UPDATE SET open = excluded.open, updated_at = excluded.updated_at`, classID, open, now.UnixMilli())
		return err
	})
	if errors.Is(err, economy.ErrClassArchived) || errors.Is(err, economy.ErrNotFound) {
		return err
	}
	if err != nil {
		return fmt.Errorf("store: unable to set store state: %w", err)
	}
	return nil
}

// classWritable refuses changes to an archived (read-only) class.
func classWritable(ctx context.Context, tx *sql.Tx, classID int64) error {
	var archived bool
	err := tx.QueryRowContext(ctx, `SELECT archived_at IS NOT NULL FROM classes WHERE id = ?`, classID).Scan(&archived)
	if errors.Is(err, sql.ErrNoRows) {
		return economy.ErrNotFound
	}
	if err != nil {
		return err
	}
	if archived {
		return economy.ErrClassArchived
	}
	return nil
}

// studentWritable refuses changes for a student of an archived class.
func studentWritable(ctx context.Context, tx wtx, studentID int64) error {
	var archived bool
	err := tx.row(ctx, qStudentWritable, studentID).Scan(&archived)
	if errors.Is(err, sql.ErrNoRows) {
		return economy.ErrNotFound
	}
	if err != nil {
		return err
	}
	if archived {
		return economy.ErrClassArchived
	}
	return nil
}

// buyer loads what every purchase checks first: the balance and whether
// the student's class store is open (an archived class is read-only).
func buyer(ctx context.Context, tx wtx, studentID int64) (coins int, open bool, err error) {
	var archived bool
	err = tx.row(ctx, qBuyer, studentID).Scan(&coins, &open, &archived)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, false, economy.ErrNotFound
	}
	if err == nil && archived {
		return 0, false, economy.ErrClassArchived
	}
	return coins, open, err
}

// Purchase buys one item when economy.CheckSale allows it (open store,
// active item, not owned, enough coins): the debit and the inventory row,
// in one transaction.
func (s *Store) Purchase(ctx context.Context, r economy.PurchaseRequest, now time.Time) (economy.PurchaseResult, error) {
	var out economy.PurchaseResult
	err := s.WriteGrouped(ctx, func(tx *sql.Tx) error {
		var err error
		w := wtx{tx, s}
		out, err = idempotent(ctx, w, r.Request, now, func() (economy.PurchaseResult, error) {
			return purchase(ctx, w, r, now)
		})
		return err
	})
	return out, err
}

func purchase(ctx context.Context, tx wtx, r economy.PurchaseRequest, now time.Time) (economy.PurchaseResult, error) {
	var res economy.PurchaseResult
	coins, open, err := buyer(ctx, tx, r.StudentID)
	if err != nil {
		return res, err
	}
	sale := economy.Sale{StoreOpen: open, Coins: coins}
	it, err := scanItem(tx.row(ctx, qItemByID, r.ItemID))
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return res, err
	}
	if err == nil {
		var owned int
		if err := tx.row(ctx, qOwned, r.StudentID, it.ID).Scan(&owned); err != nil {
			return res, err
		}
		sale.Exists, sale.Active, sale.Price, sale.Owned = true, it.Active, it.Price, owned > 0
	}
	if err := economy.CheckSale(sale); err != nil {
		return res, err
	}
	bal, err := appendLedger(ctx, tx, r.StudentID, -it.Price, economy.TypePurchase, it.Name, r.Actor, now)
	if err != nil {
		return res, err
	}
	if _, err := tx.exec(ctx, qInventoryAdd, r.StudentID, it.ID, it.Price, now.UnixMilli()); err != nil {
		return res, fmt.Errorf("store: unable to add to inventory: %w", err)
	}
	if err := grantAchievements(ctx, tx, []int64{r.StudentID}, achievements.Event{Kind: achievements.Purchased}, now); err != nil {
		return res, err
	}
	return economy.PurchaseResult{Coins: bal, Item: it}, nil
}

// Inventory lists what a student owns, newest first.
func (s *Store) Inventory(ctx context.Context, studentID int64) ([]economy.OwnedItem, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT i.id, i.code, i.name, i.slot, i.rarity, i.price, i.image, i.active, v.price_paid, v.acquired_at
		FROM inventory v JOIN store_items i ON i.id = v.item_id WHERE v.student_id = ? ORDER BY v.acquired_at DESC, i.id`, studentID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list inventory: %w", err)
	}
	defer rows.Close()
	out := []economy.OwnedItem{}
	for rows.Next() {
		var o economy.OwnedItem
		var at int64
		if err := rows.Scan(&o.ID, &o.Code, &o.Name, &o.Slot, &o.Rarity, &o.Price, &o.Image, &o.Active, &o.PricePaid, &at); err != nil {
			return nil, err
		}
		o.AcquiredAt = time.UnixMilli(at).UTC()
		o.Thumb = economy.ThumbOf(o.Image)
		out = append(out, o)
	}
	return out, rows.Err()
}

// ClassEconomy lists a class's students with their coins, and the class's
// coins given and spent so far.
func (s *Store) ClassEconomy(ctx context.Context, classID int64) (economy.ClassEconomy, error) {
	ce := economy.ClassEconomy{ClassID: classID, Students: []economy.StudentRef{}}
	var err error
	if ce.StoreOpen, err = s.StoreOpen(ctx, classID); err != nil {
		return ce, err
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+studentColumns+` FROM students WHERE class_id = ? ORDER BY first_name, last_initial, id`, classID)
	if err != nil {
		return ce, fmt.Errorf("store: unable to list students: %w", err)
	}
	for rows.Next() {
		st, err := scanStudent(rows)
		if err != nil {
			rows.Close()
			return ce, err
		}
		ce.Students = append(ce.Students, st)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return ce, err
	}
	err = s.read.QueryRowContext(ctx, `SELECT COALESCE(SUM(CASE WHEN l.amount > 0 THEN l.amount END), 0), COALESCE(-SUM(CASE WHEN l.amount < 0 THEN l.amount END), 0)
		FROM coin_ledger l JOIN students s ON s.id = l.student_id WHERE s.class_id = ?`, classID).Scan(&ce.Given, &ce.Spent)
	if err != nil {
		return ce, fmt.Errorf("store: unable to total the class ledger: %w", err)
	}
	return ce, nil
}
