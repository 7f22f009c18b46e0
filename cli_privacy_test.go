package main

import (
	"archive/tar"
	"compress/gzip"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"animalgenius/app/apptest"
	"animalgenius/app/privacy"
)

// `animalgenius export` while the server runs: one archive (0600) with a
// file per class, the students' passport codes, a manifest, and an audit
// line; a second run over an unwritable path changes nothing.
func TestExportCommand(t *testing.T) {
	app := apptest.Start(t, nil)
	_, tc := app.Teacher("ana@hill.school")
	cl := app.CreateClass(tc, "Room 7")
	_, zel := app.Join(cl.Code, "Zelmira", "Q", apptest.AnswersAt("ESTJ", "visual"))
	out := filepath.Join(t.TempDir(), "school.tar.gz")
	code, text := apptest.RunBin(t, nil, "export", "--data", app.Dir, "--out", out)
	if code != 0 || !strings.Contains(text, "exported 1 classes and 1 students to "+out) {
		t.Fatalf("export: %d %s", code, text)
	}
	fi, err := os.Stat(out)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("archive: %v %v", fi, err)
	}
	f, _ := os.Open(out)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{}
	tr := tar.NewReader(gz)
	for range 100 {
		h, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(tr)
		files[h.Name] = string(b)
	}
	var m privacy.Manifest
	if err := json.Unmarshal([]byte(files["manifest.json"]), &m); err != nil || m.Classes != 1 || m.Students != 1 || m.Format != privacy.SchoolFormat {
		t.Fatalf("manifest %+v %v", m, err)
	}
	var class privacy.ClassFile
	if err := json.Unmarshal([]byte(files["classes/"+strconv.FormatInt(cl.ID, 10)+".json"]), &class); err != nil || len(class.Students) != 1 ||
		!strings.Contains(files["classes/"+strconv.FormatInt(cl.ID, 10)+".json"], zel.PassportCode) {
		t.Fatalf("class file: %v %s", err, files["classes/"+strconv.FormatInt(cl.ID, 10)+".json"])
	}
	if n := app.Count(`SELECT count(*) FROM audit_log WHERE action = 'school.export' AND actor_label = 'command line'`); n != 1 {
		t.Fatalf("%d audit lines of the export", n)
	}
	code, text = apptest.RunBin(t, nil, "export", "--data", app.Dir, "--out", filepath.Join(t.TempDir(), "no-such-dir", "x.tar.gz"))
	if code == 0 || !strings.Contains(text, "export:") {
		t.Fatalf("export into a missing folder: %d %s", code, text)
	}
}
