package sqlitestore

import "context"

// Check runs every consistency check of the database: SQLite's integrity
// and foreign keys, then the domain's own rules. It returns the problems.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	problems, err := s.IntegrityCheck(ctx)
	if err != nil {
		return problems, err
	}
	ledger, err := checkLedger(ctx, s.Reader)
	return append(problems, ledger...), err
}
