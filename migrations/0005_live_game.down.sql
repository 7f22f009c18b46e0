DROP TABLE game_answers;
DROP TABLE game_players;
DROP TABLE game_questions;
DROP TABLE games;
DROP TABLE set_questions;
DROP TABLE question_sets;
