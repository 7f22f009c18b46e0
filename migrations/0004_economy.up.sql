-- The coin economy: the store catalog (items and pet species), what each
-- student owns and wears, avatar colours, pets, whether each class's store
-- is open, and idempotency keys so a retried request never moves coins twice.
-- The ledger itself (coin_ledger) and the balance (students.coins, CHECK >= 0)
-- come with the students in 0003; this migration adds the balance after
-- each row (for the history pages) and makes the ledger append-only.

ALTER TABLE coin_ledger ADD COLUMN balance_after INTEGER CHECK (balance_after >= 0);

-- Rows are never changed. They go only with their student (class deletion,
-- retention), which removes the student row first and cascades here.
CREATE TRIGGER coin_ledger_append_only_update BEFORE UPDATE ON coin_ledger BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;
CREATE TRIGGER coin_ledger_append_only_delete BEFORE DELETE ON coin_ledger
WHEN EXISTS (SELECT 1 FROM students WHERE id = OLD.student_id) BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;

CREATE TABLE store_items (
    id         INTEGER PRIMARY KEY,
    code       TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name       TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    slot       TEXT    NOT NULL CHECK (slot IN ('hat', 'glasses', 'neck', 'background')),
    rarity     TEXT    NOT NULL CHECK (rarity IN ('common', 'rare', 'epic')),
    price      INTEGER NOT NULL CHECK (price BETWEEN 1 AND 10000),
    image      TEXT    NOT NULL CHECK (length(image) BETWEEN 1 AND 200),
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order INTEGER NOT NULL DEFAULT 0,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE pet_species (
    id             INTEGER PRIMARY KEY,
    code           TEXT    NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 40),
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 40),
    rarity         TEXT    NOT NULL CHECK (rarity IN ('common', 'rare', 'epic')),
    price          INTEGER NOT NULL CHECK (price BETWEEN 1 AND 10000),
    hunger_rate    REAL    NOT NULL CHECK (hunger_rate BETWEEN 0 AND 10),
    happiness_rate REAL    NOT NULL CHECK (happiness_rate BETWEEN 0 AND 10),
    art            TEXT    NOT NULL CHECK (length(art) BETWEEN 1 AND 200),
    active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    sort_order     INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- What a student owns. An item can be owned once.
CREATE TABLE inventory (
    student_id  INTEGER NOT NULL REFERENCES students (id) ON DELETE CASCADE,
    item_id     INTEGER NOT NULL REFERENCES store_items (id) ON DELETE RESTRICT,
    price_paid  INTEGER NOT NULL CHECK (price_paid >= 0),
    acquired_at INTEGER NOT NULL,
    PRIMARY KEY (student_id, item_id)
) WITHOUT ROWID;
CREATE INDEX inventory_item ON inventory (item_id);

-- What a student wears: one item per slot, and only an item it owns.
CREATE TABLE equipped_items (
    student_id INTEGER NOT NULL,
    slot       TEXT    NOT NULL CHECK (slot IN ('hat', 'glasses', 'neck', 'background')),
    item_id    INTEGER NOT NULL,
    PRIMARY KEY (student_id, slot),
    FOREIGN KEY (student_id, item_id) REFERENCES inventory (student_id, item_id) ON DELETE CASCADE
) WITHOUT ROWID;

CREATE TABLE avatar_colours (
    student_id       INTEGER PRIMARY KEY REFERENCES students (id) ON DELETE CASCADE,
    primary_colour   TEXT    NOT NULL DEFAULT '' CHECK (primary_colour = '' OR (length(primary_colour) = 7 AND primary_colour GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]')),
    secondary_colour TEXT    NOT NULL DEFAULT '' CHECK (secondary_colour = '' OR (length(secondary_colour) = 7 AND secondary_colour GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]')),
    updated_at       INTEGER NOT NULL
);

-- At most one pet per student. Hunger and happiness are the values at
-- last_at; the current ones decay on read.
CREATE TABLE pets (
    id             INTEGER PRIMARY KEY,
    student_id     INTEGER NOT NULL UNIQUE REFERENCES students (id) ON DELETE CASCADE,
    species_id     INTEGER NOT NULL REFERENCES pet_species (id) ON DELETE RESTRICT,
    name           TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 20),
    hunger         REAL    NOT NULL CHECK (hunger BETWEEN 0 AND 100),
    happiness      REAL    NOT NULL CHECK (happiness BETWEEN 0 AND 100),
    last_at        INTEGER NOT NULL,
    fed_at         INTEGER,
    played_at      INTEGER,
    petted_at      INTEGER,
    created_at     INTEGER NOT NULL
);
CREATE INDEX pets_species ON pets (species_id);

-- A class's store is closed until its teacher opens it.
CREATE TABLE class_stores (
    class_id   INTEGER PRIMARY KEY REFERENCES classes (id) ON DELETE CASCADE,
    open       INTEGER NOT NULL DEFAULT 0 CHECK (open IN (0, 1)),
    updated_at INTEGER NOT NULL
);

-- A request that moves coins carries an Idempotency-Key. The first answer
-- is kept; a retry with the same key gets it back and changes nothing.
CREATE TABLE idempotency_keys (
    subject      TEXT    NOT NULL CHECK (length(subject) BETWEEN 1 AND 64),
    key          TEXT    NOT NULL CHECK (length(key) BETWEEN 16 AND 128),
    request_hash BLOB    NOT NULL CHECK (length(request_hash) = 32),
    response     TEXT    NOT NULL CHECK (json_valid(response)),
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (subject, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_created ON idempotency_keys (created_at);
