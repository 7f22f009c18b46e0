-- Ready for a real classroom (issue 16): the welcome bonus's balance in
-- the ledger, and the pupils who are working on the quiz.

-- The welcome bonus was written without balance_after (0004 added the
-- column after 0003's submission path), so both histories showed an empty
-- balance. Fill every missing balance_after with the running sum of the
-- student's ledger up to that row; a sum below zero (a ledger that is
-- wrong already) is left empty for `animalgenius check` to report.
-- The ledger is append-only, so the guard is lifted for this one fill.
DROP TRIGGER coin_ledger_append_only_update;
UPDATE coin_ledger SET balance_after = (
    SELECT SUM(l.amount) FROM coin_ledger l WHERE l.student_id = coin_ledger.student_id AND l.id <= coin_ledger.id)
WHERE balance_after IS NULL
  AND (SELECT SUM(l.amount) FROM coin_ledger l WHERE l.student_id = coin_ledger.student_id AND l.id <= coin_ledger.id) >= 0;
CREATE TRIGGER coin_ledger_append_only_update BEFORE UPDATE ON coin_ledger BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;

-- A pupil who passed the name check but has not submitted the quiz yet:
-- the class, the name and since when, and nothing else (no answers). The
-- submission removes it in its own transaction; an abandoned one stops
-- showing at expires_at and is deleted by the hourly purge. One row per
-- name in a class: checking the name again moves it on.
CREATE TABLE pending_joins (
    id           INTEGER PRIMARY KEY,
    class_id     INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    first_name   TEXT    NOT NULL CHECK (length(first_name) BETWEEN 1 AND 20),
    last_initial TEXT    NOT NULL CHECK (length(last_initial) BETWEEN 1 AND 2),
    name_key     TEXT    NOT NULL CHECK (length(name_key) BETWEEN 1 AND 80),
    since        INTEGER NOT NULL, -- unix milliseconds
    expires_at   INTEGER NOT NULL CHECK (expires_at > since)
);
CREATE UNIQUE INDEX pending_joins_class_name ON pending_joins (class_id, name_key, last_initial);
CREATE INDEX pending_joins_expiry ON pending_joins (expires_at);
