DROP INDEX audit_log_created;
DROP INDEX audit_log_student;
DROP INDEX audit_log_class;
ALTER TABLE audit_log DROP COLUMN student_id;
ALTER TABLE audit_log DROP COLUMN class_id;
DROP TRIGGER students_delete_idempotency;
DROP TRIGGER students_delete_groupings;
DROP TRIGGER game_players_removed_student;
DROP TRIGGER students_delete_game_players;
