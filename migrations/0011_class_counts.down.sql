DROP TRIGGER students_count_move;
DROP TRIGGER students_count_delete;
DROP TRIGGER students_count_insert;
ALTER TABLE classes DROP COLUMN student_count;
