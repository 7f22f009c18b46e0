-- How many students each class holds, kept by triggers in the same
-- statement as the change, so that joining a class (the busiest write of a
-- school's first morning) checks the class's size without counting its
-- students each time.
ALTER TABLE classes ADD COLUMN student_count INTEGER NOT NULL DEFAULT 0;

UPDATE classes SET student_count = (SELECT count(*) FROM students WHERE students.class_id = classes.id);

CREATE TRIGGER students_count_insert AFTER INSERT ON students BEGIN
    UPDATE classes SET student_count = student_count + 1 WHERE id = NEW.class_id;
END;

CREATE TRIGGER students_count_delete AFTER DELETE ON students BEGIN
    UPDATE classes SET student_count = student_count - 1 WHERE id = OLD.class_id;
END;

CREATE TRIGGER students_count_move AFTER UPDATE OF class_id ON students
    WHEN NEW.class_id IS NOT OLD.class_id BEGIN
    UPDATE classes SET student_count = student_count - 1 WHERE id = OLD.class_id;
    UPDATE classes SET student_count = student_count + 1 WHERE id = NEW.class_id;
END;
