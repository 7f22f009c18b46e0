-- Classes, their students with each one's current quiz result, the history
-- of quiz results, and the coin ledger with the students' balances (the
-- economy migration adds its own tables around these).

CREATE TABLE classes (
    id            INTEGER PRIMARY KEY,
    -- Deleting an account first hands its classes over or deletes them
    -- (sqlitestore.AccountEstate), so an owner can never vanish under a class.
    teacher_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE RESTRICT,
    name          TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    grade         INTEGER NOT NULL DEFAULT 0 CHECK (grade BETWEEN 0 AND 12), -- 0: not set
    icon          TEXT    NOT NULL CHECK (length(icon) BETWEEN 1 AND 20),
    colour        TEXT    NOT NULL CHECK (length(colour) = 7 AND colour GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
    seat_limit    INTEGER NOT NULL DEFAULT 0 CHECK (seat_limit BETWEEN 0 AND 1000), -- 0: no limit
    code          TEXT    NOT NULL UNIQUE
                  CHECK (length(code) = 6 AND code NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTUVWXYZ]*'),
    allow_retakes INTEGER NOT NULL DEFAULT 0 CHECK (allow_retakes IN (0, 1)),
    archived_at   INTEGER, -- unix milliseconds; NULL while the class is open
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX classes_teacher ON classes (teacher_id, id);

-- A student is created when its first quiz is scored, so the current
-- result is normally set; the columns still allow "not yet" (all NULL) for
-- students added in other ways. The result lives on this row, written in
-- the submission's transaction, so class analytics is one indexed scan.
CREATE TABLE students (
    id             INTEGER PRIMARY KEY,
    class_id       INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    first_name     TEXT    NOT NULL CHECK (length(first_name) BETWEEN 1 AND 20),
    -- One or two letters, first upper case ("R", "Ro").
    last_initial   TEXT    NOT NULL CHECK (length(last_initial) BETWEEN 1 AND 2),
    -- The first name folded to lower case (by Go, so it covers every
    -- script): "Maya R." and "maya r." are the same student.
    name_key       TEXT    NOT NULL CHECK (length(name_key) BETWEEN 1 AND 80),
    passport_code  TEXT    NOT NULL UNIQUE
                   CHECK (length(passport_code) = 9 AND substr(passport_code, 4, 1) = '-'
                          AND substr(passport_code, 1, 3) IN ('MEE', 'PAN', 'OWL', 'BEA', 'ELE', 'OTT', 'PAR', 'COL')
                          AND substr(passport_code, 5) NOT GLOB '*[^23456789ABCDEFGHJKMNPQRSTUVWXYZ]*'),
    coins          INTEGER NOT NULL DEFAULT 0 CHECK (coins >= 0),
    created_at     INTEGER NOT NULL,
    -- The current (latest) quiz result.
    type           TEXT CHECK (type IS NULL OR (length(type) = 4 AND type GLOB '[EI][SN][TF][JP]')),
    animal         TEXT CHECK (animal IS NULL OR animal IN ('meerkat', 'panda', 'owl', 'beaver', 'elephant', 'otter', 'parrot', 'border_collie')),
    genius         TEXT CHECK (genius IS NULL OR genius IN ('thinker', 'feeler', 'doer')),
    learning_style TEXT CHECK (learning_style IS NULL OR learning_style IN ('', 'visual', 'auditory', 'readingWriting', 'kinesthetic')),
    -- Every style within one point of the top, comma-separated, in tie-break order.
    styles         TEXT,
    e INTEGER, i INTEGER, s INTEGER, n INTEGER, t INTEGER, f INTEGER, j INTEGER, p INTEGER,
    visual INTEGER, auditory INTEGER, reading_writing INTEGER, kinesthetic INTEGER,
    bank_version   TEXT,
    completed_at   INTEGER, -- unix milliseconds; NULL: "not yet"
    CHECK ((completed_at IS NULL) = (animal IS NULL) AND (animal IS NULL) = (type IS NULL)
           AND (type IS NULL) = (genius IS NULL) AND (genius IS NULL) = (e IS NULL))
);
-- Leads with class_id, so it is also the index of a class's students
-- (roster, analytics); and it makes two students of one class with the same
-- name impossible even when both submit at the same moment.
CREATE UNIQUE INDEX students_class_name ON students (class_id, name_key, last_initial);

CREATE TRIGGER students_delete_sessions AFTER DELETE ON students BEGIN
    DELETE FROM sessions WHERE subject_kind = 'student' AND subject_id = OLD.id;
END;

-- Every scored quiz, kept when a retake makes a newer one current.
CREATE TABLE quiz_results (
    id              INTEGER PRIMARY KEY,
    student_id      INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    -- The browser's key for this submission: a replay finds it and gets
    -- the same answer instead of a second student.
    submission_key  TEXT    NOT NULL UNIQUE CHECK (length(submission_key) BETWEEN 16 AND 64),
    bank_version    TEXT    NOT NULL CHECK (length(bank_version) BETWEEN 1 AND 16),
    answers         TEXT    NOT NULL CHECK (json_valid(answers)), -- {"ei1":"b",...}
    type            TEXT    NOT NULL CHECK (length(type) = 4 AND type GLOB '[EI][SN][TF][JP]'),
    animal          TEXT    NOT NULL,
    genius          TEXT    NOT NULL,
    learning_style  TEXT    NOT NULL,
    styles          TEXT    NOT NULL,
    e INTEGER NOT NULL, i INTEGER NOT NULL, s INTEGER NOT NULL, n INTEGER NOT NULL,
    t INTEGER NOT NULL, f INTEGER NOT NULL, j INTEGER NOT NULL, p INTEGER NOT NULL,
    visual INTEGER NOT NULL, auditory INTEGER NOT NULL, reading_writing INTEGER NOT NULL, kinesthetic INTEGER NOT NULL,
    created_at      INTEGER NOT NULL
);
CREATE INDEX quiz_results_student ON quiz_results (student_id, id);

-- Every coin movement, one row each; students.coins is the running sum,
-- kept in the same transaction and never below zero.
CREATE TABLE coin_ledger (
    id              INTEGER PRIMARY KEY,
    student_id      INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    amount          INTEGER NOT NULL CHECK (amount != 0),
    type            TEXT    NOT NULL CHECK (type IN ('welcome_bonus', 'teacher_gift', 'teacher_deduct', 'purchase',
                                                     'pet_purchase', 'pet_care', 'game_reward', 'refund')),
    reason          TEXT    NOT NULL DEFAULT '' CHECK (length(reason) <= 200),
    actor_kind      TEXT    NOT NULL DEFAULT 'system' CHECK (actor_kind IN ('system', 'account', 'student')),
    actor_id        INTEGER,
    idempotency_key TEXT    UNIQUE CHECK (idempotency_key IS NULL OR length(idempotency_key) BETWEEN 1 AND 128),
    created_at      INTEGER NOT NULL,
    CHECK ((actor_kind = 'system') = (actor_id IS NULL))
);
CREATE INDEX coin_ledger_student ON coin_ledger (student_id, id);
-- The welcome bonus is paid once per student, whatever the code does.
CREATE UNIQUE INDEX coin_ledger_welcome_once ON coin_ledger (student_id) WHERE type = 'welcome_bonus';
