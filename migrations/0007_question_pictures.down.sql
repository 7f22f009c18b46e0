ALTER TABLE game_questions DROP COLUMN image_id;
DROP INDEX set_questions_image;
DROP INDEX question_uploads_owner;
DROP TABLE question_uploads;
