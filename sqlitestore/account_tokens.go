package sqlitestore

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"animalgenius/app/accounts"
)

const tokenColumns = `id, purpose, account_id, created_by, email, note, created_at, expires_at, used_at, used_by`

func scanToken(row interface{ Scan(...any) error }) (accounts.Token, error) {
	var t accounts.Token
	var acct, by, usedAt, usedBy sql.NullInt64
	var created, expires int64
	err := row.Scan(&t.ID, &t.Purpose, &acct, &by, &t.Email, &t.Note, &created, &expires, &usedAt, &usedBy)
	if errors.Is(err, sql.ErrNoRows) {
		return t, accounts.ErrNotFound
	}
	if err != nil {
		return t, fmt.Errorf("store: unable to read link: %w", err)
	}
	t.AccountID, t.CreatedBy, t.UsedBy = acct.Int64, by.Int64, usedBy.Int64
	t.CreatedAt, t.ExpiresAt = time.UnixMilli(created), time.UnixMilli(expires)
	if usedAt.Valid {
		t.UsedAt = time.UnixMilli(usedAt.Int64)
	}
	return t, nil
}

// CreateToken stores a one-time link (its hash).
func (s *Store) CreateToken(ctx context.Context, t accounts.NewLinkToken, a accounts.Audit) (int64, error) {
	var id int64
	err := s.Write(ctx, func(tx *sql.Tx) error {
		err := tx.QueryRowContext(ctx, `INSERT INTO account_tokens (token_hash, purpose, account_id, created_by, email, note, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			t.Hash[:], t.Purpose, nullID(t.AccountID), nullID(t.CreatedBy), t.Email, t.Note, t.CreatedAt.UnixMilli(), t.ExpiresAt.UnixMilli()).Scan(&id)
		if err != nil {
			return fmt.Errorf("store: unable to create link: %w", err)
		}
		return insertAudit(ctx, tx, a)
	})
	return id, err
}

// TokenByHash finds a one-time link by the SHA-256 of its token.
func (s *Store) TokenByHash(ctx context.Context, hash []byte) (accounts.Token, error) {
	return scanToken(s.read.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM account_tokens WHERE token_hash = ?`, hash))
}

// ListInvites lists unused, unexpired invitations, newest first.
func (s *Store) ListInvites(ctx context.Context, now time.Time) ([]accounts.Token, error) {
	rows, err := s.read.QueryContext(ctx, `SELECT `+tokenColumns+` FROM account_tokens
		WHERE purpose = 'invite' AND used_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT 500`, now.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("store: unable to list invitations: %w", err)
	}
	defer rows.Close()
	out := []accounts.Token{}
	for rows.Next() {
		t, err := scanToken(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeInvite deletes an unused invitation.
func (s *Store) RevokeInvite(ctx context.Context, id int64, now time.Time, a accounts.Audit) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		err := mustAffect(tx.ExecContext(ctx, `DELETE FROM account_tokens WHERE id = ? AND purpose = 'invite' AND used_at IS NULL`, id))
		if err != nil {
			return err
		}
		return insertAudit(ctx, tx, a)
	})
}

// DeleteSetupTokens removes every first-run setup link.
func (s *Store) DeleteSetupTokens(ctx context.Context) error {
	return s.Write(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM account_tokens WHERE purpose = 'setup'`)
		return err
	})
}

// useToken marks a live token of purpose as used by accountID, inside tx.
// It fails with ErrLinkInvalid when the token is unknown, used or expired.
func useToken(ctx context.Context, tx *sql.Tx, hash []byte, purpose string, accountID int64, now time.Time) (accounts.Token, error) {
	t, err := scanToken(tx.QueryRowContext(ctx, `SELECT `+tokenColumns+` FROM account_tokens WHERE token_hash = ?`, hash))
	if errors.Is(err, accounts.ErrNotFound) || err == nil && (t.Purpose != purpose || !t.UsedAt.IsZero() || !now.Before(t.ExpiresAt)) {
		return t, accounts.ErrLinkInvalid
	}
	if err != nil {
		return t, err
	}
	_, err = tx.ExecContext(ctx, `UPDATE account_tokens SET used_at = ?, used_by = ? WHERE id = ?`, now.UnixMilli(), nullID(accountID), t.ID)
	return t, err
}

// spendResetLinks marks every unused reset link of an account as used:
// once a password is set (through a link, a change or the command line),
// links made before it must not set another.
func spendResetLinks(ctx context.Context, tx *sql.Tx, accountID int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE account_tokens SET used_at = ? WHERE purpose = 'reset' AND account_id = ? AND used_at IS NULL`,
		now.UnixMilli(), accountID)
	if err != nil {
		return fmt.Errorf("store: unable to end older reset links: %w", err)
	}
	return nil
}

// RedeemSignup creates an account through a setup or invite link (or,
// with hash nil, by school code or open sign-up) and its first session.
func (s *Store) RedeemSignup(ctx context.Context, hash []byte, purpose string, n accounts.NewAccount, sess accounts.SessionRow, a accounts.Audit) (accounts.Account, error) {
	var acct accounts.Account
	err := s.Write(ctx, func(tx *sql.Tx) error {
		if purpose == accounts.PurposeSetup {
			var admins int
			if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE role = 'admin' AND disabled_at IS NULL`).Scan(&admins); err != nil {
				return err
			}
			if admins > 0 {
				return accounts.ErrLinkInvalid
			}
		}
		id, err := insertAccount(ctx, tx, n)
		if err != nil {
			return err
		}
		if hash != nil {
			if _, err := useToken(ctx, tx, hash, purpose, id, n.CreatedAt); err != nil {
				return err
			}
		}
		sess.SubjectID = id
		if err := insertSession(ctx, tx, sess); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET last_login_at = ? WHERE id = ?`, sess.CreatedAt.UnixMilli(), id); err != nil {
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

// RedeemReset sets a password through a reset link, ends the account's
// sessions and, unless the account is disabled, starts sess.
func (s *Store) RedeemReset(ctx context.Context, hash []byte, pwHash string, sess accounts.SessionRow, a accounts.Audit) (accounts.Account, error) {
	var acct accounts.Account
	err := s.Write(ctx, func(tx *sql.Tx) error {
		now := sess.CreatedAt
		t, err := useToken(ctx, tx, hash, accounts.PurposeReset, sess.SubjectID, now)
		if err != nil {
			return err
		}
		if t.AccountID != sess.SubjectID {
			return accounts.ErrLinkInvalid
		}
		err = mustAffect(tx.ExecContext(ctx, `UPDATE accounts SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?`,
			pwHash, now.UnixMilli(), now.UnixMilli(), t.AccountID))
		if err != nil {
			return err
		}
		if _, err := deleteSubjectSessions(ctx, tx, accounts.KindAccount, t.AccountID); err != nil {
			return err
		}
		if err := spendResetLinks(ctx, tx, t.AccountID, now); err != nil {
			return err
		}
		if acct, err = accountByID(ctx, tx, t.AccountID); err != nil {
			return err
		}
		if !acct.Disabled {
			if err := insertSession(ctx, tx, sess); err != nil {
				return err
			}
		}
		return insertAudit(ctx, tx, a)
	})
	return acct, err
}
