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
	return append(problems, accounts...), nil
}
