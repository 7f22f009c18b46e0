package sqlitestore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/privacy"
)

var _ privacy.RetentionStore = (*Store)(nil)

// PurgeGames deletes finished games that ended before the time, with their
// questions, players and answers (foreign keys). Live games stay.
func (s *Store) PurgeGames(ctx context.Context, endedBefore time.Time) (int, error) {
	var n int64
	err := s.writeForget(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM games WHERE status IN ('ended', 'stopped') AND ended_at < ?`, endedBefore.UnixMilli())
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to delete old games: %w", err)
	}
	return int(n), nil
}

// PurgeAudit deletes audit lines older than deleteBefore and blanks the
// address of the lines older than blankBefore (a zero time skips either).
func (s *Store) PurgeAudit(ctx context.Context, deleteBefore, blankBefore time.Time) (deleted, blanked int, err error) {
	err = s.writeForget(ctx, func(tx *sql.Tx) error {
		if !deleteBefore.IsZero() {
			res, err := tx.ExecContext(ctx, `DELETE FROM audit_log WHERE created_at < ?`, deleteBefore.UnixMilli())
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			deleted = int(n)
		}
		if !blankBefore.IsZero() {
			res, err := tx.ExecContext(ctx, `UPDATE audit_log SET ip = '' WHERE created_at < ? AND ip != ''`, blankBefore.UnixMilli())
			if err != nil {
				return err
			}
			n, _ := res.RowsAffected()
			blanked = int(n)
		}
		return nil
	})
	if err != nil {
		return 0, 0, fmt.Errorf("store: unable to apply the audit log's retention: %w", err)
	}
	return deleted, blanked, nil
}

// UploadHashesInUse is the content hash of every uploaded picture a row
// names: store items and pet species ("/uploads/<hash>.png") and question
// pictures (their file and thumbnail).
func (s *Store) UploadHashesInUse(ctx context.Context) (map[string]bool, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT image FROM store_items WHERE image LIKE '/uploads/%'
		UNION ALL SELECT art FROM pet_species WHERE art LIKE '/uploads/%'
		UNION ALL SELECT file FROM question_uploads WHERE file IS NOT NULL
		UNION ALL SELECT thumb FROM question_uploads WHERE thumb IS NOT NULL`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list the uploads in use: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		name = strings.TrimPrefix(name, "/uploads/")
		if len(name) >= 64 {
			out[name[:64]] = true
		}
	}
	return out, rows.Err()
}
