DROP TRIGGER accounts_id_floor;
DROP TRIGGER classes_id_floor;
DROP TRIGGER students_id_floor;
DROP TABLE id_floors;
