package ops

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// writeBackup makes a scheduled backup file with distinct content.
func writeBackup(t *testing.T, dir string, day int) string {
	t.Helper()
	name := fmt.Sprintf("%s202611%02d-023000.tar.gz", ScheduledPrefix, day)
	if err := os.WriteFile(filepath.Join(dir, name), []byte(strings.Repeat(fmt.Sprintf("backup of day %d\n", day), 5000)), 0o640); err != nil {
		t.Fatal(err)
	}
	return name
}

func listDir(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestCopyOffCopiesVerifiesAndPrunes(t *testing.T) {
	local, target := t.TempDir(), t.TempDir()
	b := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 3, SameDeviceOK: true})
	if st := b.Status(); !st.LastCopy.IsZero() || !st.LastGood.IsZero() {
		t.Fatalf("fresh status: %+v", st)
	}
	for day := 1; day <= 5; day++ {
		name := writeBackup(t, local, day)
		if _, err := Prune(local, 3); err != nil {
			t.Fatal(err)
		}
		n, err := b.CopyOff(context.Background())
		if err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
		if n != 1 {
			t.Fatalf("day %d: copied %d files, want 1", day, n)
		}
		if err := Verify(target, name); err != nil {
			t.Fatalf("day %d: %v", day, err)
		}
		if st := b.Status(); st.LastCopyFile != name || st.CopyError != "" || st.LastCopy.IsZero() {
			t.Fatalf("day %d: status %+v", day, st)
		}
	}
	// Pruned by the same rule: the newest 3, each with its checksum file.
	want := []string{}
	for day := 3; day <= 5; day++ {
		name := fmt.Sprintf("%s202611%02d-023000.tar.gz", ScheduledPrefix, day)
		want = append(want, name, name+".sha256")
	}
	if got := listDir(t, target); !slices.Equal(got, want) {
		t.Fatalf("target holds %v, want %v", got, want)
	}
	// The checksum file is what sha256sum -c reads.
	line, _ := os.ReadFile(filepath.Join(target, want[0]+".sha256"))
	if !strings.HasSuffix(string(line), "  "+want[0]+"\n") || len(strings.Fields(string(line))[0]) != 64 {
		t.Fatalf("checksum file: %q", line)
	}
	// Nothing new: nothing copied, still good.
	if n, err := b.CopyOff(context.Background()); n != 0 || err != nil {
		t.Fatalf("second run: %d %v", n, err)
	}
	if copied, failed := b.Counts(); copied != 5 || failed != 0 {
		t.Fatalf("counts %d %d", copied, failed)
	}
	// A restart finds the times on disk again.
	again := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 3, SameDeviceOK: true})
	if st := again.Status(); st.LastCopyFile != want[4] || st.LastGoodFile == "" {
		t.Fatalf("after restart: %+v", st)
	}
}

// TestCopyTargetThatDisappears: the share goes away (unmounted, deleted),
// the copy fails with a reason and the backups stay; when it is back, the
// next run copies everything it missed.
func TestCopyTargetThatDisappears(t *testing.T) {
	local := t.TempDir()
	target := filepath.Join(t.TempDir(), "share")
	os.Mkdir(target, 0o750)
	b := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 7, SameDeviceOK: true})
	writeBackup(t, local, 1)
	if _, err := b.CopyOff(context.Background()); err != nil {
		t.Fatal(err)
	}
	good := b.Status().LastCopy

	if err := os.RemoveAll(target); err != nil {
		t.Fatal(err)
	}
	writeBackup(t, local, 2)
	writeBackup(t, local, 3)
	_, err := b.CopyOff(context.Background())
	var ce *CopyError
	if !errors.As(err, &ce) || !strings.Contains(err.Error(), "is not there (is the share or USB disk mounted?)") {
		t.Fatalf("missing target: %v", err)
	}
	st := b.Status()
	if st.CopyError == "" || st.CopyErrorAt.IsZero() || !st.LastCopy.Equal(good.Time) {
		t.Fatalf("status after a failed copy: %+v", st)
	}
	if _, err := os.Stat(target); !os.IsNotExist(err) {
		t.Fatal("the copy created the missing target (it would fill the box's disk under a mount point)")
	}
	if got, _ := scheduled(local); len(got) != 3 {
		t.Fatalf("local backups after a failed copy: %v", got)
	}
	// A file where the directory was.
	os.WriteFile(target, []byte("not a dir"), 0o640)
	if _, err := b.CopyOff(context.Background()); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("file as target: %v", err)
	}
	os.Remove(target)

	// Back: the two missed backups (and the first, since the share is new) are copied.
	os.Mkdir(target, 0o750)
	time.Sleep(10 * time.Millisecond) // the copies' times must be after the first one's
	n, err := b.CopyOff(context.Background())
	if err != nil || n != 3 {
		t.Fatalf("after the target came back: %d %v", n, err)
	}
	if st := b.Status(); st.CopyError != "" || !st.LastCopy.After(good.Time) {
		t.Fatalf("status after recovery: %+v", st)
	}
	if copied, failed := b.Counts(); copied != 4 || failed != 2 {
		t.Fatalf("counts %d %d", copied, failed)
	}
}

func TestCopyRefusesTheDataDisk(t *testing.T) {
	local := t.TempDir()
	target := filepath.Join(local, "usb") // same disk: an unmounted mount point looks like this
	os.Mkdir(target, 0o750)
	writeBackup(t, local, 1)
	b := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 7})
	if _, err := b.CopyOff(context.Background()); err == nil || !strings.Contains(err.Error(), "same disk") {
		t.Fatalf("same-disk target: %v", err)
	}
	if got := listDir(t, target); len(got) != 0 {
		t.Fatalf("copied onto the same disk: %v", got)
	}
}

func TestCopyRemovesHalfWrittenCopiesAndVerifyCatchesDamage(t *testing.T) {
	local, target := t.TempDir(), t.TempDir()
	name := writeBackup(t, local, 1)
	os.WriteFile(filepath.Join(target, "."+name+".part"), []byte("interrupted"), 0o640)
	b := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 7, SameDeviceOK: true})
	if _, err := b.CopyOff(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := listDir(t, target); !slices.Equal(got, []string{name, name + ".sha256"}) {
		t.Fatalf("target: %v", got)
	}
	// A copy damaged later is caught by Verify.
	f, _ := os.OpenFile(filepath.Join(target, name), os.O_WRONLY, 0)
	f.WriteAt([]byte("X"), 100)
	f.Close()
	if err := Verify(target, name); err == nil {
		t.Fatal("damaged copy verified")
	}
}

func TestCopyOffIsOffWithoutATarget(t *testing.T) {
	b := NewBackups(BackupOptions{Dir: t.TempDir(), Keep: 7})
	if b.CopyConfigured() {
		t.Fatal("configured without copy_to")
	}
	if n, err := b.CopyOff(context.Background()); n != 0 || err != nil {
		t.Fatalf("%d %v", n, err)
	}
}

// TestCopyMakesRoomFirstAndRecordsEachCopy: a target sized for keep
// copies gets the new one (the copy that falls out of the window goes
// first); a copy that succeeds before another fails is counted, shown and
// remembered across a restart with the target unplugged.
func TestCopyMakesRoomFirstAndRecordsEachCopy(t *testing.T) {
	local, target := t.TempDir(), t.TempDir()
	b := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 3, SameDeviceOK: true})
	for day := 1; day <= 3; day++ {
		writeBackup(t, local, day)
	}
	if n, err := b.CopyOff(context.Background()); n != 3 || err != nil {
		t.Fatalf("first copies: %d %v", n, err)
	}
	// Day 4 cannot be put in place (something blocks its name): the copy
	// fails, but day 1, outside the window once day 4 is there, is gone.
	day4 := writeBackup(t, local, 4)
	if err := os.MkdirAll(filepath.Join(target, day4, "blocker"), 0o750); err != nil {
		t.Fatal(err)
	}
	if _, err := b.CopyOff(context.Background()); err == nil {
		t.Fatal("the blocked copy succeeded")
	}
	day := func(d int) string { return fmt.Sprintf("%s202611%02d-023000.tar.gz", ScheduledPrefix, d) }
	got := listDir(t, target)
	if slices.Contains(got, day(1)) || slices.Contains(got, day(1)+".sha256") || !slices.Contains(got, day(2)) {
		t.Fatalf("target after the failed copy: %v (day 1 should have made room)", got)
	}
	// Day 5 copies (newest first), then day 4 fails again.
	writeBackup(t, local, 5)
	_, before := b.Counts()
	n, err := b.CopyOff(context.Background())
	if n != 1 || err == nil {
		t.Fatalf("partial run: %d %v", n, err)
	}
	if copied, failed := b.Counts(); copied != 4 || failed != before+1 {
		t.Fatalf("counts after a partial run: %d %d", copied, failed)
	}
	st := b.Status()
	if st.LastCopyFile != day(5) || st.CopyError == "" {
		t.Fatalf("status after a partial run: %+v", st)
	}
	// Restart with the target gone: the last good copy is still known.
	if err := os.RemoveAll(target); err != nil {
		t.Fatal(err)
	}
	again := NewBackups(BackupOptions{Dir: local, CopyTo: target, Keep: 3, SameDeviceOK: true})
	if got := again.Status(); got.LastCopyFile != day(5) || got.LastCopy.Unix() != st.LastCopy.Unix() {
		t.Fatalf("after a restart without the target: %+v, want %s at %v", got, day(5), st.LastCopy)
	}
}

// A backup written by the command line while the server runs shows as the
// last good one (Admin > Box, the metric), like one the server wrote.
func TestBackupOfTheCommandLineCounts(t *testing.T) {
	local := t.TempDir()
	b := NewBackups(BackupOptions{Dir: local, Keep: 3})
	if st := b.Status(); !st.LastGood.IsZero() {
		t.Fatalf("fresh: %+v", st)
	}
	name := "manual-20261203-073901.tar.gz"
	if err := os.WriteFile(filepath.Join(local, name), []byte("archive"), 0o640); err != nil {
		t.Fatal(err)
	}
	if st := b.Status(); st.LastGoodFile != name || st.LastGood.IsZero() {
		t.Fatalf("after a backup from the command line: %+v", st)
	}
}
