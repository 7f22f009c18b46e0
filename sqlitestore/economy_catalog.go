package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/economy"
)

// SeedCatalog adds the shipped items and species that are not there yet.
// An admin's changes to a seeded entry (price, active) are kept.
func (s *Store) SeedCatalog(ctx context.Context, c economy.StarterCatalog, now time.Time) error {
	err := s.Write(ctx, func(tx *sql.Tx) error {
		for i, it := range c.Items {
			if _, err := tx.ExecContext(ctx, `INSERT INTO store_items (code, name, slot, rarity, price, image, active, sort_order, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
				it.Code, it.Name, it.Slot, it.Rarity, it.Price, it.Image, i, now.UnixMilli(), now.UnixMilli()); err != nil {
				return err
			}
		}
		for i, sp := range c.Species {
			if _, err := tx.ExecContext(ctx, `INSERT INTO pet_species (code, name, rarity, price, hunger_rate, happiness_rate, art, active, sort_order, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT (code) DO NOTHING`,
				sp.Code, sp.Name, sp.Rarity, sp.Price, sp.HungerRate, sp.HappinessRate, sp.Art, i, now.UnixMilli(), now.UnixMilli()); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("store: unable to seed the catalog: %w", err)
	}
	return nil
}

const itemColumns = `id, code, name, slot, rarity, price, image, active`

func scanItem(row interface{ Scan(...any) error }) (economy.Item, error) {
	var it economy.Item
	err := row.Scan(&it.ID, &it.Code, &it.Name, &it.Slot, &it.Rarity, &it.Price, &it.Image, &it.Active)
	it.Thumb = economy.ThumbOf(it.Image)
	return it, err
}

const speciesColumns = `id, code, name, rarity, price, hunger_rate, happiness_rate, art, active`

func scanSpecies(row interface{ Scan(...any) error }) (economy.Species, error) {
	var sp economy.Species
	err := row.Scan(&sp.ID, &sp.Code, &sp.Name, &sp.Rarity, &sp.Price, &sp.HungerRate, &sp.HappinessRate, &sp.Art, &sp.Active)
	return sp, err
}

// Catalog lists items (by slot order, then the admin's order) and species.
func (s *Store) Catalog(ctx context.Context, includeInactive bool) (economy.Catalog, error) {
	c := economy.Catalog{Items: []economy.Item{}, Species: []economy.Species{}}
	where := ` WHERE active = 1`
	if includeInactive {
		where = ``
	}
	rows, err := s.read.QueryContext(ctx, `SELECT `+itemColumns+` FROM store_items`+where+`
		ORDER BY CASE slot WHEN 'hat' THEN 0 WHEN 'glasses' THEN 1 WHEN 'neck' THEN 2 ELSE 3 END, price, sort_order, id`)
	if err != nil {
		return c, fmt.Errorf("store: unable to list items: %w", err)
	}
	for rows.Next() {
		it, err := scanItem(rows)
		if err != nil {
			rows.Close()
			return c, err
		}
		c.Items = append(c.Items, it)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return c, err
	}
	rows, err = s.read.QueryContext(ctx, `SELECT `+speciesColumns+` FROM pet_species`+where+` ORDER BY price, sort_order, id`)
	if err != nil {
		return c, fmt.Errorf("store: unable to list species: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		sp, err := scanSpecies(rows)
		if err != nil {
			return c, err
		}
		c.Species = append(c.Species, sp)
	}
	return c, rows.Err()
}

func uniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// CreateItem adds an item to the catalog.
func (s *Store) CreateItem(ctx context.Context, it economy.Item, now time.Time) (economy.Item, error) {
	var out economy.Item
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanItem(tx.QueryRowContext(ctx, `INSERT INTO store_items (code, name, slot, rarity, price, image, active, sort_order, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM store_items), ?, ?) RETURNING `+itemColumns,
			it.Code, it.Name, it.Slot, it.Rarity, it.Price, it.Image, it.Active, now.UnixMilli(), now.UnixMilli()))
		return err
	})
	if uniqueViolation(err) {
		return out, economy.ErrCodeTaken
	}
	if err != nil {
		return out, fmt.Errorf("store: unable to create item: %w", err)
	}
	return out, nil
}

// UpdateItem changes an item's name, slot, rarity, price, image and active flag.
func (s *Store) UpdateItem(ctx context.Context, it economy.Item, now time.Time) (economy.Item, error) {
	var out economy.Item
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanItem(tx.QueryRowContext(ctx, `UPDATE store_items SET name = ?, slot = ?, rarity = ?, price = ?, image = ?, active = ?, updated_at = ?
			WHERE id = ? RETURNING `+itemColumns, it.Name, it.Slot, it.Rarity, it.Price, it.Image, it.Active, now.UnixMilli(), it.ID))
		if errors.Is(err, sql.ErrNoRows) {
			return economy.ErrNotFound
		}
		if err != nil {
			return err
		}
		// A worn item that moved to another slot is taken off.
		_, err = tx.ExecContext(ctx, `DELETE FROM equipped_items WHERE item_id = ? AND slot <> ?`, it.ID, it.Slot)
		return err
	})
	if errors.Is(err, economy.ErrNotFound) {
		return out, err
	}
	if err != nil {
		return out, fmt.Errorf("store: unable to update item: %w", err)
	}
	return out, nil
}

// CreateSpecies adds a pet species.
func (s *Store) CreateSpecies(ctx context.Context, sp economy.Species, now time.Time) (economy.Species, error) {
	var out economy.Species
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanSpecies(tx.QueryRowContext(ctx, `INSERT INTO pet_species (code, name, rarity, price, hunger_rate, happiness_rate, art, active, sort_order, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, (SELECT COALESCE(MAX(sort_order), 0) + 1 FROM pet_species), ?, ?) RETURNING `+speciesColumns,
			sp.Code, sp.Name, sp.Rarity, sp.Price, sp.HungerRate, sp.HappinessRate, sp.Art, sp.Active, now.UnixMilli(), now.UnixMilli()))
		return err
	})
	if uniqueViolation(err) {
		return out, economy.ErrCodeTaken
	}
	if err != nil {
		return out, fmt.Errorf("store: unable to create species: %w", err)
	}
	return out, nil
}

// UpdateSpecies changes a species' name, rarity, price, rates and active
// flag. Its art stays: it names the mood pictures.
func (s *Store) UpdateSpecies(ctx context.Context, sp economy.Species, now time.Time) (economy.Species, error) {
	var out economy.Species
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var err error
		out, err = scanSpecies(tx.QueryRowContext(ctx, `UPDATE pet_species SET name = ?, rarity = ?, price = ?, hunger_rate = ?, happiness_rate = ?, active = ?, updated_at = ?
			WHERE id = ? RETURNING `+speciesColumns, sp.Name, sp.Rarity, sp.Price, sp.HungerRate, sp.HappinessRate, sp.Active, now.UnixMilli(), sp.ID))
		return err
	})
	if errors.Is(err, sql.ErrNoRows) {
		return out, economy.ErrNotFound
	}
	if err != nil {
		return out, fmt.Errorf("store: unable to update species: %w", err)
	}
	return out, nil
}
