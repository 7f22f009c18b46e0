DROP TRIGGER students_delete_idempotency;

CREATE TRIGGER students_delete_idempotency AFTER DELETE ON students BEGIN
    DELETE FROM idempotency_keys WHERE subject = 'student:' || OLD.id;
    DELETE FROM idempotency_keys WHERE subject >= 'account:' AND subject < 'account;'
        AND EXISTS (SELECT 1 FROM json_each(response, '$.balances') b WHERE json_extract(b.value, '$.studentId') = OLD.id);
END;
