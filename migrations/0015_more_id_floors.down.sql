DROP TRIGGER values_sessions_id_floor;
DROP TRIGGER games_id_floor;
DELETE FROM id_floors WHERE tbl IN ('games', 'values_sessions');
