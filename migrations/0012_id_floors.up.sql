-- Ids are never handed out twice. Students, classes and accounts have
-- plain INTEGER PRIMARY KEYs, so SQLite gave a new row the largest id in
-- the table plus one: remove the newest pupil and the next one to join got
-- its id, and with it the removed pupil's lines in the audit log ("who
-- removed student 42") and in that pupil's data export. Each table's
-- floor is the largest id it has ever held (or the audit log has named);
-- a new row gets one more than the larger of the floor and the table's
-- largest id (sqlitestore's nextID). Rebuilding the tables with
-- AUTOINCREMENT would do the same, but a rebuild of a parent table under
-- foreign keys would run their ON DELETE actions.
CREATE TABLE id_floors (
    tbl   TEXT    PRIMARY KEY,
    floor INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO id_floors (tbl, floor) VALUES
    ('students', max(COALESCE((SELECT max(id) FROM students), 0), COALESCE((SELECT max(student_id) FROM audit_log), 0))),
    ('classes', max(COALESCE((SELECT max(id) FROM classes), 0), COALESCE((SELECT max(class_id) FROM audit_log), 0))),
    ('accounts', max(COALESCE((SELECT max(id) FROM accounts), 0), COALESCE((SELECT max(actor_id) FROM audit_log), 0),
        COALESCE((SELECT max(target_id) FROM audit_log WHERE action LIKE 'account.%'), 0)));

CREATE TRIGGER students_id_floor AFTER DELETE ON students
    WHEN OLD.id > (SELECT floor FROM id_floors WHERE tbl = 'students') BEGIN
    UPDATE id_floors SET floor = OLD.id WHERE tbl = 'students';
END;

CREATE TRIGGER classes_id_floor AFTER DELETE ON classes
    WHEN OLD.id > (SELECT floor FROM id_floors WHERE tbl = 'classes') BEGIN
    UPDATE id_floors SET floor = OLD.id WHERE tbl = 'classes';
END;

CREATE TRIGGER accounts_id_floor AFTER DELETE ON accounts
    WHEN OLD.id > (SELECT floor FROM id_floors WHERE tbl = 'accounts') BEGIN
    UPDATE id_floors SET floor = OLD.id WHERE tbl = 'accounts';
END;
