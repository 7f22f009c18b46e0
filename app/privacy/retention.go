package privacy

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
)

// Rules are the retention rules in days (0: the rule is off).
type Rules struct {
	GameDays         int
	AuditDays        int
	AuditAddressDays int
	UploadDays       int
	BackupDays       int
	// BackupKeep is how many of each kind of backup stay at most.
	BackupKeep int
}

// RetentionStore is what the retention job needs from the database.
type RetentionStore interface {
	// PurgeGames deletes finished games that ended before the time.
	PurgeGames(ctx context.Context, endedBefore time.Time) (int, error)
	// PurgeAudit deletes audit lines older than deleteBefore and blanks
	// the address of those older than blankBefore (zero times: skip).
	PurgeAudit(ctx context.Context, deleteBefore, blankBefore time.Time) (deleted, blanked int, err error)
	// UploadHashesInUse is the content hash of every uploaded picture a
	// row names (store items, pets, question pictures).
	UploadHashesInUse(ctx context.Context) (map[string]bool, error)
}

// Report says what one retention run deleted.
type Report struct {
	Games          int      `json:"games"`
	AuditDeleted   int      `json:"auditDeleted"`
	AuditBlanked   int      `json:"auditBlanked"`
	Uploads        []string `json:"uploads"`
	Backups        []string `json:"backups"`
	Aside          []string `json:"aside"`
	BackupsSkipped string   `json:"backupsSkipped,omitempty"`
}

// Retention applies the rules to the database and the data directory.
type Retention struct {
	Store      RetentionStore
	Rules      Rules
	UploadsDir string // <data_dir>/uploads
	BackupDir  string // scheduled, manual and pre-migrate backups
	AsideDir   string // <data_dir>/aside: data set aside by restore
}

func daysBefore(now time.Time, days int) time.Time {
	if days <= 0 {
		return time.Time{}
	}
	return now.Add(-time.Duration(days) * 24 * time.Hour)
}

// Run applies every rule once, as of now. It goes on after a failing
// rule and returns the errors joined.
func (r *Retention) Run(ctx context.Context, now time.Time) (Report, error) {
	var rep Report
	var errs []error
	if cut := daysBefore(now, r.Rules.GameDays); !cut.IsZero() {
		n, err := r.Store.PurgeGames(ctx, cut)
		rep.Games = n
		errs = append(errs, err)
	}
	del, blank := daysBefore(now, r.Rules.AuditDays), daysBefore(now, r.Rules.AuditAddressDays)
	if !del.IsZero() || !blank.IsZero() {
		d, b, err := r.Store.PurgeAudit(ctx, del, blank)
		rep.AuditDeleted, rep.AuditBlanked = d, b
		errs = append(errs, err)
	}
	if cut := daysBefore(now, r.Rules.UploadDays); !cut.IsZero() && r.UploadsDir != "" {
		inUse, err := r.Store.UploadHashesInUse(ctx)
		if err == nil {
			rep.Uploads, err = removeUnusedUploads(r.UploadsDir, inUse, cut)
		}
		errs = append(errs, err)
	}
	if cut := daysBefore(now, r.Rules.BackupDays); !cut.IsZero() {
		var err error
		if r.BackupDir != "" {
			rep.Backups, err = pruneDir(r.BackupDir, cut, r.Rules.BackupKeep, backupKind)
			errs = append(errs, err)
		}
		if r.AsideDir != "" {
			rep.Aside, err = pruneDir(r.AsideDir, cut, r.Rules.BackupKeep, func(string) string { return "aside" })
			errs = append(errs, err)
		}
	}
	return rep, errors.Join(errs...)
}

// uploadHash is the content hash a stored upload's name starts with
// ("<64 hex>.png", "<64 hex>.thumb.jpg"), or "".
func uploadHash(name string) string {
	if len(name) < 65 || name[64] != '.' {
		return ""
	}
	for _, c := range name[:64] {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return ""
		}
	}
	return name[:64]
}

// removeUnusedUploads deletes processed upload files (and thumbnails)
// whose hash no row names and that were written before cut. Work files
// (starting with a dot) are the upload service's own.
func removeUnusedUploads(dir string, inUse map[string]bool, cut time.Time) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("privacy: unable to list uploads: %w", err)
	}
	var removed []string
	for _, e := range entries {
		h := uploadHash(e.Name())
		if h == "" || inUse[h] || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil || !info.ModTime().Before(cut) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err != nil {
			return removed, fmt.Errorf("privacy: unable to delete upload %s: %w", e.Name(), err)
		}
		removed = append(removed, e.Name())
	}
	return removed, nil
}

// backupKind groups backup files so each kind keeps its newest few:
// scheduled ("animalgenius-..."), pre-migrate ("pre-migrate-...") and
// any other archive (manual backups written into the directory).
func backupKind(name string) string {
	switch {
	case strings.HasPrefix(name, "pre-migrate-"):
		return "pre-migrate"
	case strings.HasPrefix(name, "animalgenius-"):
		return kindScheduled
	}
	return "other"
}

const kindScheduled = "scheduled"

// File is a file or folder considered for pruning.
type File struct {
	Name    string
	Kind    string
	ModTime time.Time
}

// ToPrune picks the files to delete: of each kind, those beyond the
// newest keep, and those older than cut. One file is kept whatever its
// age: the newest scheduled backup, so a box whose nightly backups have
// stopped still has its last one (the Box tab shows how old it is).
// Pre-migrate backups, manual archives and data set aside by restore are
// rare, so keeping the newest few of them regardless of age would keep a
// removed pupil in them for ever. A pure rule: pruneDir applies it to a
// folder.
func ToPrune(files []File, cut time.Time, keep int) []string {
	byKind := map[string][]File{}
	for _, f := range files {
		byKind[f.Kind] = append(byKind[f.Kind], f)
	}
	var out []string
	for kind, list := range byKind {
		sort.Slice(list, func(i, j int) bool { return list[i].ModTime.After(list[j].ModTime) })
		for i, f := range list {
			lastBackup := kind == kindScheduled && i == 0
			if i >= keep || (f.ModTime.Before(cut) && !lastBackup) {
				out = append(out, f.Name)
			}
		}
	}
	sort.Strings(out)
	return out
}

// pruneDir deletes what ToPrune picks among the backup archives (.tar.gz,
// with their .sha256 files) or, in the aside folder, the folders.
func pruneDir(dir string, cut time.Time, keep int, kind func(string) string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("privacy: unable to list %s: %w", dir, err)
	}
	var files []File
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") || (!e.IsDir() && !strings.HasSuffix(name, ".tar.gz")) {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		files = append(files, File{Name: name, Kind: kind(name), ModTime: info.ModTime()})
	}
	picked := ToPrune(files, cut, keep)
	for _, name := range picked {
		p := filepath.Join(dir, name)
		if err := os.RemoveAll(p); err != nil {
			return nil, fmt.Errorf("privacy: unable to delete %s: %w", p, err)
		}
		os.Remove(p + ".sha256")
	}
	return picked, nil
}

// StudentsDeletedAt is when the retention job deletes the students of a
// class archived at archivedAt, with the rule of days (zero: never, the
// class is open or the rule is off).
func StudentsDeletedAt(archivedAt time.Time, days int) time.Time {
	if archivedAt.IsZero() || days <= 0 {
		return time.Time{}
	}
	return archivedAt.Add(time.Duration(days) * 24 * time.Hour)
}

// WarnOfDeletion tells whether a teacher is warned, as of now, that the
// students of a class archived at archivedAt will be deleted: from
// warnDays before the deletion on.
func WarnOfDeletion(now, archivedAt time.Time, days, warnDays int) bool {
	from := WarnOfDeletionFrom(archivedAt, days, warnDays)
	return !from.IsZero() && !now.Before(from)
}

// WarnOfDeletionFrom is when WarnOfDeletion starts to warn (zero: never),
// so an answer that shows the warning can be kept until then.
func WarnOfDeletionFrom(archivedAt time.Time, days, warnDays int) time.Time {
	at := StudentsDeletedAt(archivedAt, days)
	if at.IsZero() {
		return at
	}
	return at.Add(-time.Duration(warnDays) * 24 * time.Hour)
}
