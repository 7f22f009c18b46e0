// Package migrations holds the SQL schema changes, applied in order by
// golang-migrate. Files are NNNN_name.up.sql and NNNN_name.down.sql.
package migrations

import "embed"

// FS holds every migration file.
//
//go:embed *.sql
var FS embed.FS
