package sqlitestore

import (
	"context"
	"fmt"
)

// FirstHourCounts counts what the admin's first-hour checklist looks at:
// accounts, invitations made, classes and students.
func (s *Store) FirstHourCounts(ctx context.Context) (accounts, invites, classes, students int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM accounts),
		(SELECT count(*) FROM account_tokens WHERE purpose = 'invite'),
		(SELECT count(*) FROM classes),
		(SELECT count(*) FROM students)`).Scan(&accounts, &invites, &classes, &students)
	if err != nil {
		err = fmt.Errorf("store: unable to count for the first-hour checklist: %w", err)
	}
	return
}
