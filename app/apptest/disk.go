package apptest

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"animalgenius/app/jobs"
	"animalgenius/sqlitestore"
)

// MountTmpfs mounts a tmpfs of sizeMB at a new temp directory (unmounted
// at cleanup unless the test did it), or skips the test, saying why, where
// this process may not mount one (not root: CI runs as root).
func MountTmpfs(t *testing.T, sizeMB int) string {
	t.Helper()
	dir := t.TempDir()
	if os.Geteuid() != 0 {
		t.Skip("skipped: mounting a small tmpfs needs root (CI runs the tests as root)")
	}
	out, err := exec.Command("mount", "-t", "tmpfs", "-o", fmt.Sprintf("size=%dm,mode=0750", sizeMB), "tmpfs", dir).CombinedOutput()
	if err != nil {
		t.Skipf("skipped: this machine does not let the test mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() {
		if !IsMountPoint(dir) {
			return // the test unmounted it
		}
		if out, err := exec.Command("umount", "-l", dir).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v %s", dir, err, out)
		}
	})
	return dir
}

// IsMountPoint tells whether dir is on another device than its parent.
func IsMountPoint(dir string) bool {
	var st, parent syscall.Stat_t
	if syscall.Stat(dir, &st) != nil || syscall.Stat(filepath.Dir(dir), &parent) != nil {
		return false
	}
	return st.Dev != parent.Dev
}

// FillDisk writes a filler file into dir until only leave bytes are free
// on its disk (0: until it is full) and returns a function that deletes it.
func FillDisk(t *testing.T, dir string, leave uint64) func() {
	t.Helper()
	path := filepath.Join(dir, fmt.Sprintf("filler-%d", time.Now().UnixNano()))
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	chunk := make([]byte, 64<<10)
	for i := 0; i < 1<<16; i++ { // at most 4 GiB
		free, _, err := sqlitestore.DiskSpace(dir)
		if err != nil {
			t.Fatal(err)
		}
		if free <= leave {
			break
		}
		n := uint64(len(chunk))
		if leave > 0 && free-leave < n {
			n = free - leave
		}
		if _, err := f.Write(chunk[:n]); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				break
			}
			t.Fatal(err)
		}
	}
	return func() { os.Remove(path) }
}

// RunBackupJob runs one backup job through the job runner (key makes it
// unique) and returns the file it wrote.
func (ta *App) RunBackupJob(key string) string {
	ta.T.Helper()
	ctx := context.Background()
	id, err := ta.App.EnqueueBackup(ctx, "test", "backup:"+key)
	if err != nil {
		ta.T.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		j, _ := ta.App.Runner().Get(ctx, id)
		if j != nil && j.Status == jobs.StatusDone {
			return j.Result
		}
		if j != nil && j.Status == jobs.StatusFailed {
			ta.T.Fatalf("backup job failed: %+v", j)
		}
		time.Sleep(20 * time.Millisecond)
	}
	ta.T.Fatal("backup job did not finish in 30s")
	return ""
}
