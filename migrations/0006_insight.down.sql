DROP TABLE insight_boards;
DROP INDEX insight_groupings_class;
DROP TABLE insight_groupings;
