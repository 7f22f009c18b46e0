-- Games and values votes get id floors too (see 0012): a deleted game's
-- id was given to the next game, so two games shared the audit log's
-- "game 5" lines; a reset vote's id went to the next vote, so a pupil's
-- page still showing the reset vote sent its ballot to the new one.
INSERT INTO id_floors (tbl, floor) VALUES
    ('games', max(COALESCE((SELECT max(id) FROM games), 0),
        COALESCE((SELECT max(CAST(substr(detail, 6) AS INTEGER)) FROM audit_log
                  WHERE action = 'game.results_delete' AND detail LIKE 'game %'), 0))),
    ('values_sessions', COALESCE((SELECT max(id) FROM values_sessions), 0));

CREATE TRIGGER games_id_floor AFTER DELETE ON games
    WHEN OLD.id > (SELECT floor FROM id_floors WHERE tbl = 'games') BEGIN
    UPDATE id_floors SET floor = OLD.id WHERE tbl = 'games';
END;

CREATE TRIGGER values_sessions_id_floor AFTER DELETE ON values_sessions
    WHEN OLD.id > (SELECT floor FROM id_floors WHERE tbl = 'values_sessions') BEGIN
    UPDATE id_floors SET floor = OLD.id WHERE tbl = 'values_sessions';
END;
