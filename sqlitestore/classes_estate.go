package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"

	"animalgenius/app/accounts"
)

// ClassEstate is how deleting an account treats its classes: handed over
// to another teacher with everything in them, or deleted with all their
// students' data. appliance.go sets it as Store.Estate.
func ClassEstate() AccountEstate {
	return AccountEstate{Holdings: classHoldings, Settle: settleClasses}
}

func classHoldings(ctx context.Context, db *sql.DB, accountID int64) (accounts.Holdings, error) {
	var h accounts.Holdings
	err := db.QueryRowContext(ctx, `SELECT count(*), COALESCE(SUM((SELECT count(*) FROM students st WHERE st.class_id = c.id)), 0)
		FROM classes c WHERE c.teacher_id = ?`, accountID).Scan(&h.Classes, &h.Students)
	if err != nil {
		return h, fmt.Errorf("store: unable to count classes of account %d: %w", accountID, err)
	}
	return h, nil
}

func settleClasses(ctx context.Context, tx *sql.Tx, accountID, heirID int64) error {
	if heirID > 0 {
		_, err := tx.ExecContext(ctx, `UPDATE classes SET teacher_id = ? WHERE teacher_id = ?`, heirID, accountID)
		return err
	}
	// Students, results, ledger rows and student sessions go with the
	// classes (foreign keys and the students_delete_sessions trigger).
	_, err := tx.ExecContext(ctx, `DELETE FROM classes WHERE teacher_id = ?`, accountID)
	return err
}
