DROP TABLE pet_happy_streaks;
DROP TABLE student_achievements;
DROP TABLE values_results;
DROP INDEX values_votes_student;
DROP TABLE values_votes;
DROP INDEX values_sessions_class;
DROP TABLE values_sessions;
DROP TABLE lesson_feedback;
DROP TABLE lesson_progress;

-- Back to the ledger without lesson_reward. The coins stay (balances must
-- still add up): a lesson's payment becomes a teacher_gift row with the
-- same amount, reason and key.
DROP TRIGGER coin_ledger_append_only_update;
DROP TRIGGER coin_ledger_append_only_delete;
CREATE TABLE coin_ledger_old (
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
    balance_after   INTEGER CHECK (balance_after >= 0),
    CHECK ((actor_kind = 'system') = (actor_id IS NULL))
);
INSERT INTO coin_ledger_old (id, student_id, amount, type, reason, actor_kind, actor_id, idempotency_key, created_at, balance_after)
    SELECT id, student_id, amount, CASE type WHEN 'lesson_reward' THEN 'teacher_gift' ELSE type END,
           reason, actor_kind, actor_id, idempotency_key, created_at, balance_after FROM coin_ledger;
DROP INDEX coin_ledger_welcome_once;
DROP INDEX coin_ledger_student;
DROP TABLE coin_ledger;
ALTER TABLE coin_ledger_old RENAME TO coin_ledger;
CREATE INDEX coin_ledger_student ON coin_ledger (student_id, id);
CREATE UNIQUE INDEX coin_ledger_welcome_once ON coin_ledger (student_id) WHERE type = 'welcome_bonus';
CREATE TRIGGER coin_ledger_append_only_update BEFORE UPDATE ON coin_ledger BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;
CREATE TRIGGER coin_ledger_append_only_delete BEFORE DELETE ON coin_ledger
WHEN EXISTS (SELECT 1 FROM students WHERE id = OLD.student_id) BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;
