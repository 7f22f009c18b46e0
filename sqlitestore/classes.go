package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/classes"
	"animalgenius/app/jsontime"
)

var _ classes.Store = (*Store)(nil)

// classColumns are read with scanClass; the student count is a subquery on
// the students_class_name index.
const classColumns = `c.id, c.teacher_id, COALESCE(a.display_name, ''), c.name, c.grade, c.icon, c.colour, c.seat_limit, c.code,
	c.allow_retakes, c.archived_at, c.created_at, c.updated_at,
	(SELECT count(*) FROM students st WHERE st.class_id = c.id)`

const classFrom = ` FROM classes c LEFT JOIN accounts a ON a.id = c.teacher_id`

func scanClass(row interface{ Scan(...any) error }) (classes.Class, error) {
	var c classes.Class
	var archived sql.NullInt64
	var created, updated int64
	err := row.Scan(&c.ID, &c.TeacherID, &c.TeacherName, &c.Name, &c.Grade, &c.Icon, &c.Colour, &c.SeatLimit, &c.Code,
		&c.AllowRetakes, &archived, &created, &updated, &c.Students)
	if errors.Is(err, sql.ErrNoRows) {
		return c, classes.ErrNotFound
	}
	if err != nil {
		return c, fmt.Errorf("store: unable to read class: %w", err)
	}
	c.Archived = archived.Valid
	if archived.Valid {
		c.ArchivedAt = jsontime.UnixMilli(archived.Int64)
	}
	c.CreatedAt, c.UpdatedAt = jsontime.UnixMilli(created), jsontime.UnixMilli(updated)
	return c, nil
}

// ownedBy is the teacher filter: owner 0 matches every class (admins).
const ownedBy = ` AND (?1 = 0 OR c.teacher_id = ?1)`

type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

func classByID(ctx context.Context, q querier, id, owner int64) (classes.Class, error) {
	return scanClass(q.QueryRowContext(ctx, `SELECT `+classColumns+classFrom+` WHERE c.id = ?2`+ownedBy, owner, id))
}

// CreateClass stores a new class; a code already in use is ErrCodeTaken.
func (s *Store) CreateClass(ctx context.Context, n classes.NewClass) (classes.Class, error) {
	var c classes.Class
	err := s.Write(ctx, func(tx *sql.Tx) error {
		var id int64
		err := tx.QueryRowContext(ctx, `INSERT INTO classes (id, teacher_id, name, grade, icon, colour, seat_limit, code, created_at, updated_at)
			VALUES (`+nextClassID+`, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			n.TeacherID, n.Name, n.Grade, n.Icon, n.Colour, n.SeatLimit, n.Code, n.Now.UnixMilli(), n.Now.UnixMilli()).Scan(&id)
		if isUniqueViolation(err) {
			return classes.ErrCodeTaken
		}
		if err != nil {
			return fmt.Errorf("store: unable to create class: %w", err)
		}
		c, err = classByID(ctx, tx, id, 0)
		return err
	})
	return c, err
}

// ClassByID reads a class of owner (any owner for 0).
func (s *Store) ClassByID(ctx context.Context, id, owner int64) (classes.Class, error) {
	return classByID(ctx, &s.read, id, owner)
}

// ClassTeacher reads only the teacher of a class.
func (s *Store) ClassTeacher(ctx context.Context, id int64) (int64, error) {
	var teacher sql.NullInt64
	err := s.read.QueryRowContext(ctx, `SELECT teacher_id FROM classes WHERE id = ?`, id).Scan(&teacher)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, classes.ErrNotFound
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to read class: %w", err)
	}
	return teacher.Int64, nil
}

// ListClasses lists a teacher's classes, or all for teacherID 0, open
// ones first, newest first.
func (s *Store) ListClasses(ctx context.Context, teacherID int64) ([]classes.Class, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+classColumns+classFrom+` WHERE 1`+ownedBy+`
		ORDER BY c.archived_at IS NOT NULL, c.id DESC`, teacherID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list classes: %w", err)
	}
	defer rows.Close()
	out := []classes.Class{}
	for rows.Next() {
		c, err := scanClass(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: unable to list classes: %w", err)
	}
	return out, nil
}

// UpdateClass changes the settings p names, refusing an archived class and
// a seat limit below the students already in it.
func (s *Store) UpdateClass(ctx context.Context, id, owner int64, p classes.Patch, now time.Time) (classes.Class, error) {
	var c classes.Class
	err := s.Write(ctx, func(tx *sql.Tx) error {
		cur, err := classByID(ctx, tx, id, owner)
		if err != nil {
			return err
		}
		if cur.Archived {
			return classes.ErrArchived
		}
		if p.SeatLimit != nil && *p.SeatLimit > 0 && *p.SeatLimit < cur.Students {
			return classes.ErrTooSmall
		}
		var set []string
		var args []any
		add := func(col string, v any) {
			set = append(set, col+" = ?")
			args = append(args, v)
		}
		if p.Name != nil {
			add("name", *p.Name)
		}
		if p.Grade != nil {
			add("grade", *p.Grade)
		}
		if p.Icon != nil {
			add("icon", *p.Icon)
		}
		if p.Colour != nil {
			add("colour", *p.Colour)
		}
		if p.SeatLimit != nil {
			add("seat_limit", *p.SeatLimit)
		}
		if p.AllowRetakes != nil {
			add("allow_retakes", *p.AllowRetakes)
		}
		add("updated_at", now.UnixMilli())
		args = append(args, id)
		if _, err := tx.ExecContext(ctx, `UPDATE classes SET `+strings.Join(set, ", ")+` WHERE id = ?`, args...); err != nil {
			return fmt.Errorf("store: unable to update class %d: %w", id, err)
		}
		c, err = classByID(ctx, tx, id, 0)
		return err
	})
	return c, err
}

// SetArchived archives a class (keeping the first archive time) or opens it again.
func (s *Store) SetArchived(ctx context.Context, id, owner int64, archived bool, now time.Time) (classes.Class, error) {
	var c classes.Class
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if _, err := classByID(ctx, tx, id, owner); err != nil {
			return err
		}
		q := `UPDATE classes SET archived_at = NULL, updated_at = ?1 WHERE id = ?2`
		if archived {
			q = `UPDATE classes SET archived_at = COALESCE(archived_at, ?1), updated_at = ?1 WHERE id = ?2`
		}
		if _, err := tx.ExecContext(ctx, q, now.UnixMilli(), id); err != nil {
			return fmt.Errorf("store: unable to archive class %d: %w", id, err)
		}
		// An archived class takes nobody in: nobody is working on its quiz.
		if archived {
			if _, err := tx.ExecContext(ctx, `DELETE FROM pending_joins WHERE class_id = ?`, id); err != nil {
				return fmt.Errorf("store: unable to end the pending joins of class %d: %w", id, err)
			}
		}
		var err error
		c, err = classByID(ctx, tx, id, 0)
		return err
	})
	return c, err
}

// SetClassCode gives an open class a new join code.
func (s *Store) SetClassCode(ctx context.Context, id, owner int64, code string, now time.Time) (classes.Class, error) {
	var c classes.Class
	err := s.Write(ctx, func(tx *sql.Tx) error {
		cur, err := classByID(ctx, tx, id, owner)
		if err != nil {
			return err
		}
		if cur.Archived {
			return classes.ErrArchived
		}
		_, err = tx.ExecContext(ctx, `UPDATE classes SET code = ?, updated_at = ? WHERE id = ?`, code, now.UnixMilli(), id)
		if isUniqueViolation(err) {
			return classes.ErrCodeTaken
		}
		if err != nil {
			return fmt.Errorf("store: unable to change the code of class %d: %w", id, err)
		}
		c, err = classByID(ctx, tx, id, 0)
		return err
	})
	return c, err
}

// DeleteClass deletes a class; its students, their results, coins and
// sessions go with it (foreign keys and a trigger).
func (s *Store) DeleteClass(ctx context.Context, id, owner int64) ([]int64, error) {
	var ids []int64
	err := s.writeForget(ctx, func(tx *sql.Tx) error {
		if _, err := classByID(ctx, tx, id, owner); err != nil {
			return err
		}
		var err error
		if ids, err = studentIDs(ctx, tx, `SELECT id FROM students WHERE class_id = ?`, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM classes WHERE id = ?`, id); err != nil {
			return fmt.Errorf("store: unable to delete class %d: %w", id, err)
		}
		return nil
	})
	return ids, err
}

func studentIDs(ctx context.Context, tx *sql.Tx, q string, args ...any) ([]int64, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list students: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// PurgeArchivedStudents deletes the students (with results, coins and
// sessions) of classes archived before cutoff; the classes stay, empty.
// It returns the students deleted, by class.
func (s *Store) PurgeArchivedStudents(ctx context.Context, cutoff time.Time) (deleted map[int64][]int64, err error) {
	err = s.writeForget(ctx, func(tx *sql.Tx) error {
		const old = `SELECT id FROM classes WHERE archived_at IS NOT NULL AND archived_at < ?`
		rows, err := tx.QueryContext(ctx, `SELECT class_id, id FROM students WHERE class_id IN (`+old+`) ORDER BY class_id, id`, cutoff.UnixMilli())
		if err != nil {
			return fmt.Errorf("store: unable to list the students of archived classes: %w", err)
		}
		defer rows.Close()
		deleted = map[int64][]int64{}
		for rows.Next() {
			var class, id int64
			if err := rows.Scan(&class, &id); err != nil {
				return err
			}
			deleted[class] = append(deleted[class], id)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM students WHERE class_id IN (`+old+`)`, cutoff.UnixMilli()); err != nil {
			return fmt.Errorf("store: unable to delete the students of archived classes: %w", err)
		}
		return nil
	})
	return deleted, err
}
