DROP INDEX pending_joins_expiry;
DROP INDEX pending_joins_class_name;
DROP TABLE pending_joins;

-- Before 0009 the welcome bonus row had no balance_after.
DROP TRIGGER coin_ledger_append_only_update;
UPDATE coin_ledger SET balance_after = NULL WHERE type = 'welcome_bonus';
CREATE TRIGGER coin_ledger_append_only_update BEFORE UPDATE ON coin_ledger BEGIN
    SELECT RAISE(ABORT, 'coin_ledger is append-only');
END;
