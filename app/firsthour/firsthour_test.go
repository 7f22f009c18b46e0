package firsthour

import (
	"strings"
	"testing"
	"time"
)

func TestChecklistTicksItself(t *testing.T) {
	fresh := Make(Facts{Reach: "http://localhost:8080", Loopback: true, BackupDir: "data/backups", BackupTime: "02:30", Accounts: 1})
	if fresh.Done != 0 || fresh.Total != 5 {
		t.Fatalf("a fresh box: %d of %d done", fresh.Done, fresh.Total)
	}
	if d := fresh.Items[0].Detail; !strings.Contains(d, "only this computer") || !strings.Contains(d, "server.public_url") {
		t.Errorf("address detail on loopback: %q", d)
	}
	if d := fresh.Items[1].Detail; !strings.Contains(d, "02:30") || !strings.Contains(d, "data/backups") || !strings.Contains(d, "None has been made") {
		t.Errorf("backup detail: %q", d)
	}
	ready := Make(Facts{Reach: "http://192.168.1.20:8080", BackupDir: "data/backups", BackupTime: "02:30",
		LastBackup: time.Date(2026, 12, 2, 2, 30, 0, 0, time.UTC), Accounts: 1, Invites: 2, Classes: 1, Students: 1})
	if ready.Done != 5 {
		t.Fatalf("a ready box: %+v", ready)
	}
	for _, want := range []string{"192.168.1.20", "2 Dec 2026 02:30", "1 account and 2 invitations", "1 class on the box", "1 quiz finished"} {
		found := false
		for _, it := range ready.Items {
			found = found || strings.Contains(it.Detail, want)
		}
		if !found {
			t.Errorf("no item says %q: %+v", want, ready.Items)
		}
	}
	// With backup.copy_to set, it says where the copies go instead of asking for it.
	copied := Make(Facts{Reach: "https://ag.school", BackupDir: "/b", BackupTime: "02:30", CopyTo: "/mnt/usb/ag", Accounts: 1})
	if d := copied.Items[1].Detail; !strings.Contains(d, "copied off the box to /mnt/usb/ag") || strings.Contains(d, "set backup.copy_to") {
		t.Errorf("backup detail with copy_to: %q", d)
	}
	off := Make(Facts{Reach: "https://ag.school", PublicURLSet: true, BackupDir: "/b", Accounts: 3})
	if !off.Items[0].Done || strings.Contains(off.Items[0].Detail, "set server.public_url") || !strings.Contains(off.Items[1].Detail, "off") || !off.Items[2].Done {
		t.Errorf("public_url set, backups off, three accounts: %+v", off.Items)
	}
}
