package main

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"animalgenius/app/apptest"
	"animalgenius/migrations"
	"animalgenius/sqlitestore"
)

// runBinSplit runs the built binary with stdin and returns its exit code,
// stdout and stderr.
func runBinSplit(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	code, out, errOut := runBinIn(t, "", stdin, args...)
	return code, string(out), errOut
}

// runBinIn runs the built binary in dir ("": this directory) with stdin
// and returns its exit code, stdout (bytes: it may be an archive) and
// stderr.
func runBinIn(t *testing.T, dir, stdin string, args ...string) (int, []byte, string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, apptest.BuiltBinary(t), args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "AG_BACKUP_TIME=")
	cmd.Stdin = strings.NewReader(stdin)
	var out bytes.Buffer
	var errOut strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("run %v: %v", args, err)
	}
	return code, out.Bytes(), errOut.String()
}

// schemaOf reads the recorded schema version and the latest this binary knows.
func schemaOf(t *testing.T, dataDir string) sqlitestore.MigrationStatus {
	t.Helper()
	s, err := sqlitestore.Open(dataDir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	st, err := s.Status()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// setSchemaVersion writes a version into schema_migrations, as a newer
// binary's migration would.
func setSchemaVersion(t *testing.T, dataDir string, v uint) {
	t.Helper()
	s, err := sqlitestore.Open(dataDir, sqlitestore.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.Write(context.Background(), func(tx *sql.Tx) error {
		_, err := tx.Exec(`UPDATE schema_migrations SET version = ?`, v)
		return err
	}); err != nil {
		t.Fatal(err)
	}
}

// newCurrentDataDir makes a data directory at this binary's schema with one
// admin account in it.
func newCurrentDataDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	code, out, errOut := runBinSplit(t, "correct horse battery staple\n", "admin", "create", "--data", dir, "--email", "it@school.example", "--password-stdin")
	if code != 0 {
		t.Fatalf("admin create: %d %s %s", code, out, errOut)
	}
	return dir
}

// TestNewerSchemaRefused plays the README's rollback path: a newer binary
// backed up (pre-migrate-v<latest>) and migrated past what this binary
// knows; then the old binary is put back. Every command must refuse and
// name the way out, and the way out must work.
func TestNewerSchemaRefused(t *testing.T) {
	dir := newCurrentDataDir(t)
	latest := schemaOf(t, dir).Latest
	// What the newer binary would have written before migrating.
	backupDir := filepath.Join(dir, "backups")
	os.MkdirAll(backupDir, 0o750)
	preMigrate := filepath.Join(backupDir, sqlitestore.PreMigrateName(latest, time.Now().Add(-time.Hour)))
	if code, out, errOut := runBinSplit(t, "", "backup", "--data", dir, "--out", preMigrate); code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	setSchemaVersion(t, dir, latest+1)

	// The restore it names goes into this data directory from anywhere.
	wantWords := []string{"newer Animal Genius", "this binary knows up to", "'animalgenius restore --data " + dir + " " + preMigrate + "'"}
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"serve", []string{"serve", "--data", dir, "--addr", "127.0.0.1:0"}},
		{"check", []string{"check", "--data", dir}},
		{"migrate up", []string{"migrate", "up", "--data", dir}},
		{"migrate down", []string{"migrate", "down", "1", "--yes", "--data", dir}},
		{"migrate status", []string{"migrate", "status", "--data", dir}},
		{"admin list", []string{"admin", "list", "--data", dir}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runBinSplit(t, "", tc.args...)
			// serve's refusal is one a restart cannot fix: systemd must not retry it.
			want := 1
			if tc.name == "serve" {
				want = exitConfig
			}
			if code != want {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, want, out, errOut)
			}
			for _, w := range wantWords {
				if !strings.Contains(errOut, w) {
					t.Errorf("stderr lacks %q:\n%s", w, errOut)
				}
			}
			if strings.Contains(errOut, "no migration found") || strings.Contains(errOut, "ready") {
				t.Errorf("raw or misleading text:\n%s", errOut)
			}
		})
	}
	// A script reading check's JSON gets the refusal there too.
	if code, out, errOut := runBinSplit(t, "", "check", "--json", "--data", dir); code != 1 || !strings.Contains(out, `"ok": false`) ||
		!strings.Contains(out, `"schema": `+strconv.FormatUint(uint64(latest+1), 10)+",") ||
		!strings.Contains(out, `"problem":`) || !strings.Contains(out, "newer Animal Genius") {
		t.Errorf("check --json on a newer database: exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	// With a configuration file, the restore names it too.
	conf := filepath.Join(t.TempDir(), "config.toml")
	os.WriteFile(conf, nil, 0o600)
	if code, _, errOut := runBinSplit(t, "", "check", "--config", conf, "--data", dir); code != 1 ||
		!strings.Contains(errOut, "'animalgenius restore --config "+conf+" --data "+dir+" "+preMigrate+"'") {
		t.Errorf("check --config on a newer database: exit %d\n%s", code, errOut)
	}
	if got := schemaOf(t, dir).Current; got != latest+1 {
		t.Fatalf("a refusal changed the schema version to %d", got)
	}
	if entries, _ := os.ReadDir(backupDir); len(entries) != 1 {
		t.Fatalf("a refusal wrote a backup: %v", entries)
	}

	// status --json says it for scripts.
	code, out, _ := runBinSplit(t, "", "migrate", "status", "--json", "--data", dir)
	var st struct {
		Current, Latest uint
		Newer           bool
		Problem         string
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 1 {
		t.Fatalf("status --json: exit %d, %v: %s", code, err, out)
	}
	if !st.Newer || st.Current != latest+1 || st.Latest != latest || !strings.Contains(st.Problem, preMigrate) {
		t.Fatalf("status --json: %+v", st)
	}

	// The way out named above works: restore, then serve.
	if code, out, errOut := runBinSplit(t, "", "restore", "--data", dir, preMigrate); code != 0 {
		t.Fatalf("restore: %d %s %s", code, out, errOut)
	}
	srv := startBinary(t, dir)
	srv.stop(t)
}

func TestMigrateForceRefusesUnknownVersions(t *testing.T) {
	dir := newCurrentDataDir(t)
	latest := schemaOf(t, dir).Latest
	for _, v := range []string{"99", "1000000"} {
		code, out, errOut := runBinSplit(t, "", "migrate", "force", v, "--data", dir)
		if code != 1 || !strings.Contains(errOut, "this binary has no migration "+v) || !strings.Contains(errOut, "nothing was changed") {
			t.Fatalf("force %s: exit %d\n%s%s", v, code, out, errOut)
		}
	}
	for _, v := range []string{"1.5", "seven"} {
		if code, _, errOut := runBinSplit(t, "", "migrate", "force", v, "--data", dir); code != 2 || !strings.Contains(errOut, "migrate force") {
			t.Fatalf("force %s: exit %d %s", v, code, errOut)
		}
	}
	if st := schemaOf(t, dir); st.Current != latest || st.Dirty {
		t.Fatalf("refused force changed the schema: %+v", st)
	}
	// A version the binary has is accepted (confirmed) and clears the dirty flag.
	if code, out, errOut := runBinSplit(t, "", "migrate", "force", "1", "--yes", "--data", dir); code != 0 || !strings.Contains(out, "schema version: 1") {
		t.Fatalf("force 1: %d %s %s", code, out, errOut)
	}
	// A database a newer binary migrated cannot be forced down to a version
	// this binary knows (it would then serve a schema it does not know).
	setSchemaVersion(t, dir, latest+1)
	for _, v := range []string{strconv.Itoa(int(latest)), "0"} {
		code, out, errOut := runBinSplit(t, "", "migrate", "force", v, "--data", dir)
		if code != 1 || !strings.Contains(errOut, "newer Animal Genius") || !strings.Contains(errOut, "nothing was changed") {
			t.Fatalf("force %s on a newer database: exit %d\n%s%s", v, code, out, errOut)
		}
	}
	if st := schemaOf(t, dir); st.Current != latest+1 {
		t.Fatalf("a refused force changed the version: %+v", st)
	}
}

// TestMigrateForceAsksAndBacksUp: force relabels the schema, so like down
// it asks, backs up first, and a database it left with tables but no
// version is refused by every command in plain words (not migrated from
// scratch, which failed half way with golang-migrate's SQL dump).
func TestMigrateForceAsksAndBacksUp(t *testing.T) {
	dir := newCurrentDataDir(t)
	latest := schemaOf(t, dir).Latest
	backups := func() []string {
		names, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-migrate-v*.tar.gz"))
		return names
	}
	for _, answer := range []string{"", "no\n"} {
		code, out, errOut := runBinSplit(t, answer, "migrate", "force", "0", "--data", dir)
		if code != 1 || !strings.Contains(errOut, "Type yes") || !strings.Contains(errOut, "nothing was changed") {
			t.Fatalf("force 0, answer %q: exit %d\n%s%s", answer, code, out, errOut)
		}
	}
	if st := schemaOf(t, dir); st.Current != latest || len(backups()) != 0 {
		t.Fatalf("an unconfirmed force changed something: %+v, backups %v", st, backups())
	}
	code, out, errOut := runBinSplit(t, "yes\n", "migrate", "force", "0", "--data", dir)
	if code != 0 || !strings.Contains(out, "backup written") || len(backups()) != 1 ||
		!strings.Contains(backups()[0], "pre-migrate-v"+strconv.FormatUint(uint64(latest), 10)+"-") {
		t.Fatalf("force 0 confirmed: %d %s %s, backups %v", code, out, errOut, backups())
	}

	// Tables but no version: not a new database. Nothing migrates it.
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"admin list", []string{"admin", "list", "--data", dir}},
		{"check", []string{"check", "--data", dir}},
		{"migrate up", []string{"migrate", "up", "--data", dir}},
		{"migrate status", []string{"migrate", "status", "--data", dir}},
		{"serve", []string{"serve", "--data", dir, "--addr", "127.0.0.1:0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runBinSplit(t, "", tc.args...)
			if code == 0 || !strings.Contains(errOut, "holds tables but no schema version") || !strings.Contains(errOut, "migrate force --data "+dir) ||
				strings.Contains(errOut, "CREATE TABLE") {
				t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
			}
		})
	}
	if st := schemaOf(t, dir); st.Current != 0 || st.Dirty || len(backups()) != 1 {
		t.Fatalf("a refusal changed something: %+v, backups %v", st, backups())
	}
	// The way out: record the version it is at; it works again.
	if code, out, errOut := runBinSplit(t, "", "migrate", "force", strconv.FormatUint(uint64(latest), 10), "--yes", "--data", dir); code != 0 {
		t.Fatalf("force back: %d %s %s", code, out, errOut)
	}
	if code, out, errOut := runBinSplit(t, "", "admin", "list", "--data", dir); code != 0 || !strings.Contains(out, "it@school.example") {
		t.Fatalf("admin list after forcing back: %d %s %s", code, out, errOut)
	}
}

// TestFailedMigrationInOurWords: a migration that fails says which one, the
// SQLite error's first line and what to do, not the SQL file.
func TestFailedMigrationInOurWords(t *testing.T) {
	dir := newCurrentDataDir(t)
	// Recorded before 0012 while its table is there: migration 12 fails.
	setSchemaVersion(t, dir, 11)
	code, out, errOut := runBinSplit(t, "", "migrate", "up", "--data", dir)
	if code != 1 || !strings.Contains(errOut, "migration 12 (0012_id_floors.up.sql) failed: SQL logic error: table id_floors already exists") ||
		!strings.Contains(errOut, "marked dirty at version 12") || !strings.Contains(errOut, "migrate force --data "+dir+" 12") {
		t.Fatalf("exit %d\nstdout: %s\nstderr: %s", code, out, errOut)
	}
	if strings.Contains(errOut, " in line ") || strings.Contains(errOut, "CREATE") || strings.Count(errOut, "\n") > 1 {
		t.Fatalf("raw migrate text:\n%s", errOut)
	}
	// serve backs up first, names that backup, and exits 78: restarting
	// cannot help.
	dir = newCurrentDataDir(t)
	setSchemaVersion(t, dir, 11)
	code, out, errOut = runBinSplit(t, "", "serve", "--data", dir, "--addr", "127.0.0.1:0")
	backups, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-migrate-v11-*.tar.gz"))
	if code != exitConfig || len(backups) != 1 || !strings.Contains(errOut, "migration 12 (0012_id_floors.up.sql) failed") ||
		!strings.Contains(errOut, "the backup taken before migrating is "+backups[0]) || strings.Contains(errOut, "CREATE") {
		t.Fatalf("serve: exit %d, backups %v\nstdout: %s\nstderr: %s", code, backups, out, errOut)
	}
}

func TestMigrateDownBacksUpAndAsks(t *testing.T) {
	dir := newCurrentDataDir(t)
	latest := schemaOf(t, dir).Latest
	backups := func() []string {
		names, _ := filepath.Glob(filepath.Join(dir, "backups", "pre-migrate-v*.tar.gz"))
		return names
	}

	// No answer (a script without --yes) and a wrong answer change nothing.
	for _, answer := range []string{"", "no\n", "y\n"} {
		code, out, errOut := runBinSplit(t, answer, "migrate", "down", "1", "--data", dir)
		if code != 1 || !strings.Contains(errOut, "Type yes") || !strings.Contains(errOut, "nothing was changed") {
			t.Fatalf("answer %q: exit %d\n%s%s", answer, code, out, errOut)
		}
	}
	// More steps than there are migrations is refused before asking.
	if code, _, errOut := runBinSplit(t, "yes\n", "migrate", "down", "500", "--data", dir); code != 1 || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("down 500: %d %s", code, errOut)
	}
	if got := schemaOf(t, dir).Current; got != latest || len(backups()) != 0 {
		t.Fatalf("refused down changed something: schema %d, backups %v", got, backups())
	}

	// "yes" on stdin: a backup of the current schema first, then one step down.
	code, out, errOut := runBinSplit(t, "yes\n", "migrate", "down", "1", "--data", dir)
	if code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("down 1: %d %s %s", code, out, errOut)
	}
	if got := backups(); len(got) != 1 || !strings.Contains(got[0], "pre-migrate-v"+strconv.FormatUint(uint64(latest), 10)+"-") {
		t.Fatalf("backups after down: %v", got)
	}
	if got, want := schemaOf(t, dir).Current, previousVersion(t, latest); got != want {
		t.Fatalf("schema after down 1: %d, want %d", got, want)
	}
	// --yes for scripts, without reading stdin.
	if code, out, errOut := runBinSplit(t, "", "migrate", "down", "1", "--yes", "--data", dir); code != 0 || !strings.Contains(out, "backup written") {
		t.Fatalf("down --yes: %d %s %s", code, out, errOut)
	}
	if got := schemaOf(t, dir).Current; got != previousVersion(t, previousVersion(t, latest)) || len(backups()) != 2 {
		t.Fatalf("after down --yes: schema %d, backups %v", got, backups())
	}
	// The first backup (of the latest schema) restores the data as it was.
	first := sqlitestore.PreMigrateBackup(filepath.Join(dir, "backups"), latest)
	if !strings.Contains(first, "pre-migrate-v"+strconv.FormatUint(uint64(latest), 10)+"-") {
		t.Fatalf("newest backup of schema %d: %q", latest, first)
	}
	if code, out, errOut := runBinSplit(t, "", "restore", "--data", dir, first); code != 0 || !strings.Contains(out, "Students removed, classes deleted") {
		t.Fatalf("restore (it must say that removed students are back): %d %s %s", code, out, errOut)
	}
	if code, out, errOut := runBinSplit(t, "", "admin", "list", "--data", dir); code != 0 || !strings.Contains(out, "it@school.example") {
		t.Fatalf("admin list after restore: %d %s %s", code, out, errOut)
	}
}

// previousVersion is the migration before v in the binary (numbers may have
// gaps: each issue owns its number).
func previousVersion(t *testing.T, v uint) uint {
	t.Helper()
	ups, err := fs.Glob(migrations.FS, "*.up.sql")
	if err != nil {
		t.Fatal(err)
	}
	var prev uint
	for _, name := range ups {
		n, err := strconv.ParseUint(name[:4], 10, 32)
		if err != nil {
			t.Fatalf("migration %s: %v", name, err)
		}
		if uint(n) < v && uint(n) > prev {
			prev = uint(n)
		}
	}
	return prev
}
