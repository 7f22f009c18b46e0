package sqlitestore_test

import (
	"context"
	"database/sql"
	"testing"
	"time"

	"animalgenius/app/economy"
	"animalgenius/sqlitestore"
)

// The only place these tests touch the classes/students schema (0003).

// seedClass makes a class with n students holding coins each and returns
// the class id and the student ids.
func seedClass(t testing.TB, s *sqlitestore.Store, n, coins int) (int64, []int64) {
	t.Helper()
	ctx := context.Background()
	var classID int64
	var ids []int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := tx.QueryRowContext(ctx, `INSERT INTO classes (teacher_id, name) VALUES (1, 'Room 7') RETURNING id`).Scan(&classID); err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			var id int64
			if err := tx.QueryRowContext(ctx, `INSERT INTO students (class_id, first_name, last_initial, animal) VALUES (?, ?, 'R', 'owl') RETURNING id`,
				classID, "Kid"+string(rune('A'+i%26))+string(rune('a'+i/26%26))).Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if coins > 0 {
		if _, err := s.Grant(ctx, economy.GrantRequest{ClassID: classID, All: true, Amount: coins, Type: economy.TypeWelcomeBonus,
			Reason: "Welcome", Request: economy.Request{Actor: economy.Actor{Kind: "system"}}}, time.Now()); err != nil {
			t.Fatal(err)
		}
	}
	return classID, ids
}
