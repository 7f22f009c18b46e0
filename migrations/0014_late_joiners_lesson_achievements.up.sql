-- A pupil who joined a class after it completed lessons now holds the
-- class's lesson achievements from the quiz submission on. Pupils who
-- joined late before this version are given them here.
INSERT INTO student_achievements (student_id, code, earned_at)
SELECT s.id, 'lesson_complete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
FROM students s
WHERE EXISTS (SELECT 1 FROM lesson_progress p WHERE p.class_id = s.class_id AND p.completions > 0)
ON CONFLICT DO NOTHING;

INSERT INTO student_achievements (student_id, code, earned_at)
SELECT s.id, 'week_complete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)
FROM students s
WHERE (SELECT COUNT(*) FROM lesson_progress p WHERE p.class_id = s.class_id AND p.completions > 0) >= 5
ON CONFLICT DO NOTHING;
