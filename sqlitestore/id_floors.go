package sqlitestore

// The id of a new student, class, account, game or values vote: one more
// than the larger of the largest id the table holds and the largest it
// ever held (migrations 0012 and 0015's id_floors, raised by a trigger
// when a row is deleted), so a removed pupil's, class's or account's id is
// never given to another and the audit log's lines about it stay about it
// (and a reset vote's ballots never reach the next one).
const (
	nextStudentID = `(SELECT max(floor, COALESCE((SELECT max(id) FROM students), 0)) + 1 FROM id_floors WHERE tbl = 'students')`
	nextClassID   = `(SELECT max(floor, COALESCE((SELECT max(id) FROM classes), 0)) + 1 FROM id_floors WHERE tbl = 'classes')`
	nextAccountID = `(SELECT max(floor, COALESCE((SELECT max(id) FROM accounts), 0)) + 1 FROM id_floors WHERE tbl = 'accounts')`
	nextGameID    = `(SELECT max(floor, COALESCE((SELECT max(id) FROM games), 0)) + 1 FROM id_floors WHERE tbl = 'games')`
	nextVoteID    = `(SELECT max(floor, COALESCE((SELECT max(id) FROM values_sessions), 0)) + 1 FROM id_floors WHERE tbl = 'values_sessions')`
)
