-- Children's data: removing a student (by the teacher, with its class, with
-- its teacher's account or by a retention rule) leaves no row that names
-- or points to it, whatever path deleted the students row. The audit log
-- learns which class and student an action on student data concerned.

-- Game players who joined from a student session: the row stays for the
-- game's counts and ranks, but without the name or the student id.
CREATE TRIGGER students_delete_game_players AFTER DELETE ON students BEGIN
    UPDATE game_players SET student_id = NULL, nickname = '(removed #' || player_no || ')'
    WHERE student_id = OLD.id;
END;

-- A live game saves its players when a question closes: a student removed
-- while the game was running is saved without name or id.
CREATE TRIGGER game_players_removed_student AFTER INSERT ON game_players
WHEN NEW.student_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM students WHERE id = NEW.student_id) BEGIN
    UPDATE game_players SET student_id = NULL, nickname = '(removed #' || NEW.player_no || ')'
    WHERE game_id = NEW.game_id AND player_no = NEW.player_no;
END;

-- Saved groupings drop the student (its group stays, one smaller).
CREATE TRIGGER students_delete_groupings AFTER DELETE ON students BEGIN
    UPDATE insight_groupings SET groups = (
        SELECT json_group_array(json(members) ORDER BY k) FROM (
            SELECT g.key AS k,
                   (SELECT json_group_array(m.value ORDER BY m.key) FROM json_each(g.value) m WHERE m.value != OLD.id) AS members
            FROM json_each(insight_groupings.groups) g))
    WHERE class_id = OLD.class_id
      AND EXISTS (SELECT 1 FROM json_each(insight_groupings.groups) g, json_each(g.value) m WHERE m.value = OLD.id);
END;

-- Kept answers of retried requests: the student's own, and a teacher's
-- coin movements whose answer lists the student's balance.
CREATE TRIGGER students_delete_idempotency AFTER DELETE ON students BEGIN
    DELETE FROM idempotency_keys WHERE subject = 'student:' || OLD.id;
    DELETE FROM idempotency_keys WHERE subject >= 'account:' AND subject < 'account;'
        AND EXISTS (SELECT 1 FROM json_each(response, '$.balances') b WHERE json_extract(b.value, '$.studentId') = OLD.id);
END;

-- What earlier versions left behind.
UPDATE game_players SET student_id = NULL, nickname = '(removed #' || player_no || ')'
WHERE student_id IS NOT NULL AND student_id NOT IN (SELECT id FROM students);
UPDATE insight_groupings SET groups = (
    SELECT json_group_array(json(members) ORDER BY k) FROM (
        SELECT g.key AS k,
               (SELECT json_group_array(m.value ORDER BY m.key) FROM json_each(g.value) m
                WHERE m.value IN (SELECT id FROM students WHERE class_id = insight_groupings.class_id)) AS members
        FROM json_each(insight_groupings.groups) g))
WHERE EXISTS (SELECT 1 FROM json_each(insight_groupings.groups) g, json_each(g.value) m
              WHERE m.value NOT IN (SELECT id FROM students WHERE class_id = insight_groupings.class_id));
DELETE FROM idempotency_keys WHERE subject LIKE 'student:%'
    AND CAST(substr(subject, 9) AS INTEGER) NOT IN (SELECT id FROM students);
DELETE FROM idempotency_keys WHERE subject >= 'account:' AND subject < 'account;'
    AND EXISTS (SELECT 1 FROM json_each(response, '$.balances') b
                WHERE json_extract(b.value, '$.studentId') NOT IN (SELECT id FROM students));

-- Actions on student data name the class and the student (ids only: the
-- names live on the student row and go with it). The ids stay after the
-- student is removed, so "who removed student 42, when" keeps an answer.
ALTER TABLE audit_log ADD COLUMN class_id INTEGER;
ALTER TABLE audit_log ADD COLUMN student_id INTEGER;
CREATE INDEX audit_log_class ON audit_log (class_id, id) WHERE class_id IS NOT NULL;
CREATE INDEX audit_log_student ON audit_log (student_id, id) WHERE student_id IS NOT NULL;
CREATE INDEX audit_log_created ON audit_log (created_at);
