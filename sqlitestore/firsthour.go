package sqlitestore

import (
	"context"
	"fmt"
)

// FirstHourCounts counts what the admin's first-hour checklist looks at:
// accounts, invitations made, classes and the students ever made (one
// removed after a try of the quiz still counts: the checklist says to
// remove it). Ids are handed out in order and never twice (id_floors), so
// the largest one given out is how many there have been.
func (s *Store) FirstHourCounts(ctx context.Context) (accounts, invites, classes, students int, err error) {
	err = s.read.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM accounts),
		(SELECT count(*) FROM account_tokens WHERE purpose = 'invite'),
		(SELECT count(*) FROM classes),
		(SELECT max(floor, COALESCE((SELECT max(id) FROM students), 0)) FROM id_floors WHERE tbl = 'students')`).Scan(&accounts, &invites, &classes, &students)
	if err != nil {
		err = fmt.Errorf("store: unable to count for the first-hour checklist: %w", err)
	}
	return
}
