package web_test

import (
	"fmt"
	"net/http"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"

	appliance "animalgenius/app"
	"animalgenius/app/apptest"
	"animalgenius/app/firsthour"
)

// The admin's first-hour checklist ticks itself as the box gets ready.
func TestFirstHourChecklistTicksItself(t *testing.T) {
	app := apptest.Start(t, nil, appliance.WithLANDetector(func() (netip.Addr, bool) { return netip.MustParseAddr("192.0.2.10"), true }))
	_, admin := app.Admin("it@hill.school")
	get := func() firsthour.Checklist {
		t.Helper()
		var c firsthour.Checklist
		status, body := app.Call(admin, http.MethodGet, "/api/v1/admin/first-hour", "")
		if status != 200 {
			t.Fatalf("first hour: %d %s", status, body)
		}
		apptest.Decode(t, body, &c)
		return c
	}
	done := func(c firsthour.Checklist) map[string]bool {
		m := map[string]bool{}
		for _, it := range c.Items {
			m[it.Key] = it.Done
		}
		return m
	}
	c := get()
	if d := done(c); c.Total != 5 || !d["address"] || d["backups"] || d["teachers"] || d["class"] || d["quiz"] {
		t.Fatalf("a new box with a LAN address: %+v", c)
	}
	if !strings.Contains(c.Items[0].Detail, "192.0.2.10") || !strings.Contains(c.Items[1].Detail, app.App.BackupDir()) {
		t.Fatalf("details: %+v", c.Items)
	}
	// Teachers and students may not read it.
	_, teacher := app.Teacher("ana@hill.school")
	if status, _ := app.Call(teacher, http.MethodGet, "/api/v1/admin/first-hour", ""); status != 403 {
		t.Fatalf("teacher: %d", status)
	}
	if status, _ := app.Call(app.NewClient(), http.MethodGet, "/api/v1/admin/first-hour", ""); status != 401 {
		t.Fatalf("nobody: %d", status)
	}
	cl := app.CreateClass(teacher, "Room 7")
	_, maya := app.Join(cl.Code, "Maya", "R", apptest.AnswersAt("ESTP", "visual"))
	if err := os.MkdirAll(app.App.BackupDir(), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(app.App.BackupDir(), "ag-manual.tar.gz"), []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if c := get(); c.Done != 5 {
		t.Fatalf("a ready box: %+v", c)
	}
	// The quiz item says to remove the trial pupil afterwards: doing so
	// does not untick it.
	if status, body := app.Call(teacher, http.MethodDelete, fmt.Sprintf("/api/v1/classes/%d/students/%d", cl.ID, maya.ID), ""); status != 204 {
		t.Fatalf("remove the trial pupil: %d %s", status, body)
	}
	if c := get(); c.Done != 5 || !done(c)["quiz"] {
		t.Fatalf("after removing the trial pupil: %+v", c)
	}
}
