package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"animalgenius/app/jsontime"
	"animalgenius/app/privacy"
)

var _ privacy.Store = (*Store)(nil)

// exportSections are the tables that hold a student's data, each with the
// query of the student's rows (? is the student id). Columns left out are
// named in exportLeftOut. privacy_test.go fails when a table of the schema
// is in neither this list nor the list of tables without student data.
var exportSections = []struct {
	table, title, about, query string
}{
	{"students", "Student", "The name, passport code, coins and current quiz result.",
		`SELECT id, class_id, first_name, last_initial, passport_code, coins, created_at, type, animal, genius, learning_style, styles,
			e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic, bank_version, completed_at FROM students WHERE id = ?`},
	{"quiz_results", "Quiz results", "Every quiz taken, with each answer.",
		`SELECT * FROM quiz_results WHERE student_id = ? ORDER BY id`},
	{"coin_ledger", "Coins", "Every coin given, taken, earned or spent.",
		`SELECT * FROM coin_ledger WHERE student_id = ? ORDER BY id`},
	{"inventory", "Things owned", "Store items bought.",
		`SELECT inv.*, it.name AS item_name, it.slot AS item_slot FROM inventory inv JOIN store_items it ON it.id = inv.item_id
			WHERE inv.student_id = ? ORDER BY inv.acquired_at`},
	{"equipped_items", "Things worn", "What the avatar wears.",
		`SELECT * FROM equipped_items WHERE student_id = ? ORDER BY slot`},
	{"avatar_colours", "Avatar colours", "The avatar's colours.",
		`SELECT * FROM avatar_colours WHERE student_id = ?`},
	{"pets", "Pet", "The pet, its name and how it is doing.",
		`SELECT * FROM pets WHERE student_id = ?`},
	{"sessions", "Sign-ins", "Browsers signed in now: when, from which address, which browser.",
		`SELECT subject_kind, subject_id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions WHERE subject_kind = 'student' AND subject_id = ? ORDER BY created_at`},
	{"game_players", "Game plays", "Live quiz games played from the student's page: name shown, score, place.",
		`SELECT p.*, g.title AS game_title, g.created_at AS game_created_at FROM game_players p JOIN games g ON g.id = p.game_id
			WHERE p.student_id = ? ORDER BY p.game_id`},
	{"game_answers", "Game answers", "Each answer given in those games.",
		`SELECT a.* FROM game_answers a JOIN game_players p ON p.game_id = a.game_id AND p.player_no = a.player_no
			WHERE p.student_id = ? ORDER BY a.game_id, a.question`},
	{"insight_groupings", "Saved groups", "Groups the teacher saved that the student is in.",
		`SELECT g.id, g.class_id, g.name, g.size, g.balance, g.seed, g.created_at, g.updated_at,
			(SELECT grp.key + 1 FROM json_each(g.groups) grp, json_each(grp.value) m WHERE m.value = st.id LIMIT 1) AS group_number
			FROM insight_groupings g JOIN students st ON st.class_id = g.class_id AND st.id = ?
			WHERE EXISTS (SELECT 1 FROM json_each(g.groups) grp, json_each(grp.value) m WHERE m.value = st.id) ORDER BY g.id`},
	{"idempotency_keys", "Kept answers", "Answers kept for a day so that a repeated click does not buy twice.",
		`SELECT subject, key, response, created_at FROM idempotency_keys WHERE subject = 'student:' || ? ORDER BY created_at`},
	{"student_achievements", "Achievements", "What the student earned, when, and when the student's page showed it.",
		`SELECT * FROM student_achievements WHERE student_id = ? ORDER BY earned_at, code`},
	{"values_votes", "Class values votes", "When the student voted in the class values votes. What the student chose is secret, even from the teacher: it is not in this export.",
		`SELECT session_id, student_id, voted_at FROM values_votes WHERE student_id = ? ORDER BY session_id`},
	{"pet_happy_streaks", "Happy pet days", "The days running the student's pet was happy (for an achievement).",
		`SELECT * FROM pet_happy_streaks WHERE student_id = ?`},
	{"audit_log", "Actions by adults", "What teachers and admins did to this student's data, and when.",
		`SELECT id, created_at, actor_id, actor_label, action, target_id, target_label, detail, class_id, student_id FROM audit_log WHERE student_id = ? ORDER BY id`},
}

// exportLeftOut says what is held but not in the export, and why.
var exportLeftOut = []string{
	"sessions.token_hash: the hash of a sign-in cookie, a secret",
	"values_votes.ballot: what the student chose in a class values vote; the vote is secret, even from the teacher, and only counts in the class's result",
	"students.name_key: the first name in lower case, a copy used to compare names",
	"idempotency_keys.request_hash: a hash of a request, used to refuse a reused key",
	"insight_groupings.groups: the ids of the other students in the groups (the export gives the student's group number)",
	"audit_log.ip: the address of the adult who acted (the adult's data)",
	"idempotency_keys of a teacher's coin movement that list this student's balance (the teacher's request; gone within a day)",
}

// queryMaps reads rows as maps of column name to value. Times (the *_at
// columns, unix milliseconds in the database) come out in the API's one
// time format (jsontime), like every other time it sends.
func queryMaps(ctx context.Context, db interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}, query string, args ...any) ([]map[string]any, error) {
	rows, err := db.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, err
	}
	out := []map[string]any{}
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, err
		}
		row := make(map[string]any, len(cols))
		for i, c := range cols {
			if b, ok := vals[i].([]byte); ok {
				vals[i] = string(b)
			}
			if ms, ok := vals[i].(int64); ok && strings.HasSuffix(c, "_at") {
				vals[i] = jsontime.UnixMilli(ms)
			}
			row[c] = vals[i]
		}
		out = append(out, row)
	}
	return out, rows.Err()
}

// StudentExport reads every row about a student, table by table, in one
// read transaction so the sections agree with each other.
func (s *Store) StudentExport(ctx context.Context, studentID int64) (privacy.StudentExport, error) {
	e := privacy.StudentExport{StudentID: studentID, LeftOut: exportLeftOut}
	var first, initial string
	err := s.Reader.QueryRowContext(ctx, `SELECT class_id, first_name, last_initial FROM students WHERE id = ?`, studentID).Scan(&e.ClassID, &first, &initial)
	if errors.Is(err, sql.ErrNoRows) {
		return e, privacy.ErrNotFound
	}
	if err != nil {
		return e, fmt.Errorf("store: unable to read student %d: %w", studentID, err)
	}
	e.Name = studentDisplayName(first, initial)
	tx, err := s.Reader.BeginTx(ctx, &sql.TxOptions{ReadOnly: true})
	if err != nil {
		return e, fmt.Errorf("store: unable to export student %d: %w", studentID, err)
	}
	defer tx.Rollback()
	for _, sec := range exportSections {
		rows, err := queryMaps(ctx, tx, sec.query, studentID)
		if err != nil {
			return e, fmt.Errorf("store: unable to export %s of student %d: %w", sec.table, studentID, err)
		}
		e.Sections = append(e.Sections, privacy.Section{Table: sec.table, Title: sec.title, About: sec.about, Rows: rows})
	}
	return e, nil
}

// SchoolClasses lists every class id, oldest first.
func (s *Store) SchoolClasses(ctx context.Context) ([]int64, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT id FROM classes ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list classes: %w", err)
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

// ClassExport reads a class's row (with its teacher's email, its store
// and saved groupings) and the ids of its students.
func (s *Store) ClassExport(ctx context.Context, classID int64) (map[string]any, []int64, error) {
	rows, err := queryMaps(ctx, s.Reader, `SELECT c.*, a.email AS teacher_email,
			(SELECT open FROM class_stores WHERE class_id = c.id) AS store_open,
			(SELECT json_group_array(json_object('id', g.id, 'name', g.name, 'groups', json(g.groups))) FROM insight_groupings g WHERE g.class_id = c.id) AS groupings
		FROM classes c JOIN accounts a ON a.id = c.teacher_id WHERE c.id = ?`, classID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: unable to export class %d: %w", classID, err)
	}
	if len(rows) == 0 {
		return nil, nil, privacy.ErrNotFound
	}
	ids, err := s.SchoolClassStudents(ctx, classID)
	return rows[0], ids, err
}

// SchoolClassStudents lists the ids of a class's students.
func (s *Store) SchoolClassStudents(ctx context.Context, classID int64) ([]int64, error) {
	rows, err := s.Reader.QueryContext(ctx, `SELECT id FROM students WHERE class_id = ? ORDER BY id`, classID)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list students of class %d: %w", classID, err)
	}
	defer rows.Close()
	ids := []int64{}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// SchoolAccounts lists the adults' accounts without password hashes.
func (s *Store) SchoolAccounts(ctx context.Context) ([]map[string]any, error) {
	rows, err := queryMaps(ctx, s.Reader, `SELECT id, email, display_name, school, role, disabled_at, created_at, last_login_at FROM accounts ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to export accounts: %w", err)
	}
	return rows, nil
}
