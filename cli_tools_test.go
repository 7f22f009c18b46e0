package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"animalgenius/app/apptest"
)

func TestVersionFlagAndJSON(t *testing.T) {
	code, plain := apptest.RunBin(t, nil, "version")
	if code != 0 {
		t.Fatalf("version: %d %s", code, plain)
	}
	first, _, _ := strings.Cut(plain, "\n")
	for _, flag := range []string{"--version", "-v"} {
		code, out := apptest.RunBin(t, nil, flag)
		if code != 0 || strings.TrimSpace(out) != first {
			t.Errorf("%s: exit %d, %q; want %q", flag, code, out, first)
		}
	}
	code, out, errOut := runBinSplit(t, "", "version", "--json")
	var v versionInfo
	if err := json.Unmarshal([]byte(out), &v); err != nil || code != 0 {
		t.Fatalf("version --json: %d %v %q %s", code, err, out, errOut)
	}
	if "animalgenius "+v.Version != first || !strings.HasPrefix(v.Go, "go1.") || !strings.HasPrefix(v.SQLite, "3.") || v.Commit == "" || v.OS == "" {
		t.Fatalf("version --json: %+v", v)
	}
}

func TestShellCompletion(t *testing.T) {
	for shell, want := range map[string]string{
		"bash": "__start_animalgenius", "zsh": "#compdef animalgenius", "fish": "complete -c animalgenius", "powershell": "Register-ArgumentCompleter",
	} {
		code, out, errOut := runBinSplit(t, "", "completion", shell)
		if code != 0 || !strings.Contains(out, want) {
			t.Errorf("completion %s: exit %d, %d bytes, lacks %q: %s", shell, code, len(out), want, errOut)
		}
	}
	// A shell cobra has no script for, or none, is a usage error.
	for _, args := range [][]string{{"completion", "tcsh"}, {"completion"}} {
		if code, out, errOut := runBinSplit(t, "", args...); code != 2 || out != "" || !strings.Contains(errOut, "bash, zsh, fish or powershell") {
			t.Errorf("%v: exit %d\nstdout: %s\nstderr: %s", args, code, out, errOut)
		}
	}
	// What the scripts ask the binary: the subcommands of migrate, and flags.
	code, out, _ := runBinSplit(t, "", "__complete", "migrate", "")
	for _, sub := range []string{"up", "down", "status", "force"} {
		if code != 0 || !strings.Contains(out, "\n"+sub+"\t") && !strings.HasPrefix(out, sub+"\t") {
			t.Errorf("completing 'migrate ': %q lacks %s", out, sub)
		}
	}
	if _, out, _ := runBinSplit(t, "", "__complete", "migrate", "down", "1", "--"); !strings.Contains(out, "--yes") {
		t.Errorf("completing 'migrate down 1 --': %q lacks --yes", out)
	}
}

func TestManPagesFromTheCommands(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "man1")
	code, out, errOut := runBinSplit(t, "", "man", "--dir", dir)
	if code != 0 || !strings.Contains(out, "man pages written") {
		t.Fatalf("man: %d %s %s", code, out, errOut)
	}
	for page, wants := range map[string][]string{
		"animalgenius.1":                 {`.TH "ANIMALGENIUS" "1"`, "serve", "migrate"},
		"animalgenius-migrate-down.1":    {"Undo the last N migrations", "--yes", "pre-migrate-vVERSION-TIME.tar.gz"},
		"animalgenius-backup.1":          {"--out"},
		"animalgenius-admin-list.1":      {"--json"},
		"animalgenius-completion-bash.1": {"bash"},
	} {
		b, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(string(b), w) {
				t.Errorf("%s lacks %q", page, w)
			}
		}
	}
	// The same binary writes the same pages (no build date in them).
	again := filepath.Join(t.TempDir(), "man1")
	runBinSplit(t, "", "man", "--dir", again)
	a, _ := os.ReadFile(filepath.Join(dir, "animalgenius-serve.1"))
	b, _ := os.ReadFile(filepath.Join(again, "animalgenius-serve.1"))
	if len(a) == 0 || string(a) != string(b) {
		t.Error("man pages differ between two runs")
	}
}

func TestJSONOutputsForScripts(t *testing.T) {
	dir := newCurrentDataDir(t)
	code, out, errOut := runBinSplit(t, "", "check", "--json", "--data", dir)
	var report checkReport
	if err := json.Unmarshal([]byte(out), &report); err != nil || code != 0 || !report.OK || report.Schema == 0 || report.Problems == nil {
		t.Fatalf("check --json: %d %v %q %s", code, err, out, errOut)
	}
	code, out, errOut = runBinSplit(t, "", "admin", "list", "--json", "--data", dir)
	var rows []accountRow
	if err := json.Unmarshal([]byte(out), &rows); err != nil || code != 0 || len(rows) != 1 {
		t.Fatalf("admin list --json: %d %v %q %s", code, err, out, errOut)
	}
	if r := rows[0]; r.Email != "it@school.example" || r.Role != "admin" || r.Status != "active" || r.LastLogin != "" {
		t.Fatalf("admin list --json row: %+v", r)
	}
	code, out, _ = runBinSplit(t, "", "migrate", "status", "--json", "--data", dir)
	var st migrateStatus
	if err := json.Unmarshal([]byte(out), &st); err != nil || code != 0 || st.Current == 0 || st.Current != st.Latest || st.Newer || st.Problem != "" {
		t.Fatalf("migrate status --json: %d %v %q", code, err, out)
	}
	// A database with no accounts yet: an empty list, not null.
	empty := t.TempDir()
	if code, out, errOut := runBinSplit(t, "", "migrate", "up", "--data", empty); code != 0 {
		t.Fatalf("migrate up on a new data directory: %d %s %s", code, out, errOut)
	}
	if code, out, _ := runBinSplit(t, "", "admin", "list", "--json", "--data", empty); code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("admin list --json on no accounts: %d %q", code, out)
	}
}

// TestMistypedDataDirCreatesNothing: the commands that read or change a
// box's data refuse a data directory that does not exist or holds no
// database, naming it, and make nothing there (no directory, no empty
// database, no migrated one).
func TestMistypedDataDirCreatesNothing(t *testing.T) {
	root := t.TempDir()
	missing := filepath.Join(root, "typo", "data")
	empty := filepath.Join(root, "empty")
	os.Mkdir(empty, 0o750)
	for _, dir := range []string{missing, empty} {
		for _, args := range [][]string{
			{"check"}, {"check", "--json"}, {"export", "--out", filepath.Join(root, "x.tar.gz")}, {"admin", "list"}, {"admin", "list", "--json"},
			{"admin", "reset-password", "--email", "a@school.example", "--password-stdin"},
			{"migrate", "status"}, {"migrate", "status", "--json"}, {"migrate", "down", "1", "--yes"}, {"migrate", "force", "1", "--yes"},
		} {
			code, out, errOut := runBinSplit(t, "correct horse battery staple\n", append(args, "--data", dir)...)
			if code != 1 || !strings.Contains(errOut, dir) || !strings.Contains(errOut, "nothing was created") {
				t.Errorf("%v --data %s: exit %d\nstdout: %s\nstderr: %s", args, dir, code, out, errOut)
			}
			// A script reading the JSON gets the reason there.
			if args[len(args)-1] == "--json" {
				var got struct{ Problem string }
				if err := json.Unmarshal([]byte(out), &got); err != nil || !strings.Contains(got.Problem, dir) {
					t.Errorf("%v: stdout %q (%v)", args, out, err)
				}
			}
		}
	}
	if _, err := os.Stat(missing); !os.IsNotExist(err) {
		t.Errorf("the mistyped directory was created: %v", err)
	}
	if entries, _ := os.ReadDir(empty); len(entries) != 0 {
		t.Errorf("files were made in the empty directory: %v", entries)
	}
	if entries, _ := os.ReadDir(root); len(entries) != 1 {
		t.Errorf("files were made beside it: %v", entries)
	}
}

// TestBackupGoesToTheBackupDirectory: a plain 'animalgenius backup' (what
// the first-hour checklist asks for) lands in the backup directory, named
// as a manual backup, not in the current directory; --out - streams it.
func TestBackupGoesToTheBackupDirectory(t *testing.T) {
	dir := newCurrentDataDir(t)
	cwd := t.TempDir()
	code, out, errOut := runBinIn(t, cwd, "", "backup", "--data", dir)
	if code != 0 {
		t.Fatalf("backup: %d %s %s", code, out, errOut)
	}
	got, _ := filepath.Glob(filepath.Join(dir, "backups", "manual-*.tar.gz"))
	if len(got) != 1 || !strings.Contains(string(out), got[0]) {
		t.Fatalf("backup went to %q, backups dir has %v", out, got)
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Fatalf("backup wrote into the current directory: %v", entries)
	}
	// Standard output: the archive itself, nothing left behind.
	code, out, errOut = runBinIn(t, cwd, "", "backup", "--data", dir, "--out", "-")
	if code != 0 || !bytes.HasPrefix(out, []byte{0x1f, 0x8b}) || !strings.Contains(errOut, "standard output") {
		t.Fatalf("backup --out -: %d, %d bytes, %s", code, len(out), errOut)
	}
	archive := filepath.Join(t.TempDir(), "streamed.tar.gz")
	os.WriteFile(archive, out, 0o600)
	if code, _, errOut := runBinIn(t, cwd, "", "restore", "--data", dir, archive); code != 0 {
		t.Fatalf("restore of the streamed backup: %d %s", code, errOut)
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Fatalf("backup --out - left files: %v", entries)
	}
	if entries, _ := filepath.Glob(filepath.Join(dir, "backups", ".*")); len(entries) != 0 {
		t.Fatalf("backup --out - left files: %v", entries)
	}
	// export --out - streams too, instead of a file named "-".
	code, out, errOut = runBinIn(t, cwd, "", "export", "--data", dir, "--out", "-")
	if code != 0 || !bytes.HasPrefix(out, []byte{0x1f, 0x8b}) || !strings.Contains(errOut, "standard output") {
		t.Fatalf("export --out -: %d, %d bytes, %s", code, len(out), errOut)
	}
	if entries, _ := os.ReadDir(cwd); len(entries) != 0 {
		t.Fatalf("export --out - wrote files: %v", entries)
	}
}
