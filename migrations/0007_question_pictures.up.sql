-- Question pictures: a teacher's uploads for question sets, processed by
-- the upload pipeline in a background job. set_questions.image_id (since
-- 0005) and game_questions.image_id name a row here; a game keeps its own
-- reference so a later edit of the set does not change a played game.

CREATE TABLE question_uploads (
    id         INTEGER PRIMARY KEY,
    owner_id   INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    job_id     INTEGER UNIQUE CHECK (job_id > 0), -- NULL only while the job is being queued
    -- the processed picture and its thumbnail in <data_dir>/uploads
    file       TEXT CHECK (file GLOB '[0-9a-f]*.png' OR file GLOB '[0-9a-f]*.jpg'),
    thumb      TEXT CHECK (thumb GLOB '[0-9a-f]*.thumb.png' OR thumb GLOB '[0-9a-f]*.thumb.jpg'),
    status     TEXT    NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'done', 'failed')),
    error_code TEXT    NOT NULL DEFAULT '' CHECK (length(error_code) <= 40),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    CHECK ((status = 'done') = (file IS NOT NULL AND thumb IS NOT NULL))
);
-- The daily budget counts a teacher's recent uploads.
CREATE INDEX question_uploads_owner ON question_uploads (owner_id, created_at);

CREATE INDEX set_questions_image ON set_questions (image_id) WHERE image_id IS NOT NULL;

ALTER TABLE game_questions ADD COLUMN image_id INTEGER CHECK (image_id > 0);
