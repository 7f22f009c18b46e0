// Package ops is what school IT watches on the box: the backups (the last
// good one and its off-box copy) and the health metrics the alert rules in
// deploy/prometheus use. It knows files and clocks, no HTTP and no SQL.
package ops

import (
	"animalgenius/app/jsontime"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"time"
)

// ScheduledPrefix names scheduled backups; only these are pruned to the
// keep-count and copied off the box.
const ScheduledPrefix = "animalgenius-"

// Backups records the box's backups: the last good one written here and
// the last verified copy in backup.copy_to. It copies scheduled backups
// off the box and prunes the copies by the same keep-count.
type Backups struct {
	dir    string // where backups are written (backup.dir)
	copyTo string // backup.copy_to; "" when off
	keep   int
	log    *slog.Logger
	// sameDeviceOK lets tests copy to a directory on the data's disk.
	sameDeviceOK bool

	mu           sync.Mutex
	lastGood     time.Time
	lastGoodFile string
	lastCopy     time.Time
	lastCopyFile string
	lastErr      string
	lastErrAt    time.Time
	copied       int // copies verified since start
	copying      sync.Mutex
	failed       int // copy attempts that failed since start
}

// BackupOptions configure Backups.
type BackupOptions struct {
	Dir, CopyTo string
	Keep        int
	Logger      *slog.Logger
	// SameDeviceOK allows a copy target on the same disk as Dir (tests only:
	// on a real box that is no off-box copy, and usually means the share
	// or USB disk is not mounted).
	SameDeviceOK bool
}

// NewBackups starts the record from what the directories hold, so the
// times survive a restart.
func NewBackups(o BackupOptions) *Backups {
	b := &Backups{dir: o.Dir, copyTo: o.CopyTo, keep: max(o.Keep, 1), log: o.Logger, sameDeviceOK: o.SameDeviceOK}
	if b.log == nil {
		b.log = slog.New(slog.DiscardHandler)
	}
	b.lastGoodFile, b.lastGood = newestBackup(o.Dir, false)
	if o.CopyTo != "" {
		b.lastCopyFile, b.lastCopy = newestBackup(o.CopyTo, true)
		// A target missing at start (unplugged, unmounted) still had a
		// good copy once: the note in the backup directory remembers it,
		// so the alert on the copy's age keeps counting from there.
		if name, at := readCopyNote(o.Dir); at.After(b.lastCopy) {
			b.lastCopyFile, b.lastCopy = name, at
		}
	}
	return b
}

// copyNote is the file in the backup directory that remembers the last
// verified copy off the box: its name and time, a line "name unix-seconds".
const copyNote = ".last-copy"

func readCopyNote(dir string) (string, time.Time) {
	data, err := os.ReadFile(filepath.Join(dir, copyNote))
	if err != nil {
		return "", time.Time{}
	}
	var name string
	var sec int64
	if _, err := fmt.Sscanf(string(data), "%s %d", &name, &sec); err != nil || !strings.HasPrefix(name, ScheduledPrefix) {
		return "", time.Time{}
	}
	return name, time.Unix(sec, 0)
}

// copiedOne records a verified copy: counted, shown and noted at once, so a
// later failure in the same run does not hide it. Call with b.mu unheld.
func (b *Backups) copiedOne(name string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.copied++
	b.lastCopyFile, b.lastCopy = name, time.Now()
	note := fmt.Sprintf("%s %d\n", name, b.lastCopy.Unix())
	if err := writeSynced(filepath.Join(b.dir, copyNote), []byte(note)); err != nil {
		b.log.Warn("unable to note the last copy off the box", slog.Any("error", err))
	}
}

// newestBackup finds the newest backup archive in dir and its
// modification time ("" when none); copied limits it to scheduled backups
// with a checksum file beside them (what CopyOff leaves).
func newestBackup(dir string, copied bool) (string, time.Time) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return "", time.Time{}
	}
	var name string
	var newest time.Time
	for _, e := range entries {
		n := e.Name()
		if !e.Type().IsRegular() || !strings.HasSuffix(n, ".tar.gz") {
			continue
		}
		if copied {
			if !strings.HasPrefix(n, ScheduledPrefix) {
				continue
			}
			if _, err := os.Stat(filepath.Join(dir, n+".sha256")); err != nil {
				continue
			}
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		// Copies are compared by name (scheduled names carry a sortable
		// time; the newest backup may be copied before older ones); local
		// backups of any kind by modification time.
		if copied && n > name || !copied && info.ModTime().After(newest) {
			name, newest = n, info.ModTime()
		}
	}
	return name, newest
}

// BackupWritten records a good backup at path.
func (b *Backups) BackupWritten(path string, at time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.lastGood, b.lastGoodFile = at, filepath.Base(path)
}

// CopyConfigured tells whether backup.copy_to is set.
func (b *Backups) CopyConfigured() bool { return b.copyTo != "" }

// BackupStatus is what the admin page shows.
type BackupStatus struct {
	Dir          string        `json:"dir"`
	LastGood     jsontime.Time `json:"lastGood,omitzero"`
	LastGoodFile string        `json:"lastGoodFile,omitempty"`
	CopyTo       string        `json:"copyTo,omitempty"`
	LastCopy     jsontime.Time `json:"lastCopy,omitzero"`
	LastCopyFile string        `json:"lastCopyFile,omitempty"`
	// CopyError is the last failed copy's reason, cleared by a good copy.
	CopyError   string        `json:"copyError,omitempty"`
	CopyErrorAt jsontime.Time `json:"copyErrorAt,omitzero"`
}

// Status reports the last good backup and copy. A backup written by the
// command line while the server runs (animalgenius backup) counts too: the
// directory is looked at again.
func (b *Backups) Status() BackupStatus {
	name, at := newestBackup(b.dir, false)
	b.mu.Lock()
	defer b.mu.Unlock()
	if at.After(b.lastGood) {
		b.lastGood, b.lastGoodFile = at, name
	}
	return BackupStatus{Dir: b.dir, LastGood: jsontime.Of(b.lastGood), LastGoodFile: b.lastGoodFile, CopyTo: b.copyTo,
		LastCopy: jsontime.Of(b.lastCopy), LastCopyFile: b.lastCopyFile, CopyError: b.lastErr, CopyErrorAt: jsontime.Of(b.lastErrAt)}
}

// Counts are the copies verified and failed since start (for /metrics).
func (b *Backups) Counts() (copied, failed int) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.copied, b.failed
}

// CopyError is a failed off-box copy, in words for the admin page.
type CopyError struct {
	Reason string
	Err    error
}

func (e *CopyError) Error() string {
	if e.Err != nil {
		return "backup copy to backup.copy_to failed: " + e.Reason + ": " + e.Err.Error()
	}
	return "backup copy to backup.copy_to failed: " + e.Reason
}

func (e *CopyError) Unwrap() error { return e.Err }

// CopyOff copies every scheduled backup of the backup directory that the
// copy target lacks (newest first, at most keep), verifies each copy by
// its SHA-256, writes name.sha256 beside it (sha256sum -c reads it), and
// prunes the target to the newest keep. A target that is missing, not a
// directory or on the data's own disk is refused: that is what an
// unmounted share or USB disk looks like, and copying there would fill
// the box's disk instead. It returns the number of files copied.
func (b *Backups) CopyOff(ctx context.Context) (int, error) {
	if b.copyTo == "" {
		return 0, nil
	}
	// One copy at a time: the backup job's and the hourly retry's.
	b.copying.Lock()
	defer b.copying.Unlock()
	n, err := b.copyOff(ctx)
	b.mu.Lock()
	defer b.mu.Unlock()
	if err != nil {
		b.failed++
		b.lastErr, b.lastErrAt = err.Error(), time.Now()
		b.log.Error("backup copy failed", slog.String("copy_to", b.copyTo), slog.Any("error", err))
		return n, err
	}
	b.lastErr, b.lastErrAt = "", time.Time{}
	if name, at := newestBackup(b.copyTo, true); name != "" && name > b.lastCopyFile {
		b.lastCopyFile, b.lastCopy = name, at // copied by hand, say
	}
	return n, nil
}

func (b *Backups) copyOff(ctx context.Context) (int, error) {
	if err := b.checkTarget(); err != nil {
		return 0, err
	}
	local, err := scheduled(b.dir)
	if err != nil {
		return 0, &CopyError{Reason: "unable to list " + b.dir, Err: err}
	}
	if len(local) > b.keep {
		local = local[len(local)-b.keep:]
	}
	// The copies that will be kept are the newest keep of those there and
	// those to come: the others go first, so a disk sized for keep copies
	// has room for the new one.
	there, err := scheduled(b.copyTo)
	if err != nil {
		return 0, &CopyError{Reason: "unable to list " + b.copyTo, Err: err}
	}
	final := slices.Compact(slices.Sorted(slices.Values(append(slices.Clone(there), local...))))
	if len(final) > b.keep {
		final = final[len(final)-b.keep:]
	}
	oldest := ""
	if len(final) > 0 {
		oldest = final[0]
	}
	if err := pruneCopies(b.copyTo, oldest); err != nil {
		return 0, &CopyError{Reason: "unable to prune old copies", Err: err}
	}
	copied := 0
	for i := len(local) - 1; i >= 0; i-- { // newest first
		name := local[i]
		if name < oldest {
			break // older than every copy kept
		}
		if _, err := os.Stat(filepath.Join(b.copyTo, name+".sha256")); err == nil {
			continue // copied and verified before
		}
		if err := ctx.Err(); err != nil {
			return copied, err
		}
		if err := copyVerified(filepath.Join(b.dir, name), b.copyTo, name); err != nil {
			return copied, err
		}
		copied++
		b.copiedOne(name)
		b.log.Info("backup copied off the box", slog.String("file", name), slog.String("copy_to", b.copyTo))
	}
	return copied, nil
}

// checkTarget refuses a copy target that is not a directory on a disk of
// its own.
func (b *Backups) checkTarget() error {
	info, err := os.Stat(b.copyTo)
	if err != nil {
		return &CopyError{Reason: b.copyTo + " is not there (is the share or USB disk mounted?)", Err: err}
	}
	if !info.IsDir() {
		return &CopyError{Reason: b.copyTo + " is not a directory"}
	}
	if b.sameDeviceOK {
		return nil
	}
	local, err := os.Stat(b.dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // no backup yet (a new box): nothing to copy, nothing to compare
	}
	if err != nil {
		return &CopyError{Reason: "unable to read " + b.dir, Err: err}
	}
	if sameDevice(info, local) {
		return &CopyError{Reason: b.copyTo + " is on the same disk as the backups (is the share or USB disk mounted?)"}
	}
	return nil
}

func sameDevice(a, b os.FileInfo) bool {
	sa, ok1 := a.Sys().(*syscall.Stat_t)
	sb, ok2 := b.Sys().(*syscall.Stat_t)
	return ok1 && ok2 && sa.Dev == sb.Dev
}

// scheduled lists the scheduled backups in dir, oldest first (their names
// carry a sortable UTC time).
func scheduled(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil // no backup yet
	}
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		if n := e.Name(); e.Type().IsRegular() && strings.HasPrefix(n, ScheduledPrefix) && strings.HasSuffix(n, ".tar.gz") {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names, nil
}

// Prune keeps the newest keep scheduled backups in dir and returns how
// many it deleted.
func Prune(dir string, keep int) (int, error) {
	names, err := scheduled(dir)
	if err != nil {
		return 0, err
	}
	removed := 0
	for len(names) > keep {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return removed, err
		}
		names = names[1:]
		removed++
	}
	return removed, nil
}

// pruneCopies removes the copies older than oldest with their checksum
// files, and copies left half-written by an interruption.
func pruneCopies(dir string, oldest string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		if n := e.Name(); strings.HasPrefix(n, "."+ScheduledPrefix) && strings.HasSuffix(n, ".part") {
			if err := os.Remove(filepath.Join(dir, n)); err != nil {
				return err
			}
		}
	}
	names, err := scheduled(dir)
	if err != nil {
		return err
	}
	for len(names) > 0 && names[0] < oldest {
		if err := os.Remove(filepath.Join(dir, names[0])); err != nil {
			return err
		}
		if err := os.Remove(filepath.Join(dir, names[0]+".sha256")); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		names = names[1:]
	}
	return nil
}

// copyVerified copies src to dir/name through a hidden temporary file,
// syncs it, reads it back and compares SHA-256 sums with the source's,
// then renames it into place and writes name.sha256.
func copyVerified(src, dir, name string) (err error) {
	in, err := os.Open(src)
	if err != nil {
		return &CopyError{Reason: "unable to read " + src, Err: err}
	}
	defer in.Close()
	tmp := filepath.Join(dir, "."+name+".part")
	out, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return &CopyError{Reason: "unable to write in " + dir, Err: err}
	}
	defer func() {
		if err != nil {
			out.Close()
			os.Remove(tmp)
		}
	}()
	srcSum := sha256.New()
	if _, err := io.Copy(out, io.TeeReader(in, srcSum)); err != nil {
		return &CopyError{Reason: "unable to write " + name, Err: err}
	}
	if err := out.Sync(); err != nil {
		return &CopyError{Reason: "unable to flush " + name + " to the target disk", Err: err}
	}
	if err := out.Close(); err != nil {
		return &CopyError{Reason: "unable to write " + name, Err: err}
	}
	want := hex.EncodeToString(srcSum.Sum(nil))
	got, err := fileSum(tmp)
	if err != nil {
		return &CopyError{Reason: "unable to read the copy back", Err: err}
	}
	if got != want {
		return &CopyError{Reason: fmt.Sprintf("the copy of %s reads back with checksum %s, not %s (a failing disk or share?)", name, got, want)}
	}
	if err := os.Rename(tmp, filepath.Join(dir, name)); err != nil {
		return &CopyError{Reason: "unable to rename the copy into place", Err: err}
	}
	// The checksum file marks the copy as verified; it goes last.
	if err := writeSynced(filepath.Join(dir, name+".sha256"), []byte(want+"  "+name+"\n")); err != nil {
		return &CopyError{Reason: "unable to write " + name + ".sha256", Err: err}
	}
	return syncDir(dir)
}

// Verify checks a copy in dir against its name.sha256 file.
func Verify(dir, name string) error {
	line, err := os.ReadFile(filepath.Join(dir, name+".sha256"))
	if err != nil {
		return err
	}
	want, _, _ := strings.Cut(string(line), " ")
	got, err := fileSum(filepath.Join(dir, name))
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("%s: checksum %s, want %s", name, got, want)
	}
	return nil
}

func fileSum(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

func writeSynced(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o640)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && !errors.Is(err, syscall.EINVAL) {
		return err
	}
	return nil
}
