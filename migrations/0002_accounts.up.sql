-- Teacher and admin accounts, the sessions of adults and students, one-time
-- links (first-run setup, invites, password resets) and the audit log.

CREATE TABLE accounts (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL UNIQUE
                        CHECK (length(email) BETWEEN 3 AND 254 AND email = lower(email) AND instr(email, '@') > 1),
    display_name        TEXT    NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
    school              TEXT    NOT NULL DEFAULT '' CHECK (length(school) <= 120),
    role                TEXT    NOT NULL CHECK (role IN ('teacher', 'admin')),
    -- PHC-encoded argon2id hash; '' while an account made by an admin waits
    -- for its owner to choose a password through a one-time link.
    password_hash       TEXT    NOT NULL DEFAULT '',
    disabled_at         INTEGER, -- unix milliseconds; NULL while the account may sign in
    created_at          INTEGER NOT NULL,
    updated_at          INTEGER NOT NULL,
    password_changed_at INTEGER NOT NULL DEFAULT 0,
    last_login_at       INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX accounts_role ON accounts (role, disabled_at);

-- Sessions of adults (subject_kind 'account') and students ('student').
-- Only the SHA-256 of the cookie's token is stored. subject_id has no
-- foreign key because it points at one of two tables; triggers delete the
-- sessions of a deleted subject (students: in their own migration).
CREATE TABLE sessions (
    token_hash   BLOB    PRIMARY KEY CHECK (length(token_hash) = 32),
    subject_kind TEXT    NOT NULL CHECK (subject_kind IN ('account', 'student')),
    subject_id   INTEGER NOT NULL CHECK (subject_id > 0),
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL, -- absolute end; the idle end is last_seen_at + the configured idle time
    ip           TEXT    NOT NULL DEFAULT '' CHECK (length(ip) <= 64),
    user_agent   TEXT    NOT NULL DEFAULT '' CHECK (length(user_agent) <= 256)
) WITHOUT ROWID;
CREATE INDEX sessions_subject ON sessions (subject_kind, subject_id);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_last_seen ON sessions (subject_kind, last_seen_at);

CREATE TRIGGER accounts_delete_sessions AFTER DELETE ON accounts BEGIN
    DELETE FROM sessions WHERE subject_kind = 'account' AND subject_id = OLD.id;
END;

-- One-time links. Only the SHA-256 of the token is stored; the link is shown once.
--   setup:  create the first admin (valid 30 minutes, only while no admin exists)
--   invite: an admin's invitation to sign up (optionally for one email)
--   reset:  choose a new password for account_id
CREATE TABLE account_tokens (
    id          INTEGER PRIMARY KEY,
    token_hash  BLOB    NOT NULL UNIQUE CHECK (length(token_hash) = 32),
    purpose     TEXT    NOT NULL CHECK (purpose IN ('setup', 'invite', 'reset')),
    account_id  INTEGER REFERENCES accounts (id) ON DELETE CASCADE,
    created_by  INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    email       TEXT    NOT NULL DEFAULT '' CHECK (length(email) <= 254 AND email = lower(email)),
    note        TEXT    NOT NULL DEFAULT '' CHECK (length(note) <= 120),
    created_at  INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    used_at     INTEGER,
    used_by     INTEGER REFERENCES accounts (id) ON DELETE SET NULL,
    CHECK ((purpose = 'reset') = (account_id IS NOT NULL))
);
CREATE INDEX account_tokens_purpose ON account_tokens (purpose, used_at, expires_at);

-- What adults did to accounts, and from where. Kept when the actor or the
-- target is deleted (labels hold the email at the time).
CREATE TABLE audit_log (
    id           INTEGER PRIMARY KEY,
    created_at   INTEGER NOT NULL,
    actor_id     INTEGER, -- account id; NULL for the command line, the system or a visitor
    actor_label  TEXT    NOT NULL CHECK (length(actor_label) <= 254),
    action       TEXT    NOT NULL CHECK (length(action) BETWEEN 1 AND 64),
    target_id    INTEGER,
    target_label TEXT    NOT NULL DEFAULT '' CHECK (length(target_label) <= 254),
    detail       TEXT    NOT NULL DEFAULT '' CHECK (length(detail) <= 500),
    ip           TEXT    NOT NULL DEFAULT '' CHECK (length(ip) <= 64)
);
CREATE INDEX audit_log_actor ON audit_log (actor_id);
CREATE INDEX audit_log_target ON audit_log (target_id);
