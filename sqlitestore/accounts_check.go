package sqlitestore

import (
	"context"
	"fmt"
)

// checkAccounts finds what the accounts rules forbid but the schema cannot
// express: adult sessions without an account, and accounts with no
// enabled admin to manage them.
func (s *Store) checkAccounts(ctx context.Context) ([]string, error) {
	var problems []string
	var orphans int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM sessions
		WHERE subject_kind = 'account' AND subject_id NOT IN (SELECT id FROM accounts)`).Scan(&orphans)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check sessions: %w", err)
	}
	if orphans > 0 {
		problems = append(problems, fmt.Sprintf("accounts: %d sessions belong to deleted accounts", orphans))
	}
	var total, admins int
	err = s.read.QueryRowContext(ctx, `SELECT count(*), count(*) FILTER (WHERE role = 'admin' AND disabled_at IS NULL) FROM accounts`).Scan(&total, &admins)
	if err != nil {
		return nil, fmt.Errorf("store: unable to check accounts: %w", err)
	}
	if total > 0 && admins == 0 {
		problems = append(problems, "accounts: no enabled admin; make one with 'animalgenius admin create --email you@school.org'")
	}
	return problems, nil
}
