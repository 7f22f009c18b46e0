package sqlitestore

import "context"

// Check runs every consistency check of the database: SQLite's integrity
// and foreign keys, then the domain's own rules. It returns the problems.
func (s *Store) Check(ctx context.Context) ([]string, error) {
	problems, err := s.IntegrityCheck(ctx)
	if err != nil {
		return nil, err
	}
	for _, check := range []func(context.Context) ([]string, error){s.checkAccounts, s.checkGames, s.checkQuestionPictures, s.checkStudents, s.checkInsight, s.checkLedger, s.checkPrivacy} {
		more, err := check(ctx)
		if err != nil {
			return nil, err
		}
		problems = append(problems, more...)
	}
	return problems, nil
}
