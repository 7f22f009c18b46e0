package privacy_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"animalgenius/app/privacy"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// now is the fake clock of these tests: the rules run as of this time.
var now = time.Date(2027, 6, 1, 3, 0, 0, 0, time.UTC)

func daysAgo(d int) time.Time { return now.Add(-time.Duration(d) * 24 * time.Hour) }

func exec(t *testing.T, s *sqlitestore.Store, q string, args ...any) {
	t.Helper()
	if err := s.Write(context.Background(), func(tx *sql.Tx) error { _, err := tx.Exec(q, args...); return err }); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func count(t *testing.T, s *sqlitestore.Store, q string, args ...any) int {
	t.Helper()
	var n int
	if err := s.Reader.QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// touch writes a file (or a folder when dir) dated days before now.
func touch(t *testing.T, path string, days int, dir bool) {
	t.Helper()
	var err error
	if dir {
		err = os.MkdirAll(path, 0o750)
	} else {
		err = os.WriteFile(path, []byte("x"), 0o600)
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(path, daysAgo(days), daysAgo(days)); err != nil {
		t.Fatal(err)
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func TestRetentionRulesWithAFakeClock(t *testing.T) {
	ctx := context.Background()
	s := storetest.New(t)
	teacher := storetest.FixtureTeacher(t, s)
	game := func(pin, status string, endedDaysAgo int) int64 {
		var id int64
		var ended any
		if status != "lobby" {
			ended = daysAgo(endedDaysAgo).UnixMilli()
		}
		err := s.Write(ctx, func(tx *sql.Tx) error {
			return tx.QueryRow(`INSERT INTO games (pin, host_id, title, mode, status, question_count, created_at, ended_at)
				VALUES (?, ?, 'Facts', 'individual', ?, 1, ?, ?) RETURNING id`, pin, teacher, status, daysAgo(endedDaysAgo+1).UnixMilli(), ended).Scan(&id)
		})
		if err != nil {
			t.Fatal(err)
		}
		exec(t, s, `INSERT INTO game_players (game_id, player_no, nickname, joined_at) VALUES (?, 1, 'Guest', 0)`, id)
		return id
	}
	old, recent, stopped, live := game("100001", "ended", 366), game("100002", "ended", 364), game("100003", "stopped", 400), game("100004", "lobby", 500)
	audit := func(days int) {
		exec(t, s, `INSERT INTO audit_log (created_at, actor_label, action, ip) VALUES (?, 'a@school.test', 'login', '192.0.2.9')`, daysAgo(days).UnixMilli())
	}
	audit(731)
	audit(400)
	audit(91)
	audit(89)

	data := t.TempDir()
	up := filepath.Join(data, "uploads")
	os.MkdirAll(up, 0o750)
	used, unused, fresh := strings.Repeat("a", 64), strings.Repeat("b", 64), strings.Repeat("c", 64)
	exec(t, s, `INSERT INTO store_items (code, name, slot, rarity, price, image, created_at, updated_at)
		VALUES ('own-hat', 'Own hat', 'hat', 'common', 10, ?, 0, 0)`, "/uploads/"+used+".png")
	for _, f := range []struct {
		name string
		days int
	}{{used + ".png", 30}, {used + ".thumb.png", 30}, {unused + ".png", 8}, {unused + ".thumb.png", 8}, {fresh + ".jpg", 6},
		{".incoming-" + strings.Repeat("d", 32), 30}, {"notes.txt", 30}} {
		touch(t, filepath.Join(up, f.name), f.days, false)
	}

	backups := filepath.Join(data, "backups")
	os.MkdirAll(backups, 0o750)
	for i, days := range []int{1, 50, 91, 120, 200} {
		name := filepath.Join(backups, "animalgenius-2027010"+string(rune('1'+i))+"-000000.tar.gz")
		touch(t, name, days, false)
		touch(t, name+".sha256", days, false)
	}
	touch(t, filepath.Join(backups, "pre-migrate-v7-20260101-000000.tar.gz"), 300, false)
	touch(t, filepath.Join(backups, "manual.tar.gz"), 100, false)
	touch(t, filepath.Join(backups, "manual-new.tar.gz"), 10, false)
	touch(t, filepath.Join(backups, "manual-older.tar.gz"), 95, false)
	aside := filepath.Join(data, "aside")
	touch(t, filepath.Join(aside, "before-restore-20260101-000000"), 120, true)
	touch(t, filepath.Join(aside, "before-restore-20270501-000000"), 30, true)
	touch(t, filepath.Join(aside, "before-restore-20260301-000000"), 95, true)

	r := &privacy.Retention{Store: s, UploadsDir: up, BackupDir: backups, AsideDir: aside,
		Rules: privacy.Rules{GameDays: 365, AuditDays: 730, AuditAddressDays: 90, UploadDays: 7, BackupDays: 90, BackupKeep: 2}}
	rep, err := r.Run(ctx, now)
	if err != nil {
		t.Fatal(err)
	}

	// Games: finished more than 365 days ago go with their players; a live one stays.
	if rep.Games != 2 || count(t, s, `SELECT count(*) FROM games WHERE id IN (?, ?)`, old, stopped) != 0 ||
		count(t, s, `SELECT count(*) FROM games WHERE id IN (?, ?)`, recent, live) != 2 ||
		count(t, s, `SELECT count(*) FROM game_players WHERE game_id = ?`, old) != 0 {
		t.Fatalf("games: %+v", rep)
	}
	// Audit: older than 730 days deleted; addresses older than 90 days blanked.
	if rep.AuditDeleted != 1 || rep.AuditBlanked != 2 || count(t, s, `SELECT count(*) FROM audit_log`) != 3 ||
		count(t, s, `SELECT count(*) FROM audit_log WHERE ip != ''`) != 1 {
		t.Fatalf("audit: %+v", rep)
	}
	// Uploads: only the unused picture older than 7 days, with its thumbnail.
	if got := names(t, up); !slices.Equal(rep.Uploads, []string{unused + ".png", unused + ".thumb.png"}) || len(got) != 5 {
		t.Fatalf("uploads: removed %v, left %v", rep.Uploads, got)
	}
	// Backups: of each kind, beyond the newest 2 or older than 90 days go.
	wantGone := []string{"animalgenius-20270103-000000.tar.gz", "animalgenius-20270104-000000.tar.gz", "animalgenius-20270105-000000.tar.gz",
		"manual-older.tar.gz", "manual.tar.gz", "pre-migrate-v7-20260101-000000.tar.gz"}
	if !slices.Equal(rep.Backups, wantGone) {
		t.Fatalf("backups removed: %v", rep.Backups)
	}
	left := strings.Join(names(t, backups), " ")
	for _, keep := range []string{"animalgenius-20270101-000000.tar.gz", "animalgenius-20270102-000000.tar.gz.sha256", "manual-new.tar.gz"} {
		if !strings.Contains(left, keep) {
			t.Errorf("%s should stay: %s", keep, left)
		}
	}
	for _, gone := range []string{"20270103-000000.tar.gz.sha256", "pre-migrate-v7-", "manual-older"} {
		if strings.Contains(left, gone) {
			t.Errorf("%s should be gone: %s", gone, left)
		}
	}
	if !slices.Equal(rep.Aside, []string{"before-restore-20260101-000000", "before-restore-20260301-000000"}) || len(names(t, aside)) != 1 {
		t.Fatalf("aside: removed %v, left %v", rep.Aside, names(t, aside))
	}

	// A second run the same day finds nothing more.
	again, err := r.Run(ctx, now)
	if err != nil || again.Games+again.AuditDeleted+again.AuditBlanked+len(again.Uploads)+len(again.Backups)+len(again.Aside) != 0 {
		t.Fatalf("second run: %+v %v", again, err)
	}
	// Rules at 0 are off: nothing is touched.
	off := &privacy.Retention{Store: s, UploadsDir: up, BackupDir: backups, AsideDir: aside}
	if rep, err := off.Run(ctx, now.Add(10*365*24*time.Hour)); err != nil || rep.Games+rep.AuditDeleted+len(rep.Backups)+len(rep.Uploads) != 0 {
		t.Fatalf("rules off: %+v %v", rep, err)
	}
}

func TestWarnOfDeletion(t *testing.T) {
	archived := daysAgo(340)
	if at := privacy.StudentsDeletedAt(archived, 365); !at.Equal(archived.Add(365 * 24 * time.Hour)) {
		t.Fatalf("deleted at %v", at)
	}
	for _, c := range []struct {
		archived   time.Time
		days, warn int
		want       bool
	}{
		{daysAgo(340), 365, 30, true},  // 25 days left
		{daysAgo(330), 365, 30, false}, // 35 days left
		{daysAgo(335), 365, 30, true},  // exactly 30 days left
		{daysAgo(400), 365, 30, true},  // overdue: the job runs tonight
		{daysAgo(340), 0, 30, false},   // the rule is off
		{time.Time{}, 365, 30, false},  // not archived
	} {
		if got := privacy.WarnOfDeletion(now, c.archived, c.days, c.warn); got != c.want {
			t.Errorf("archived %v, %d/%d days: warn %v", c.archived, c.days, c.warn, got)
		}
	}
}

// The age rule spares one file: the newest scheduled backup, so a box
// whose nightly backups stopped keeps its last one. Every other kind
// goes by age alone, even its only file; the count applies to each kind.
func TestToPruneKeepsTheLastScheduledBackupOnly(t *testing.T) {
	cut := daysAgo(90)
	files := []privacy.File{
		{Name: "animalgenius-a.tar.gz", Kind: "scheduled", ModTime: daysAgo(200)},
		{Name: "animalgenius-b.tar.gz", Kind: "scheduled", ModTime: daysAgo(300)},
		{Name: "pre-migrate-v9.tar.gz", Kind: "pre-migrate", ModTime: daysAgo(91)},
		{Name: "mine.tar.gz", Kind: "other", ModTime: daysAgo(120)},
		{Name: "before-restore-1", Kind: "aside", ModTime: daysAgo(100)},
		{Name: "new-1.tar.gz", Kind: "other", ModTime: daysAgo(1)},
		{Name: "new-2.tar.gz", Kind: "other", ModTime: daysAgo(2)},
		{Name: "new-3.tar.gz", Kind: "other", ModTime: daysAgo(3)},
	}
	got := privacy.ToPrune(files, cut, 2)
	want := []string{"animalgenius-b.tar.gz", "before-restore-1", "mine.tar.gz", "new-3.tar.gz", "pre-migrate-v9.tar.gz"}
	if !slices.Equal(got, want) {
		t.Fatalf("pruned %v, want %v", got, want)
	}
}
