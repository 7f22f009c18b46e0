package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/accounts"
	"animalgenius/app/jsontime"
)

var _ accounts.Store = (*Store)(nil)

// AccountEstate lets the areas that own data per teacher (classes, with
// their students) take part in deleting an account. appliance.go sets it;
// both funcs may be nil while no such area exists.
type AccountEstate struct {
	// Holdings counts what accountID owns, for the delete confirmation.
	Holdings func(ctx context.Context, db *sql.DB, accountID int64) (accounts.Holdings, error)
	// Settle runs inside the delete transaction, before the account row is
	// deleted: with heirID > 0 it moves every class of accountID (with its
	// students, results and coins) to heirID; with heirID == 0 it deletes
	// those classes with all their students' data.
	Settle func(ctx context.Context, tx *sql.Tx, accountID, heirID int64) error
}

const accountColumns = `id, email, display_name, school, role, password_hash, disabled_at, created_at, last_login_at`

func scanAccount(row interface{ Scan(...any) error }) (accounts.Account, string, error) {
	var a accounts.Account
	var hash string
	var disabled sql.NullInt64
	var created, lastLogin int64
	err := row.Scan(&a.ID, &a.Email, &a.DisplayName, &a.School, &a.Role, &hash, &disabled, &created, &lastLogin)
	if errors.Is(err, sql.ErrNoRows) {
		return a, "", accounts.ErrNotFound
	}
	if err != nil {
		return a, "", fmt.Errorf("store: unable to read account: %w", err)
	}
	a.Disabled, a.HasPassword = disabled.Valid, hash != ""
	a.CreatedAt = jsontime.UnixMilli(created)
	if lastLogin > 0 {
		a.LastLoginAt = jsontime.UnixMilli(lastLogin)
	}
	return a, hash, nil
}

func isUniqueViolation(err error) bool {
	return err != nil && strings.Contains(err.Error(), "UNIQUE constraint failed")
}

// CountActiveAdmins counts admins who are not disabled.
func (s *Store) CountActiveAdmins(ctx context.Context) (int, error) {
	var n int
	err := s.read.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL`).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: unable to count admins: %w", err)
	}
	return n, nil
}

func insertAccount(ctx context.Context, tx *sql.Tx, n accounts.NewAccount) (int64, error) {
	var changed int64
	if n.PasswordHash != "" {
		changed = n.CreatedAt.UnixMilli()
	}
	var id int64
	err := tx.QueryRowContext(ctx, `INSERT INTO accounts (id, email, display_name, school, role, password_hash, created_at, updated_at, password_changed_at)
		VALUES (`+nextAccountID+`, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		n.Email, n.DisplayName, n.School, n.Role, n.PasswordHash, n.CreatedAt.UnixMilli(), n.CreatedAt.UnixMilli(), changed).Scan(&id)
	if isUniqueViolation(err) {
		return 0, accounts.ErrEmailTaken
	}
	if err != nil {
		return 0, fmt.Errorf("store: unable to create account: %w", err)
	}
	return id, nil
}

func accountByID(ctx context.Context, q interface {
	QueryRowContext(context.Context, string, ...any) *sql.Row
}, id int64) (accounts.Account, error) {
	a, _, err := scanAccount(q.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = ?`, id))
	return a, err
}

// CreateAccount adds an account.
func (s *Store) CreateAccount(ctx context.Context, n accounts.NewAccount, a accounts.Audit) (accounts.Account, error) {
	var acct accounts.Account
	err := s.Write(ctx, func(tx *sql.Tx) error {
		id, err := insertAccount(ctx, tx, n)
		if err != nil {
			return err
		}
		a.TargetID = id
		if err := insertAudit(ctx, tx, a); err != nil {
			return err
		}
		acct, err = accountByID(ctx, tx, id)
		return err
	})
	return acct, err
}

// AccountByID finds an account.
func (s *Store) AccountByID(ctx context.Context, id int64) (accounts.Account, error) {
	return accountByID(ctx, &s.read, id)
}

// AccountByEmail finds an account by its (normalised) email, with its password hash.
func (s *Store) AccountByEmail(ctx context.Context, email string) (accounts.Account, string, error) {
	return scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE email = ?`, email))
}

// PasswordHash returns an account's password hash.
func (s *Store) PasswordHash(ctx context.Context, id int64) (string, error) {
	_, hash, err := scanAccount(s.read.QueryRowContext(ctx, `SELECT `+accountColumns+` FROM accounts WHERE id = ?`, id))
	return hash, err
}

// ListAccounts lists every account, admins first, then by email.
func (s *Store) ListAccounts(ctx context.Context) ([]accounts.Account, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+accountColumns+` FROM accounts ORDER BY role = 'admin' DESC, email`)
	if err != nil {
		return nil, fmt.Errorf("store: unable to list accounts: %w", err)
	}
	defer rows.Close()
	out := []accounts.Account{}
	for rows.Next() {
		a, _, err := scanAccount(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// mustAffect turns "no row changed" into ErrNotFound.
func mustAffect(res sql.Result, err error) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return accounts.ErrNotFound
	}
	return nil
}

// UpdateProfile changes an account's display name and school.
func (s *Store) UpdateProfile(ctx context.Context, id int64, name, school string, now time.Time, a accounts.Audit) (accounts.Account, error) {
	var acct accounts.Account
	err := s.Write(ctx, func(tx *sql.Tx) error {
		err := mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET display_name = ?, school = ?, updated_at = ? WHERE id = ?`,
			name, school, now.UnixMilli(), id))
		if err != nil {
			return err
		}
		if err := insertAudit(ctx, tx, a); err != nil {
			return err
		}
		acct, err = accountByID(ctx, tx, id)
		return err
	})
	return acct, err
}

// SetPassword stores a new hash and ends every session of the account;
// sess, when given, is the fresh session of the browser that asked.
func (s *Store) SetPassword(ctx context.Context, id int64, hash string, now time.Time, sess *accounts.SessionRow, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		err := mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?`,
			hash, now.UnixMilli(), now.UnixMilli(), id))
		if err != nil {
			return err
		}
		if _, err := deleteSubjectSessions(ctx, tx, accounts.KindAccount, id); err != nil {
			return err
		}
		if err := spendResetLinks(ctx, tx, id, now); err != nil {
			return err
		}
		if sess != nil {
			if err := insertSession(ctx, tx, *sess); err != nil {
				return err
			}
		}
		return insertAudit(ctx, tx, a)
	})
}

// otherActiveAdmins counts enabled admins other than id.
func otherActiveAdmins(ctx context.Context, tx *sql.Tx, id int64) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL AND id != ?`, id).Scan(&n)
	return n, err
}

// guardLastAdmin gathers what accounts.KeepsAnAdmin decides on, inside the
// transaction that would switch off, demote or delete account id.
func guardLastAdmin(ctx context.Context, tx *sql.Tx, id int64) error {
	acct, err := accountByID(ctx, tx, id)
	if err != nil {
		return err
	}
	n, err := otherActiveAdmins(ctx, tx, id)
	if err != nil {
		return err
	}
	return accounts.KeepsAnAdmin(acct, n)
}

// SetDisabled switches an account off (ending its sessions) or back on.
func (s *Store) SetDisabled(ctx context.Context, id int64, disabled bool, now time.Time, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		var res sql.Result
		var err error
		if disabled {
			if err := guardLastAdmin(ctx, tx, id); err != nil {
				return err
			}
			res, err = tx.ExecContext(ctx, `UPDATE accounts SET disabled_at = coalesce(disabled_at, ?), updated_at = ? WHERE id = ?`, now.UnixMilli(), now.UnixMilli(), id)
			if err == nil {
				_, err = deleteSubjectSessions(ctx, tx, accounts.KindAccount, id)
			}
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE accounts SET disabled_at = NULL, updated_at = ? WHERE id = ?`, now.UnixMilli(), id)
		}
		if err := mustAffect(res, err); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
}

// SetRole changes an account's role, never demoting the last enabled admin.
func (s *Store) SetRole(ctx context.Context, id int64, role string, now time.Time, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		if role != accounts.RoleAdmin {
			if err := guardLastAdmin(ctx, tx, id); err != nil {
				return err
			}
		}
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET role = ?, updated_at = ? WHERE id = ?`, role, now.UnixMilli(), id)); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
}

// AccountHoldings counts the classes and students an account owns.
func (s *Store) AccountHoldings(ctx context.Context, id int64) (accounts.Holdings, error) {
	if s.Estate.Holdings == nil {
		return accounts.Holdings{}, nil
	}
	h, err := s.Estate.Holdings(ctx, s.Reader, id)
	if err != nil {
		return h, fmt.Errorf("store: unable to count what account %d owns: %w", id, err)
	}
	return h, nil
}

// DeleteAccount deletes an account after its classes were handed to heirID
// or deleted (Estate.Settle); its sessions go by trigger, its one-time
// links by foreign key, and audit lines keep their labels.
func (s *Store) DeleteAccount(ctx context.Context, id, heirID int64, a accounts.Audit) error {
	return s.writeForget(ctx, func(tx *sql.Tx) error {
		if err := guardLastAdmin(ctx, tx, id); err != nil {
			return err
		}
		if heirID > 0 {
			heir, err := accountByID(ctx, tx, heirID)
			if err != nil || heir.Disabled || heirID == id {
				return accounts.ErrBadHeir
			}
		}
		if heirID == 0 && a.Action != "" {
			// The classes go with the account: one line per student they
			// held (or per empty class), so the audit log finds each
			// deletion by class and by student.
			if a.At.IsZero() {
				a.At = time.Now()
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (created_at, actor_id, actor_label, action, target_id, target_label, detail, ip, class_id, student_id)
				SELECT ?, ?, ?, 'class.delete', ?, ?, 'deleted with the teacher''s account', ?, c.id, st.id
				FROM classes c LEFT JOIN students st ON st.class_id = c.id WHERE c.teacher_id = ? ORDER BY c.id, st.id`,
				a.At.UnixMilli(), nullID(a.ActorID), cut(a.ActorLabel, 254), nullID(a.TargetID), cut(a.TargetLabel, 254), cut(a.IP, 64), id); err != nil {
				return fmt.Errorf("store: unable to write the audit lines of the deleted classes: %w", err)
			}
		}
		if s.Estate.Settle != nil {
			if err := s.Estate.Settle(ctx, tx, id, heirID); err != nil {
				return fmt.Errorf("store: unable to hand over or delete the classes of account %d: %w", id, err)
			}
		}
		if err := mustAffect(tx.ExecContext(ctx, `DELETE FROM accounts WHERE id = ?`, id)); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
}

// RecordLogin creates the session of a successful login.
func (s *Store) RecordLogin(ctx context.Context, id int64, sess accounts.SessionRow, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		if err := mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET last_login_at = ? WHERE id = ?`, sess.CreatedAt.UnixMilli(), id)); err != nil {
			return err
		}
		if err := insertSession(ctx, tx, sess); err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
}
