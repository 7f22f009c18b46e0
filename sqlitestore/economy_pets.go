package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/achievements"
	"animalgenius/app/economy"
	"animalgenius/app/pets"
)

const petColumns = `p.id, p.student_id, p.name, p.hunger, p.happiness, p.last_at, p.fed_at, p.played_at, p.petted_at, p.created_at,
	sp.id, sp.code, sp.name, sp.rarity, sp.price, sp.hunger_rate, sp.happiness_rate, sp.art, sp.active`

func scanPet(row interface{ Scan(...any) error }) (*economy.Pet, error) {
	var p economy.Pet
	var last, created int64
	var fed, played, petted sql.NullInt64
	sp := &p.Species
	if err := row.Scan(&p.ID, &p.StudentID, &p.Name, &p.State.Hunger, &p.State.Happiness, &last, &fed, &played, &petted, &created,
		&sp.ID, &sp.Code, &sp.Name, &sp.Rarity, &sp.Price, &sp.HungerRate, &sp.HappinessRate, &sp.Art, &sp.Active); err != nil {
		return nil, err
	}
	p.State.LastAt = time.UnixMilli(last)
	p.CreatedAt = time.UnixMilli(created)
	p.State.LastCare = map[pets.Action]time.Time{}
	for a, v := range map[pets.Action]sql.NullInt64{pets.Feed: fed, pets.Play: played, pets.Pat: petted} {
		if v.Valid {
			p.State.LastCare[a] = time.UnixMilli(v.Int64)
		}
	}
	return &p, nil
}

func loadPet(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, studentID int64) (*economy.Pet, error) {
	p, err := scanPet(q.QueryRowContext(ctx, qPetOf, studentID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to load pet: %w", err)
	}
	return p, nil
}

// Pet returns the student's pet, or nil when it has none.
func (s *Store) Pet(ctx context.Context, studentID int64) (*economy.Pet, error) {
	return loadPet(ctx, &s.read, studentID)
}

// BuyPet buys the student's one pet in its class store.
func (s *Store) BuyPet(ctx context.Context, r economy.BuyPetRequest, now time.Time) (economy.PetResult, error) {
	var out economy.PetResult
	err := s.WriteGrouped(ctx, func(sqltx *sql.Tx) error {
		var err error
		tx := wtx{sqltx, s}
		out, err = idempotent(ctx, tx, r.Request, now, func() (economy.PetResult, error) {
			var res economy.PetResult
			coins, open, err := buyer(ctx, tx, r.StudentID)
			if err != nil {
				return res, err
			}
			sale := economy.Sale{StoreOpen: open, Coins: coins, Pet: true}
			sp, err := scanSpecies(tx.row(ctx, qSpeciesByID, r.SpeciesID))
			if err != nil && !errors.Is(err, sql.ErrNoRows) {
				return res, err
			}
			if err == nil {
				existing, err := loadPet(ctx, tx, r.StudentID)
				if err != nil {
					return res, err
				}
				sale.Exists, sale.Active, sale.Price, sale.Owned = true, sp.Active, sp.Price, existing != nil
			}
			if err := economy.CheckSale(sale); err != nil {
				return res, err
			}
			bal, err := appendLedger(ctx, tx, r.StudentID, -sp.Price, economy.TypePetPurchase, sp.Name+" "+r.Name, r.Actor, now)
			if err != nil {
				return res, err
			}
			st := pets.New(now)
			if _, err := tx.exec(ctx, qPetInsert,
				r.StudentID, sp.ID, r.Name, st.Hunger, st.Happiness, now.UnixMilli(), now.UnixMilli()); err != nil {
				return res, fmt.Errorf("store: unable to add pet: %w", err)
			}
			if err := grantAchievements(ctx, tx, []int64{r.StudentID}, achievements.Event{Kind: achievements.Purchased}, now); err != nil {
				return res, err
			}
			p, err := loadPet(ctx, tx, r.StudentID)
			if err != nil || p == nil {
				return res, fmt.Errorf("store: pet vanished after insert: %v", err)
			}
			return economy.PetResult{Coins: bal, Pet: p.View(now)}, nil
		})
		return err
	})
	return out, err
}

func nullTime(t time.Time, ok bool) any {
	if !ok {
		return nil
	}
	return t.UnixMilli()
}

// CarePet feeds (for coins), plays with or pets the student's pet. The
// decayed values are written back and the clock reset.
func (s *Store) CarePet(ctx context.Context, r economy.CareRequest, now time.Time) (economy.PetResult, error) {
	var out economy.PetResult
	err := s.WriteGrouped(ctx, func(sqltx *sql.Tx) error {
		var err error
		tx := wtx{sqltx, s}
		out, err = idempotent(ctx, tx, r.Request, now, func() (economy.PetResult, error) {
			var res economy.PetResult
			action, ok := pets.ParseAction(r.Action)
			if !ok {
				return res, pets.ErrUnknownAction
			}
			if err := studentWritable(ctx, tx, r.StudentID); err != nil {
				return res, err
			}
			p, err := loadPet(ctx, tx, r.StudentID)
			if err != nil {
				return res, err
			}
			if p == nil {
				return res, economy.ErrNoPet
			}
			next, err := pets.Care(p.State, p.Species.Rules(), action, now)
			if err != nil {
				return res, err
			}
			var coins int
			if err := tx.row(ctx, qStudentCoins, r.StudentID).Scan(&coins); err != nil {
				return res, err
			}
			if cost := action.Cost(); cost > 0 {
				if coins < cost {
					return res, &economy.NotEnoughCoinsError{Need: cost, Have: coins}
				}
				if coins, err = appendLedger(ctx, tx, r.StudentID, -cost, economy.TypePetCare, "Fed "+p.Name, r.Actor, now); err != nil {
					return res, err
				}
			}
			fed, fok := next.LastCare[pets.Feed]
			played, plok := next.LastCare[pets.Play]
			petted, pok := next.LastCare[pets.Pat]
			if _, err := tx.exec(ctx, qPetUpdate,
				next.Hunger, next.Happiness, now.UnixMilli(), nullTime(fed, fok), nullTime(played, plok), nullTime(petted, pok), p.ID); err != nil {
				return res, fmt.Errorf("store: unable to save pet: %w", err)
			}
			p.State = next
			view := p.View(now)
			days, err := petHappyStreak(ctx, tx, r.StudentID, view.Mood == pets.Happy, now)
			if err != nil {
				return res, err
			}
			if err := grantAchievements(ctx, tx, []int64{r.StudentID}, achievements.Event{Kind: achievements.PetCared, PetHappyDays: days}, now); err != nil {
				return res, err
			}
			return economy.PetResult{Coins: coins, Pet: view}, nil
		})
		return err
	})
	return out, err
}

// RenamePet gives the pet a new (already checked) name.
func (s *Store) RenamePet(ctx context.Context, studentID int64, name string) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		if err := studentWritable(ctx, wtx{tx, s}, studentID); err != nil {
			return err
		}
		res, err := tx.ExecContext(ctx, `UPDATE pets SET name = ? WHERE student_id = ?`, name, studentID)
		if err != nil {
			return fmt.Errorf("store: unable to rename pet: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return economy.ErrNoPet
		}
		return nil
	})
}

// PetSnapshots returns every pet's stored values and rates (for the mood metric).
func (s *Store) PetSnapshots(ctx context.Context) ([]economy.PetSnapshot, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT p.hunger, p.happiness, p.last_at, sp.hunger_rate, sp.happiness_rate FROM pets p JOIN pet_species sp ON sp.id = p.species_id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list pets: %w", err)
	}
	defer rows.Close()
	var out []economy.PetSnapshot
	for rows.Next() {
		var p economy.PetSnapshot
		var last int64
		if err := rows.Scan(&p.Hunger, &p.Happiness, &last, &p.HungerRate, &p.HappinessRate); err != nil {
			return nil, err
		}
		p.LastAt = time.UnixMilli(last)
		out = append(out, p)
	}
	return out, rows.Err()
}
