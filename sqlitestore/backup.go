package sqlitestore

import (
	"archive/tar"
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/klauspost/compress/gzip"
)

// Names inside the data directory and inside a backup archive.
const (
	UploadsDir   = "uploads"
	SecretsFile  = "secrets.json"
	ManifestName = "manifest.json"
	// BackupFormat identifies our archives; anything else is refused.
	BackupFormat = "animalgenius-backup"
)

// Manifest describes a backup archive. It is the archive's last entry so a
// truncated archive has none and is refused.
type Manifest struct {
	Format        string         `json:"format"`
	FormatVersion int            `json:"formatVersion"`
	CreatedAt     time.Time      `json:"createdAt"`
	AppVersion    string         `json:"appVersion"`
	SchemaVersion uint           `json:"schemaVersion"`
	Files         []ManifestFile `json:"files"`
}

// ManifestFile is one file of the archive with its size and checksum.
type ManifestFile struct {
	Path   string `json:"path"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// Progress is told how many bytes of the total are done.
type Progress func(done, total int64)

// BackupOptions say what to put where.
type BackupOptions struct {
	DataDir    string
	Out        string // archive path; its directory must exist
	AppVersion string
	Progress   Progress
}

// Backup writes a consistent snapshot of the database, the uploads and the
// secrets to a gzip'd tar archive while the server keeps running. The
// database is copied with VACUUM INTO, which reads one snapshot in a single
// read transaction: writers in WAL mode are not blocked.
func Backup(ctx context.Context, o BackupOptions) (*Manifest, error) {
	dbPath := filepath.Join(o.DataDir, DBFile)
	if _, err := os.Stat(dbPath); err != nil {
		return nil, fmt.Errorf("backup: no database in %s: %w", o.DataDir, err)
	}
	staging, err := os.MkdirTemp(filepath.Dir(o.Out), ".backup-staging-")
	if err != nil {
		return nil, fmt.Errorf("backup: unable to create staging directory: %w", err)
	}
	defer os.RemoveAll(staging)

	snapshot := filepath.Join(staging, DBFile)
	version, err := vacuumInto(ctx, dbPath, snapshot)
	if err != nil {
		return nil, err
	}

	type source struct{ archivePath, diskPath string }
	sources := []source{{DBFile, snapshot}}
	if _, err := os.Stat(filepath.Join(o.DataDir, SecretsFile)); err == nil {
		sources = append(sources, source{SecretsFile, filepath.Join(o.DataDir, SecretsFile)})
	}
	uploads := filepath.Join(o.DataDir, UploadsDir)
	err = filepath.WalkDir(uploads, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == uploads {
				return fs.SkipDir
			}
			return err
		}
		if d.Type().IsRegular() && !strings.HasPrefix(d.Name(), ".") {
			rel, _ := filepath.Rel(o.DataDir, p)
			sources = append(sources, source{filepath.ToSlash(rel), p})
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("backup: unable to list uploads: %w", err)
	}
	var total int64
	for _, s := range sources {
		if fi, err := os.Stat(s.diskPath); err == nil {
			total += fi.Size()
		}
	}

	partial := o.Out + ".partial"
	f, err := os.OpenFile(partial, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("backup: unable to create %s: %w", partial, err)
	}
	defer os.Remove(partial)
	defer f.Close()
	gz, _ := gzip.NewWriterLevel(f, gzip.BestSpeed)
	tw := tar.NewWriter(gz)
	m := &Manifest{Format: BackupFormat, FormatVersion: 1, CreatedAt: time.Now().UTC(), AppVersion: o.AppVersion, SchemaVersion: version}
	var done int64
	for _, s := range sources {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		mf, err := addFile(tw, s.archivePath, s.diskPath, func(n int64) {
			done += n
			if o.Progress != nil {
				o.Progress(done, total)
			}
		})
		if err != nil {
			return nil, fmt.Errorf("backup: unable to add %s: %w", s.archivePath, err)
		}
		m.Files = append(m.Files, mf)
	}
	body, _ := json.MarshalIndent(m, "", "  ")
	if err := tw.WriteHeader(&tar.Header{Name: ManifestName, Mode: 0o600, Size: int64(len(body)), ModTime: m.CreatedAt, Typeflag: tar.TypeReg}); err != nil {
		return nil, err
	}
	if _, err := tw.Write(body); err != nil {
		return nil, err
	}
	if err := tw.Close(); err != nil {
		return nil, err
	}
	if err := gz.Close(); err != nil {
		return nil, err
	}
	if err := f.Sync(); err != nil {
		return nil, fmt.Errorf("backup: unable to sync archive: %w", err)
	}
	if err := f.Close(); err != nil {
		return nil, err
	}
	if err := os.Rename(partial, o.Out); err != nil {
		return nil, fmt.Errorf("backup: unable to finish %s: %w", o.Out, err)
	}
	syncDir(filepath.Dir(o.Out))
	return m, nil
}

// vacuumInto snapshots the live database into target and returns its schema version.
func vacuumInto(ctx context.Context, dbPath, target string) (uint, error) {
	db, err := sql.Open("sqlite", DSN(dbPath, DefaultOptions(), false))
	if err != nil {
		return 0, fmt.Errorf("backup: unable to open database: %w", err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	if _, err := db.ExecContext(ctx, "VACUUM INTO ?", target); err != nil {
		return 0, fmt.Errorf("backup: unable to snapshot database: %w", err)
	}
	snap, err := sql.Open("sqlite", "file:"+target+"?mode=ro")
	if err != nil {
		return 0, err
	}
	defer snap.Close()
	st, err := statusOf(snap)
	if err != nil {
		return 0, fmt.Errorf("backup: unable to read schema version: %w", err)
	}
	return st.Current, nil
}

func addFile(tw *tar.Writer, name, path string, progress func(int64)) (ManifestFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return ManifestFile{}, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return ManifestFile{}, err
	}
	if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: fi.Size(), ModTime: fi.ModTime(), Typeflag: tar.TypeReg}); err != nil {
		return ManifestFile{}, err
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tw, h, progressWriter(progress)), io.LimitReader(f, fi.Size()))
	if err != nil {
		return ManifestFile{}, err
	}
	if n != fi.Size() {
		return ManifestFile{}, fmt.Errorf("%s changed size while being copied", name)
	}
	return ManifestFile{Path: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))}, nil
}

type progressWriter func(int64)

func (p progressWriter) Write(b []byte) (int, error) {
	p(int64(len(b)))
	return len(b), nil
}

func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
}
