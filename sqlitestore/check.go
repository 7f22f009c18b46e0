package sqlitestore

import "context"

// Check runs every consistency check of the database: SQLite's integrity
// and foreign keys, then the domain's own rules. It returns the problems.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	problems, err := s.IntegrityCheck(ctx)
	if err != nil {
		return nil, err
	}
	accounts, err := s.checkAccounts(ctx)
	if err != nil {
		return nil, err
	}
	ledger, err := checkLedger(ctx, s.Reader)
	if err != nil {
		return nil, err
	}
	problems = append(problems, accounts...)
	return append(problems, ledger...), nil
}
