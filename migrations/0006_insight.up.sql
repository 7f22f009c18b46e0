-- Teacher insight: saved groupings of a class and the live board's fresh
-- start. Both go with their class (ON DELETE CASCADE).

-- A named set of groups the teacher kept. groups is a JSON array of arrays
-- of student ids; ids of students who left since are skipped when loaded.
CREATE TABLE insight_groupings (
    id         INTEGER PRIMARY KEY,
    class_id   INTEGER NOT NULL REFERENCES classes (id) ON DELETE CASCADE,
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 60),
    size       INTEGER NOT NULL CHECK (size BETWEEN 2 AND 6),
    balance    TEXT    NOT NULL CHECK (balance IN ('genius', 'energy', 'style', 'random')),
    seed       INTEGER NOT NULL CHECK (seed >= 0),
    groups     TEXT    NOT NULL CHECK (json_valid(groups) AND json_type(groups) = 'array'),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX insight_groupings_class ON insight_groupings (class_id, id);

-- "Start fresh" on the live board: it shows only students who finished at
-- or after fresh_since (unix milliseconds). No row: everyone.
CREATE TABLE insight_boards (
    class_id    INTEGER PRIMARY KEY REFERENCES classes (id) ON DELETE CASCADE,
    fresh_since INTEGER NOT NULL
);
