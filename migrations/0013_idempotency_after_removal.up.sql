-- A teacher's kept coin answer (the balances of the students a give or a
-- take paid) used to be deleted whole when one of those students was
-- removed, so a retry of the same request with the same key paid every
-- other student a second time. Now only the removed student's entry goes:
-- the retry gets the first answer without it, and pays nobody again. An
-- answer left naming nobody goes (its class was deleted).
DROP TRIGGER students_delete_idempotency;

CREATE TRIGGER students_delete_idempotency AFTER DELETE ON students BEGIN
    DELETE FROM idempotency_keys WHERE subject = 'student:' || OLD.id;
    UPDATE idempotency_keys SET response = json_set(response, '$.balances', json((
            SELECT json_group_array(json(b.value) ORDER BY b.key)
            FROM json_each(idempotency_keys.response, '$.balances') b
            WHERE json_extract(b.value, '$.studentId') IS NOT OLD.id)))
        WHERE subject >= 'account:' AND subject < 'account;'
          AND EXISTS (SELECT 1 FROM json_each(response, '$.balances') b WHERE json_extract(b.value, '$.studentId') = OLD.id);
    -- An answer left naming nobody (the class deleted) is kept no longer.
    DELETE FROM idempotency_keys WHERE subject >= 'account:' AND subject < 'account;'
        AND json_type(response, '$.balances') = 'array' AND json_array_length(response, '$.balances') = 0;
END;
