package sqlitestore

import (
	"context"
	"fmt"
)

// checkStudents finds what the students rules forbid but the schema
// cannot express: balances that differ from their ledger, current results
// without a history row, and sessions of students that no longer exist.
func (s *Store) checkStudents(ctx context.Context) ([]string, error) {
	var problems []string
	checks := []struct {
		query string
		what  string
	}{
		{`SELECT count(*) FROM students st WHERE st.coins <> (SELECT COALESCE(SUM(amount), 0) FROM coin_ledger l WHERE l.student_id = st.id)`,
			"students: %d students have a coin balance that differs from the sum of their ledger"},
		{`SELECT count(*) FROM students st WHERE st.completed_at IS NOT NULL AND NOT EXISTS (SELECT 1 FROM quiz_results r WHERE r.student_id = st.id)`,
			"students: %d students have a current result but no quiz result in their history"},
		{`SELECT count(*) FROM sessions WHERE subject_kind = 'student' AND subject_id NOT IN (SELECT id FROM students)`,
			"students: %d sessions belong to deleted students"},
	}
	for _, c := range checks {
		var n int
		if err := s.Reader.QueryRowContext(ctx, c.query).Scan(&n); err != nil {
			return nil, fmt.Errorf("store: unable to check students: %w", err)
		}
		if n > 0 {
			problems = append(problems, fmt.Sprintf(c.what, n))
		}
	}
	return problems, nil
}
