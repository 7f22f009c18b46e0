package sqlitestore

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/achievements"
	"animalgenius/app/economy"
	"animalgenius/app/jsontime"
	"animalgenius/app/values"
)

var _ values.Store = (*Store)(nil)

const voteColumns = `id, class_id, opened_at, closes_at, closed_at, finalized_at`

func scanVote(row interface{ Scan(...any) error }) (*values.Session, error) {
	var v values.Session
	var opened, closes int64
	var closed, finalized sql.NullInt64
	if err := row.Scan(&v.ID, &v.ClassID, &opened, &closes, &closed, &finalized); err != nil {
		return nil, err
	}
	v.OpenedAt, v.ClosesAt = jsontime.UnixMilli(opened), jsontime.UnixMilli(closes)
	if closed.Valid {
		v.ClosedAt = jsontime.UnixMilli(closed.Int64)
	}
	if finalized.Valid {
		v.FinalizedAt = jsontime.UnixMilli(finalized.Int64)
	}
	return &v, nil
}

func currentSession(ctx context.Context, q querier, classID int64) (*values.Session, error) {
	v, err := scanVote(q.QueryRowContext(ctx, `SELECT `+voteColumns+` FROM values_sessions WHERE class_id = ? ORDER BY id DESC LIMIT 1`, classID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("store: unable to load the values vote: %w", err)
	}
	return v, nil
}

// CurrentSession is the class's latest vote (nil: none).
func (s *Store) CurrentSession(ctx context.Context, classID int64) (*values.Session, error) {
	return currentSession(ctx, &s.read, classID)
}

// ChangeSession runs a teacher's action on the class's vote (the rules of
// package values) in one transaction and returns the class's current vote
// afterwards.
func (s *Store) ChangeSession(ctx context.Context, classID int64, op values.Op, now time.Time) (*values.Session, error) {
	var out *values.Session
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if err := classWritable(ctx, tx, classID); err != nil {
			return err
		}
		cur, err := currentSession(ctx, tx, classID)
		if err != nil {
			return err
		}
		if op == values.OpOpen {
			next, err := values.OpenSession(cur, classID, now)
			if err != nil {
				return err
			}
			err = tx.QueryRowContext(ctx, `INSERT INTO values_sessions (id, class_id, opened_at, closes_at) VALUES (`+nextVoteID+`, ?, ?, ?) RETURNING id`,
				classID, next.OpenedAt.UnixMilli(), next.ClosesAt.UnixMilli()).Scan(&next.ID)
			if err != nil {
				return fmt.Errorf("store: unable to open the values vote: %w", err)
			}
			out = &next
			return nil
		}
		if cur == nil {
			return values.ErrNoSession
		}
		var next values.Session
		var results []values.Result
		switch op {
		case values.OpExtend:
			next, err = values.Extend(*cur, now)
		case values.OpClose:
			next, err = values.Close(*cur, now)
		case values.OpFinalize:
			var ballots []values.Ballot
			if ballots, err = sessionBallots(ctx, tx, cur.ID); err != nil {
				return err
			}
			next, results, err = values.Finalize(*cur, ballots, now)
		case values.OpReset:
			if _, err := tx.ExecContext(ctx, `DELETE FROM values_sessions WHERE id = ?`, cur.ID); err != nil {
				return fmt.Errorf("store: unable to reset the values vote: %w", err)
			}
			out, err = currentSession(ctx, tx, classID)
			return err
		default:
			return fmt.Errorf("store: unknown values action %q", op)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE values_sessions SET closes_at = ?, closed_at = ?, finalized_at = ? WHERE id = ?`,
			next.ClosesAt.UnixMilli(), millisOrNull(next.ClosedAt), millisOrNull(next.FinalizedAt), next.ID)
		if err != nil {
			return fmt.Errorf("store: unable to save the values vote: %w", err)
		}
		for _, r := range results {
			if _, err := tx.ExecContext(ctx, `INSERT INTO values_results (session_id, cluster, place, value, score) VALUES (?, ?, ?, ?, ?)`,
				next.ID, r.Cluster, r.Place, r.Value, r.Score); err != nil {
				return fmt.Errorf("store: unable to save the values results: %w", err)
			}
		}
		out = &next
		return nil
	})
	if errors.Is(err, economy.ErrNotFound) {
		return nil, values.ErrNotFound
	}
	if errors.Is(err, economy.ErrClassArchived) {
		return nil, values.ErrClassArchived
	}
	return out, err
}

func sessionBallots(ctx context.Context, tx *sql.Tx, sessionID int64) ([]values.Ballot, error) {
	rows, err := tx.QueryContext(ctx, `SELECT ballot FROM values_votes WHERE session_id = ? ORDER BY student_id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to read the ballots: %w", err)
	}
	defer rows.Close()
	var out []values.Ballot
	for rows.Next() {
		var raw string
		if err := rows.Scan(&raw); err != nil {
			return nil, err
		}
		var b values.Ballot
		if err := json.Unmarshal([]byte(raw), &b); err != nil {
			return nil, fmt.Errorf("store: a stored ballot cannot be read: %w", err)
		}
		out = append(out, b)
	}
	return out, rows.Err()
}

// Vote stores a student's (already checked) ballot in its class's current
// vote, once, and records the achievement, in one transaction.
func (s *Store) Vote(ctx context.Context, studentID, sessionID int64, b values.Ballot, now time.Time) (values.Cast, error) {
	ballot, err := json.Marshal(b)
	if err != nil {
		return values.Cast{}, err
	}
	var out values.Cast
	err = s.WriteGrouped(ctx, func(sqltx *sql.Tx) error {
		tx := wtx{sqltx, s}
		var classID int64
		var archived bool
		err := tx.row(ctx, qVoterClass, studentID).Scan(&classID, &archived)
		if errors.Is(err, sql.ErrNoRows) {
			return values.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("store: unable to load student: %w", err)
		}
		if archived {
			return values.ErrClassArchived
		}
		// Another class's vote is not found; an earlier vote of the pupil's
		// class has been replaced by the current one.
		var owner int64
		err = tx.QueryRowContext(ctx, `SELECT class_id FROM values_sessions WHERE id = ?`, sessionID).Scan(&owner)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: unable to look up the values vote: %w", err)
		}
		if owner != 0 && owner != classID {
			return values.ErrNotFound
		}
		cur, err := scanVote(tx.row(ctx, qVoteSession, classID))
		if errors.Is(err, sql.ErrNoRows) {
			return values.ErrNoSession
		}
		if err != nil {
			return fmt.Errorf("store: unable to load the values vote: %w", err)
		}
		if cur.ID != sessionID {
			if owner == 0 {
				return values.ErrNotFound
			}
			return values.ErrWrongSession
		}
		if err := values.CanVote(*cur, now); err != nil {
			return err
		}
		res, err := tx.exec(ctx, qVoteInsert, sessionID, studentID, string(ballot), now.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: unable to save the vote: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return values.ErrAlreadyVoted
		}
		if err := grantAchievements(ctx, tx, []int64{studentID}, achievements.Event{Kind: achievements.ValuesVoted}, now); err != nil {
			return err
		}
		out = values.Cast{ClassID: classID, SessionID: sessionID}
		return tx.row(ctx, qVoteCount, sessionID).Scan(&out.Voters)
	})
	return out, err
}

// StudentClass is the class of a student.
func (s *Store) StudentClass(ctx context.Context, studentID int64) (int64, error) {
	var id int64
	err := s.read.QueryRowContext(ctx, `SELECT class_id FROM students WHERE id = ?`, studentID).Scan(&id)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, values.ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to load student: %w", err)
	}
	return id, nil
}

// ClassMembers lists the class's students by name.
func (s *Store) ClassMembers(ctx context.Context, classID int64) ([]values.Member, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT id, first_name || ' ' || last_initial || '.' FROM students
		WHERE class_id = ? ORDER BY first_name, last_initial, id`, classID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list students: %w", err)
	}
	defer rows.Close()
	out := []values.Member{}
	for rows.Next() {
		var m values.Member
		if err := rows.Scan(&m.StudentID, &m.Name); err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

// Voters lists who voted in a session, in the order they voted.
func (s *Store) Voters(ctx context.Context, sessionID int64) ([]values.Voter, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT v.student_id, s.first_name || ' ' || s.last_initial || '.', v.voted_at
		FROM values_votes v JOIN students s ON s.id = v.student_id WHERE v.session_id = ? ORDER BY v.voted_at, v.student_id`, sessionID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list voters: %w", err)
	}
	defer rows.Close()
	out := []values.Voter{}
	for rows.Next() {
		var v values.Voter
		var at int64
		if err := rows.Scan(&v.StudentID, &v.Name, &at); err != nil {
			return nil, err
		}
		v.VotedAt = jsontime.UnixMilli(at)
		out = append(out, v)
	}
	return out, rows.Err()
}

// HasVoted tells whether the student voted in the session.
func (s *Store) HasVoted(ctx context.Context, sessionID, studentID int64) (bool, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT COUNT(*) FROM values_votes WHERE session_id = ? AND student_id = ?`, sessionID, studentID).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: unable to look up a vote: %w", err)
	}
	return n > 0, nil
}

// LatestResults are the class's latest finalized vote and its winners.
func (s *Store) LatestResults(ctx context.Context, classID int64) (*values.Session, []values.Result, error) {
	sess, err := scanVote(s.read.QueryRowContext(ctx, `SELECT `+voteColumns+` FROM values_sessions
		WHERE class_id = ? AND finalized_at IS NOT NULL ORDER BY id DESC LIMIT 1`, classID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to load the values results: %w", err)
	}
	rows, err := s.read.QueryContext(ctx, `SELECT cluster, place, value, score FROM values_results WHERE session_id = ?`, sess.ID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to load the values results: %w", err)
	}
	defer rows.Close()
	byKey := map[[2]any]values.Result{}
	for rows.Next() {
		var r values.Result
		if err := rows.Scan(&r.Cluster, &r.Place, &r.Value, &r.Score); err != nil {
			return nil, nil, err
		}
		byKey[[2]any{r.Cluster, r.Place}] = r
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var out []values.Result // in cluster order, then place
	for _, c := range values.Clusters() {
		for place := 1; place <= values.Winners; place++ {
			if r, ok := byKey[[2]any{c.Code, place}]; ok {
				out = append(out, r)
			}
		}
	}
	return sess, out, nil
}
