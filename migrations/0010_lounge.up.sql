-- Learning Lounge, class values vote and achievements (issue 18).

-- The ledger gets one more type: lesson_reward, the coins a class's
-- completed lesson pays each student. SQLite cannot change a CHECK in
-- place, so the table is rebuilt with the same rows, ids, indexes and
-- append-only triggers. A lesson's coins carry the idempotency key
-- lesson:<class>:<lesson>:<student>, so the UNIQUE index on the key makes
-- a second payment for the same lesson impossible.
DROP TRIGGER coin_ledger_append_only_update;
DROP TRIGGER coin_ledger_append_only_delete;
CREATE TABLE coin_ledger_new (
    id              INTEGER PRIMARY KEY,
    student_id      INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    amount          INTEGER NOT NULL CHECK (amount != 0),
    type            TEXT    NOT NULL CHECK (type IN ('welcome_bonus', 'teacher_gift', 'teacher_deduct', 'purchase',
                                                     'pet_purchase', 'pet_care', 'game_reward', 'refund', 'lesson_reward')),
    reason          TEXT    NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    actor_kind      TEXT    NOT NULL DEFAULT 'system' CHECK (actor_kind IN ('system', 'account', 'student')),
    actor_id        INTEGER,
    idempotency_key TEXT    UNIQUE CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 128),
    created_at      INTEGER NOT NULL,
    balance_after   INTEGER CHECK (balance_after >= 0),
    CHECK ((actor_kind = 'system') = (actor_id IS NULL))
);
INSERT INTO coin_ledger_new (id, student_id, amount, type, reason, actor_kind, actor_id, idempotency_key, created_at, balance_after)
    SELECT id, student_id, amount, type, reason, actor_kind, actor_id, idempotency_key, created_at, balance_after FROM coin_ledger;
DROP INDEX coin_ledger_welcome_once;
DROP INDEX coin_ledger_student;
DROP TABLE coin_ledger;
ALTER TABLE coin_ledger_new RENAME TO coin_ledger;
CREATE INDEX coin_ledger_student ON coin_ledger (student_id, id);
CREATE UNIQUE INDEX coin_ledger_welcome_once ON coin_ledger (student_id) WHERE type = 'welcome_bonus';
CREATE TRIGGER coin_ledger_append_only_update BEFORE UPDATE ON coin_ledger BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;
CREATE TRIGGER coin_ledger_append_only_delete BEFORE DELETE ON coin_ledger
WHEN EXISTS (SELECT 1 FROM students WHERE id = OLD.student_id) BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;

-- Each class's progress in each lesson of the library (lessons are in the
-- binary; lesson_id is the library's 1-5). No row: not started.
CREATE TABLE lesson_progress (
    class_id         INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    lesson_id        INTEGER NOT NULL CHECK (lesson_id BETWEEN 1 AND 50),
    status           TEXT    NOT NULL CHECK (status IN ('not_started', 'in_progress', 'completed')),
    current_activity INTEGER NOT NULL CHECK (current_activity BETWEEN 1 AND 4),
    done             INTEGER NOT NULL DEFAULT 0 CHECK (done BETWEEN 0 AND 15), -- one bit per activity
    completions      INTEGER NOT NULL DEFAULT 0 CHECK (completions >= 0),
    started_at       INTEGER,
    completed_at     INTEGER,
    updated_at       INTEGER NOT NULL,
    PRIMARY KEY (class_id, lesson_id),
    CHECK ((status = 'completed') = (completed_at IS NOT NULL))
) WITHOUT ROWID;

-- One teacher's stars and comment per lesson (changing it replaces it).
CREATE TABLE lesson_feedback (
    account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    lesson_id  INTEGER NOT NULL CHECK (lesson_id BETWEEN 1 AND 50),
    stars      INTEGER NOT NULL CHECK (stars BETWEEN 1 AND 5),
    comment    TEXT    NOT NULL DEFAULT '' CHECK (length(comment) <= 1000),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, lesson_id)
) WITHOUT ROWID;

-- A class's values votes; the latest is the current one. Times in unix
-- milliseconds; closed_at is set when closed early or finalized early.
CREATE TABLE values_sessions (
    id           INTEGER PRIMARY KEY,
    class_id     INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    opened_at    INTEGER NOT NULL,
    closes_at    INTEGER NOT NULL CHECK (closes_at > opened_at),
    closed_at    INTEGER,
    finalized_at INTEGER
);
CREATE INDEX values_sessions_class ON values_sessions (class_id, id);

-- One ballot per student and vote (the primary key makes a second one
-- impossible): {"<cluster>":[{"value":"...","rank":1},...],...}.
CREATE TABLE values_votes (
    session_id INTEGER NOT NULL REFERENCES values_sessions (id) ON DELETE CASCADE,
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    ballot     TEXT    NOT NULL CHECK (json_valid(ballot)),
    voted_at   INTEGER NOT NULL,
    PRIMARY KEY (session_id, student_id)
) WITHOUT ROWID;
CREATE INDEX values_votes_student ON values_votes (student_id);

-- A finalized vote's winners: two values per cluster.
CREATE TABLE values_results (
    session_id INTEGER NOT NULL REFERENCES values_sessions (id) ON DELETE CASCADE,
    cluster    TEXT    NOT NULL CHECK (length(cluster) BETWEEN 1 AND 40),
    place      INTEGER NOT NULL CHECK (place BETWEEN 1 AND 2),
    value      TEXT    NOT NULL CHECK (length(value) BETWEEN 1 AND 40),
    score      INTEGER NOT NULL CHECK (score > 0),
    PRIMARY KEY (session_id, cluster, place)
) WITHOUT ROWID;

-- What each student earned, once each; seen_at is set when the student's
-- home has celebrated it.
CREATE TABLE student_achievements (
    student_id INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    code       TEXT    NOT NULL CHECK (length(code) BETWEEN 1 AND 40),
    earned_at  INTEGER NOT NULL,
    seen_at    INTEGER,
    PRIMARY KEY (student_id, code)
) WITHOUT ROWID;

-- The days running a student's pet was happy after a care action.
CREATE TABLE pet_happy_streaks (
    student_id INTEGER PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
    last_day   TEXT    NOT NULL CHECK (length(last_day) = 10),
    days       INTEGER NOT NULL CHECK (days >= 1)
);
