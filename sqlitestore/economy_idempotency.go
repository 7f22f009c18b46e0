package sqlitestore

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"time"

	"animalgenius/app/economy"
)

// idempotent runs fn once per (actor, key) inside tx. A second call with
// the same key gets the first answer back and fn does not run; a key used
// for a different request is refused. Failures are not remembered (the
// transaction rolls back), so a retry after a refusal tries again.
func idempotent[T any](ctx context.Context, tx wtx, r economy.Request, now time.Time, fn func() (T, error)) (T, error) {
	var zero T
	if r.Key == "" {
		return fn()
	}
	subject := r.Actor.Kind + ":" + strconv.FormatInt(r.Actor.ID, 10)
	var hash []byte
	var stored string
	err := tx.row(ctx, qIdemGet, subject, r.Key).Scan(&hash, &stored)
	switch {
	case err == nil:
		if !bytes.Equal(hash, r.RequestHash[:]) {
			return zero, economy.ErrKeyReused
		}
		var out T
		if err := json.Unmarshal([]byte(stored), &out); err != nil {
			return zero, fmt.Errorf("store: unable to read a kept answer: %w", err)
		}
		if m, ok := any(&out).(interface{ MarkReplayed() }); ok {
			m.MarkReplayed()
		}
		return out, nil
	case !errors.Is(err, sql.ErrNoRows):
		return zero, fmt.Errorf("store: unable to look up idempotency key: %w", err)
	}
	out, err := fn()
	if err != nil {
		return zero, err
	}
	body, err := json.Marshal(out)
	if err != nil {
		return zero, err
	}
	if _, err := tx.exec(ctx, qIdemPut, subject, r.Key, r.RequestHash[:], string(body), now.UnixMilli()); err != nil {
		return zero, fmt.Errorf("store: unable to keep idempotency key: %w", err)
	}
	return out, nil
}

// PurgeIdempotencyKeys forgets keys older than before.
func (s *Store) PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error) {
	var n int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at < ?`, before.UnixMilli())
		if err != nil {
			return err
		}
		n, _ = res.RowsAffected()
		return nil
	})
	if err != nil {
		return 0, fmt.Errorf("store: unable to purge idempotency keys: %w", err)
	}
	return int(n), nil
}
