package sqlitestore

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
)

// Limits that keep a hostile archive from filling the disk.
const (
	maxManifestBytes = 16 << 20
	maxArchiveFiles  = 1_000_000
)

// RestoreOptions say what to restore where. The caller holds the data
// directory's lock, so no server is running on it.
type RestoreOptions struct {
	DataDir  string
	Archive  string
	Progress Progress
	// MaxBytes bounds the unpacked size (0: the free disk space).
	MaxBytes int64
}

// RestoreResult tells what was restored and where the old data went.
type RestoreResult struct {
	Manifest *Manifest
	AsideDir string // the previous data, kept; empty when there was none
}

// Restore checks an archive completely (manifest, sizes, checksums, SQLite
// integrity, schema version) in a staging directory and only then moves the
// current data aside and puts the restored data in place. On any error the
// current data is untouched.
func Restore(ctx context.Context, o RestoreOptions) (*RestoreResult, error) {
	if err := os.MkdirAll(o.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("restore: unable to create %s: %w", o.DataDir, err)
	}
	staging, err := os.MkdirTemp(o.DataDir, ".restore-staging-")
	if err != nil {
		return nil, fmt.Errorf("restore: unable to create staging directory: %w", err)
	}
	defer os.RemoveAll(staging)

	m, err := unpack(ctx, o, staging)
	if err != nil {
		return nil, err
	}
	if err := verifyDatabase(ctx, filepath.Join(staging, DBFile)); err != nil {
		return nil, err
	}

	// Move the current data aside, then the staged data in.
	aside := filepath.Join(o.DataDir, "aside", "before-restore-"+time.Now().UTC().Format("20060102-150405"))
	moved := false
	for _, name := range []string{DBFile, DBFile + "-wal", DBFile + "-shm", SecretsFile, UploadsDir} {
		src := filepath.Join(o.DataDir, name)
		if _, err := os.Lstat(src); err != nil {
			continue
		}
		if err := os.MkdirAll(aside, 0o750); err != nil {
			return nil, fmt.Errorf("restore: unable to create %s: %w", aside, err)
		}
		if err := os.Rename(src, filepath.Join(aside, name)); err != nil {
			return nil, fmt.Errorf("restore: unable to move %s aside (data may be partly moved to %s): %w", name, aside, err)
		}
		moved = true
	}
	for _, name := range []string{DBFile, SecretsFile, UploadsDir} {
		src := filepath.Join(staging, name)
		if _, err := os.Lstat(src); err != nil {
			continue
		}
		if err := os.Rename(src, filepath.Join(o.DataDir, name)); err != nil {
			return nil, fmt.Errorf("restore: unable to put %s in place (previous data is in %s): %w", name, aside, err)
		}
	}
	syncDir(o.DataDir)
	res := &RestoreResult{Manifest: m}
	if moved {
		res.AsideDir = aside
	}
	return res, nil
}

// VerifyArchive checks an archive fully (checksums, integrity) without restoring it.
func VerifyArchive(ctx context.Context, archive string) (*Manifest, error) {
	staging, err := os.MkdirTemp("", "animalgenius-verify-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(staging)
	m, err := unpack(ctx, RestoreOptions{Archive: archive}, staging)
	if err != nil {
		return nil, err
	}
	return m, verifyDatabase(ctx, filepath.Join(staging, DBFile))
}

// errArchive wraps every reason an archive is refused.
var errArchive = errors.New("not a valid Animal Genius backup")

func refuse(format string, args ...any) error {
	return fmt.Errorf("restore: %w: %s", errArchive, fmt.Sprintf(format, args...))
}

// IsBadArchive tells whether err means the archive itself was refused.
func IsBadArchive(err error) bool { return errors.Is(err, errArchive) }

func unpack(ctx context.Context, o RestoreOptions, staging string) (*Manifest, error) {
	f, err := os.Open(o.Archive)
	if err != nil {
		return nil, fmt.Errorf("restore: unable to open %s: %w", o.Archive, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	limit := o.MaxBytes
	if limit <= 0 {
		limit = freeBytes(staging)
	}
	gz, err := gzip.NewReader(f)
	if err != nil {
		return nil, refuse("it is not a gzip file (%v)", err)
	}
	tr := tar.NewReader(gz)
	type got struct {
		size int64
		sum  string
	}
	files := map[string]got{}
	var manifest *Manifest
	var written int64
	for {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		hdr, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, refuse("the archive is damaged or truncated (%v)", err)
		}
		if manifest != nil {
			return nil, refuse("data follows the manifest")
		}
		name, ok := safeName(hdr.Name)
		if !ok || hdr.Typeflag != tar.TypeReg {
			return nil, refuse("unexpected entry %q", hdr.Name)
		}
		if len(files) >= maxArchiveFiles {
			return nil, refuse("too many files")
		}
		if name == ManifestName {
			if hdr.Size > maxManifestBytes {
				return nil, refuse("manifest too large")
			}
			body, err := io.ReadAll(io.LimitReader(tr, maxManifestBytes))
			if err != nil {
				return nil, refuse("the archive is damaged or truncated (%v)", err)
			}
			manifest = &Manifest{}
			dec := json.NewDecoder(strings.NewReader(string(body)))
			dec.DisallowUnknownFields()
			if err := dec.Decode(manifest); err != nil {
				return nil, refuse("the manifest is not readable (%v)", err)
			}
			continue
		}
		if _, dup := files[name]; dup {
			return nil, refuse("%s appears twice", name)
		}
		if hdr.Size < 0 || written+hdr.Size > limit {
			return nil, refuse("it would unpack to more than %d bytes", limit)
		}
		dst := filepath.Join(staging, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(dst), 0o750); err != nil {
			return nil, err
		}
		out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
		if err != nil {
			return nil, err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(out, h), io.LimitReader(tr, hdr.Size))
		serr := out.Sync()
		cerr := out.Close()
		if err != nil || n != hdr.Size {
			return nil, refuse("the archive is damaged or truncated at %s", name)
		}
		if serr != nil || cerr != nil {
			return nil, fmt.Errorf("restore: unable to write %s: %w", dst, errors.Join(serr, cerr))
		}
		written += n
		files[name] = got{n, hex.EncodeToString(h.Sum(nil))}
		if o.Progress != nil {
			pos, _ := f.Seek(0, io.SeekCurrent)
			o.Progress(pos, fi.Size())
		}
	}
	if manifest == nil {
		return nil, refuse("it has no manifest (truncated, or not made by animalgenius backup)")
	}
	if manifest.Format != BackupFormat || manifest.FormatVersion != 1 {
		return nil, refuse("unknown format %q version %d", manifest.Format, manifest.FormatVersion)
	}
	if len(manifest.Files) != len(files) {
		return nil, refuse("the manifest lists %d files but the archive holds %d", len(manifest.Files), len(files))
	}
	hasDB := false
	for _, mf := range manifest.Files {
		g, ok := files[mf.Path]
		if !ok {
			return nil, refuse("%s is listed in the manifest but missing", mf.Path)
		}
		if g.size != mf.Size || g.sum != mf.SHA256 {
			return nil, refuse("%s does not match its checksum", mf.Path)
		}
		hasDB = hasDB || mf.Path == DBFile
	}
	if !hasDB {
		return nil, refuse("it holds no database")
	}
	latest, err := embeddedVersions()
	if err != nil {
		return nil, err
	}
	if manifest.SchemaVersion > latest[len(latest)-1] {
		return nil, refuse("it was made by a newer version (schema %d; this binary knows up to %d): upgrade first", manifest.SchemaVersion, latest[len(latest)-1])
	}
	return manifest, nil
}

// safeName accepts only relative paths inside the archive's known layout.
func safeName(name string) (string, bool) {
	if name == "" || strings.Contains(name, "\\") || strings.HasPrefix(name, "/") {
		return "", false
	}
	clean := path.Clean(name)
	if clean != name || clean == "." || strings.HasPrefix(clean, "../") || clean == ".." {
		return "", false
	}
	switch {
	case clean == DBFile, clean == SecretsFile, clean == ManifestName:
		return clean, true
	case strings.HasPrefix(clean, UploadsDir+"/"):
		return clean, true
	}
	return "", false
}

// verifyDatabase opens the staged database and checks integrity and that it
// is ours.
func verifyDatabase(ctx context.Context, dbPath string) error {
	db, err := sql.Open("sqlite", "file:"+dbPath+"?mode=ro&_pragma=busy_timeout(5000)")
	if err != nil {
		return refuse("the database cannot be opened (%v)", err)
	}
	defer db.Close()
	problems, err := integrityCheck(ctx, db)
	if err != nil {
		return refuse("the database cannot be read (%v)", err)
	}
	if len(problems) > 0 {
		return refuse("the database fails its integrity check: %s", strings.Join(problems[:min(5, len(problems))], "; "))
	}
	st, err := statusOf(db)
	if err != nil || st.Current == 0 {
		return refuse("the database is not an Animal Genius database")
	}
	if st.Dirty {
		return refuse("the database was saved in the middle of a failed migration")
	}
	return nil
}

func freeBytes(dir string) int64 {
	free, _, err := DiskSpace(dir)
	if err != nil || free <= 0 {
		return 1 << 40
	}
	return int64(free)
}
