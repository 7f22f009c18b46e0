-- Live quiz game: teachers' question sets, the games played, their players
-- and every answer. Results are written when each question closes, so a
-- crash loses at most the open question.

CREATE TABLE question_sets (
    id          INTEGER PRIMARY KEY,
    owner_id    INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    title       TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    description TEXT    NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX question_sets_owner ON question_sets (owner_id, updated_at);

CREATE TABLE set_questions (
    set_id   INTEGER NOT NULL REFERENCES question_sets (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 99),
    text     TEXT    NOT NULL CHECK (length(text) BETWEEN 1 AND 300),
    -- a JSON array of 2 to 4 answers
    options  TEXT    NOT NULL CHECK (json_valid(options) AND json_type(options) = 'array'
                                     AND json_array_length(options) BETWEEN 2 AND 4),
    correct  INTEGER NOT NULL CHECK (correct >= 0 AND correct < json_array_length(options)),
    seconds  INTEGER NOT NULL CHECK (seconds BETWEEN 5 AND 120),
    image_id INTEGER CHECK (image_id > 0), -- an uploaded image
    PRIMARY KEY (set_id, position)
) WITHOUT ROWID;

CREATE TABLE games (
    id               INTEGER PRIMARY KEY,
    pin              TEXT    NOT NULL CHECK (length(pin) = 6 AND pin NOT GLOB '*[^0-9]*'),
    host_id          INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    set_id           INTEGER REFERENCES question_sets (id) ON DELETE SET NULL, -- NULL: the bundled set
    title            TEXT    NOT NULL CHECK (length(title) BETWEEN 1 AND 80),
    mode             TEXT    NOT NULL CHECK (mode IN ('individual', 'teams')),
    -- stopped: the server stopped (or crashed) while the game was live
    status           TEXT    NOT NULL DEFAULT 'lobby' CHECK (status IN ('lobby', 'playing', 'ended', 'stopped')),
    question_count   INTEGER NOT NULL CHECK (question_count BETWEEN 1 AND 100),
    questions_closed INTEGER NOT NULL DEFAULT 0 CHECK (questions_closed BETWEEN 0 AND question_count),
    created_at       INTEGER NOT NULL,
    ended_at         INTEGER,
    awarded_at       INTEGER, -- coins given to the podium (once)
    CHECK ((status IN ('ended', 'stopped')) = (ended_at IS NOT NULL))
);
CREATE INDEX games_host ON games (host_id, created_at);
-- A PIN names one live game at a time.
CREATE UNIQUE INDEX games_live_pin ON games (pin) WHERE status IN ('lobby', 'playing');

-- The questions as they were asked (a set can change later).
CREATE TABLE game_questions (
    game_id  INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    position INTEGER NOT NULL CHECK (position BETWEEN 0 AND 99),
    text     TEXT    NOT NULL,
    options  TEXT    NOT NULL CHECK (json_valid(options) AND json_array_length(options) BETWEEN 2 AND 4),
    correct  INTEGER NOT NULL CHECK (correct >= 0 AND correct < json_array_length(options)),
    seconds  INTEGER NOT NULL CHECK (seconds BETWEEN 5 AND 120),
    PRIMARY KEY (game_id, position)
) WITHOUT ROWID;

CREATE TABLE game_players (
    game_id    INTEGER NOT NULL REFERENCES games (id) ON DELETE CASCADE,
    player_no  INTEGER NOT NULL CHECK (player_no > 0),
    nickname   TEXT    NOT NULL CHECK (length(nickname) BETWEEN 1 AND 20),
    student_id INTEGER CHECK (student_id > 0), -- students.id when joined from a student session
    team       TEXT    NOT NULL DEFAULT '' CHECK (team IN ('', 'meerkat', 'panda', 'owl', 'beaver', 'elephant',
                                                          'otter', 'parrot', 'border_collie')),
    score      INTEGER NOT NULL DEFAULT 0 CHECK (score >= 0),
    correct    INTEGER NOT NULL DEFAULT 0 CHECK (correct >= 0),
    final_rank INTEGER NOT NULL DEFAULT 0 CHECK (final_rank >= 0), -- 0 until the end, and for kicked players
    kicked     INTEGER NOT NULL DEFAULT 0 CHECK (kicked IN (0, 1)),
    joined_at  INTEGER NOT NULL,
    coins      INTEGER NOT NULL DEFAULT 0 CHECK (coins >= 0), -- awarded at the end
    PRIMARY KEY (game_id, player_no),
    UNIQUE (game_id, nickname)
) WITHOUT ROWID;
CREATE UNIQUE INDEX game_players_student ON game_players (game_id, student_id) WHERE student_id IS NOT NULL;
CREATE INDEX game_players_by_student ON game_players (student_id) WHERE student_id IS NOT NULL;

-- One answer per player per question (the primary key says so).
CREATE TABLE game_answers (
    game_id     INTEGER NOT NULL,
    player_no   INTEGER NOT NULL,
    question    INTEGER NOT NULL,
    choice      INTEGER NOT NULL CHECK (choice BETWEEN 0 AND 3),
    correct     INTEGER NOT NULL CHECK (correct IN (0, 1)),
    points      INTEGER NOT NULL CHECK ((correct = 0 AND points = 0) OR (correct = 1 AND points BETWEEN 100 AND 150)),
    elapsed_ms  INTEGER NOT NULL CHECK (elapsed_ms BETWEEN 0 AND 120000),
    answered_at INTEGER NOT NULL,
    PRIMARY KEY (game_id, player_no, question),
    FOREIGN KEY (game_id, player_no) REFERENCES game_players (game_id, player_no) ON DELETE CASCADE,
    FOREIGN KEY (game_id, question) REFERENCES game_questions (game_id, position) ON DELETE CASCADE
) WITHOUT ROWID;
