package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/economy"
)

// Avatar returns a student's colours and worn items.
func (s *Store) Avatar(ctx context.Context, studentID int64) (economy.Avatar, error) {
	a := economy.Avatar{Equipped: map[economy.Slot]int64{}}
	err := s.read.QueryRowContext(ctx, `SELECT primary_colour, secondary_colour FROM avatar_colours WHERE student_id = ?`, studentID).Scan(&a.Primary, &a.Secondary)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return a, fmt.Errorf("store: unable to load avatar: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT slot, item_id FROM equipped_items WHERE student_id = ?`, studentID)
	if err != nil {
		return a, fmt.Errorf("store: unable to load worn items: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var slot economy.Slot
		var id int64
		if err := rows.Scan(&slot, &id); err != nil {
			return a, err
		}
		a.Equipped[slot] = id
	}
	return a, rows.Err()
}

// SaveAvatar replaces the student's colours and worn items. Every worn
// item must be owned and belong in its slot; otherwise nothing changes.
func (s *Store) SaveAvatar(ctx context.Context, studentID int64, a economy.Avatar, now time.Time) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		if err := studentWritable(ctx, wtx{tx, s}, studentID); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO avatar_colours (student_id, primary_colour, secondary_colour, updated_at) VALUES (?, ?, ?, ?)
			ON CONFLICT (student_id) DO UPDATE SET primary_colour = excluded.primary_colour, secondary_colour = excluded.secondary_colour, updated_at = excluded.updated_at`,
			studentID, a.Primary, a.Secondary, now.UnixMilli()); err != nil {
			return fmt.Errorf("store: unable to save colours: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM equipped_items WHERE student_id = ?`, studentID); err != nil {
			return err
		}
		for slot, itemID := range a.Equipped {
			var itemSlot economy.Slot
			err := tx.QueryRowContext(ctx, `SELECT i.slot FROM inventory v JOIN store_items i ON i.id = v.item_id
				WHERE v.student_id = ? AND v.item_id = ?`, studentID, itemID).Scan(&itemSlot)
			if errors.Is(err, sql.ErrNoRows) {
				return economy.ErrNotOwned
			}
			if err != nil {
				return err
			}
			if itemSlot != slot {
				return economy.ErrWrongSlot
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO equipped_items (student_id, slot, item_id) VALUES (?, ?, ?)`, studentID, slot, itemID); err != nil {
				return fmt.Errorf("store: unable to wear item: %w", err)
			}
		}
		return nil
	})
}
