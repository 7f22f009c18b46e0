package web_test

import (
	"database/sql"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"animalgenius/app/apptest"
	"animalgenius/app/config"
	"animalgenius/sqlitestore"
)

// TestBrowserBoxAndFullDisk: the admin's Box tab shows the last good
// backup, the last verified off-box copy and why the latest copy failed;
// a teacher whose change finds the disk full reads what to do.
func TestBrowserBoxAndFullDisk(t *testing.T) {
	t.Parallel()
	data := apptest.MountTmpfs(t, 48)
	share := apptest.MountTmpfs(t, 16)
	app := apptest.Start(t, func(c *config.Config) { c.Server.DataDir = data; c.Backup.CopyTo = share })
	app.CreateAccount("it@hill.school", "admin")
	_, teacherAPI := app.Teacher("t@hill.school")
	first := app.RunBackupJob("1")

	admin := apptest.NewBrowser(t)
	admin.LoginTeacher(app.URL, "it@hill.school")
	var facts string
	admin.Run("the Box tab after a good copy",
		chromedp.Navigate(app.URL+"/admin?tab=box"),
		chromedp.WaitVisible(`[data-testid=last-copy]`, chromedp.ByQuery),
		chromedp.Text(`#admin-panel`, &facts, chromedp.ByQuery),
	)
	name := first[strings.LastIndex(first, "/")+1:]
	for _, want := range []string{"Last good backup", name, "Last good copy", share, "Every day at 02:30"} {
		if want == "Every day at 02:30" {
			want = "Scheduled backups are off" // the test app turns the schedule off
		}
		if !strings.Contains(facts, want) {
			t.Errorf("Box tab lacks %q:\n%s", want, facts)
		}
	}
	if strings.Contains(facts, "copy off the box failed") {
		t.Errorf("a good copy shown as failed:\n%s", facts)
	}

	// The share disappears: the next copy fails and the tab says why.
	if out, err := exec.Command("umount", share).CombinedOutput(); err != nil {
		t.Fatalf("umount: %v %s", err, out)
	}
	if err := os.Remove(share); err != nil {
		t.Fatal(err)
	}
	app.RunBackupJob("2")
	var alert string
	admin.Run("the Box tab after a failed copy",
		chromedp.Navigate(app.URL+"/admin?tab=box"),
		chromedp.WaitVisible(`[data-testid=copy-error]`, chromedp.ByQuery),
		chromedp.Text(`[data-testid=copy-error]`, &alert, chromedp.ByQuery),
	)
	if !strings.Contains(alert, "The last copy off the box failed") || !strings.Contains(alert, "is the share or USB disk mounted?") {
		t.Errorf("copy error shown as %q", alert)
	}
	admin.AssertClean()

	// The disk fills up while a teacher is signed in (signing in writes a
	// session): the teacher's next class is refused in words.
	teacher := apptest.NewBrowser(t)
	teacher.LoginTeacher(app.URL, "t@hill.school")
	teacher.Run("open the new class form", chromedp.Navigate(app.URL+"/teacher/classes/new"), chromedp.WaitVisible(`input[name=name]`, chromedp.ByQuery))
	// SQLite reuses the room inside its files (the WAL starts over after a
	// checkpoint), so some changes still fit on a full disk. A reader that
	// keeps its snapshot open (as a long export would) stops the WAL from
	// starting over: then the next change needs new room, and finds none.
	db, err := sql.Open("sqlite", sqlitestore.DSN(filepath.Join(data, sqlitestore.DBFile), sqlitestore.DefaultOptions(), true))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	snapshot, err := db.Begin()
	if err != nil {
		t.Fatal(err)
	}
	defer snapshot.Rollback()
	var n int
	if err := snapshot.QueryRow(`SELECT count(*) FROM classes`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	apptest.FillDisk(t, data, 0)
	for i := 0; i < 400; i++ {
		status, _ := app.Call(teacherAPI, http.MethodPost, "/api/v1/classes", fmt.Sprintf(`{"name":"Room %d","grade":6}`, i))
		if status == http.StatusInsufficientStorage {
			break
		}
		if status != http.StatusCreated {
			t.Fatalf("class %d on a filling disk: %d", i, status)
		}
	}
	var shown string
	teacher.Run("make a class on a full disk",
		apptest.Fill(`input[name=name]`, "Room 9"),
		chromedp.Click(`form button[type=submit]`, chromedp.ByQuery),
		chromedp.WaitVisible(`.error-box`, chromedp.ByQuery),
		chromedp.Text(`.error-box`, &shown, chromedp.ByQuery),
	)
	if !strings.Contains(shown, "The school server's disk is full") || !strings.Contains(shown, "Please tell your IT team") {
		t.Fatalf("the teacher sees %q", shown)
	}
}
