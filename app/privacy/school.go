package privacy

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"time"
)

// SchoolFormat names the archive of a whole school's export.
const SchoolFormat = "animalgenius-school-export"

// ClassFile is one class in a school archive: the class's row and the
// export of each of its students.
type ClassFile struct {
	Class    map[string]any  `json:"class"`
	Students []StudentExport `json:"students"`
}

// Manifest is manifest.json of a school archive.
type Manifest struct {
	Format     string         `json:"format"`
	Version    int            `json:"version"`
	CreatedAt  time.Time      `json:"createdAt"`
	AppVersion string         `json:"appVersion"`
	Classes    int            `json:"classes"`
	Students   int            `json:"students"`
	Files      []ManifestFile `json:"files"`
}

// ManifestFile is a file of the archive with its checksum.
type ManifestFile struct {
	Name     string `json:"name"`
	Size     int    `json:"size"`
	SHA256   string `json:"sha256"`
	Students int    `json:"students,omitempty"`
}

// ClassFile is a class's row and the export of each of its students.
func (s *Service) ClassFile(ctx context.Context, classID int64) (ClassFile, error) {
	row, studentIDs, err := s.store.ClassExport(ctx, classID)
	if err != nil {
		return ClassFile{}, err
	}
	f := ClassFile{Class: row, Students: make([]StudentExport, 0, len(studentIDs))}
	for _, sid := range studentIDs {
		e, err := s.StudentExport(ctx, classID, sid)
		if err != nil {
			return ClassFile{}, err
		}
		f.Students = append(f.Students, e)
	}
	return f, nil
}

// WriteSchoolArchive writes the whole school as a .tar.gz: accounts.json
// (adults, without password hashes), classes/<id>.json per class with
// every student's export, and manifest.json (last) with checksums.
// progress, when set, gets the classes done and the total.
func (s *Service) WriteSchoolArchive(ctx context.Context, w io.Writer, appVersion string, progress func(done, total int)) (Manifest, error) {
	m := Manifest{Format: SchoolFormat, Version: 1, CreatedAt: s.now().UTC(), AppVersion: appVersion}
	gz := gzip.NewWriter(w)
	tw := tar.NewWriter(gz)
	add := func(name string, v any, students int) error {
		b, err := json.MarshalIndent(v, "", " ")
		if err != nil {
			return err
		}
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o600, Size: int64(len(b)), ModTime: m.CreatedAt, Typeflag: tar.TypeReg}); err != nil {
			return err
		}
		if _, err := tw.Write(b); err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		m.Files = append(m.Files, ManifestFile{Name: name, Size: len(b), SHA256: hex.EncodeToString(sum[:]), Students: students})
		return nil
	}
	accs, err := s.store.SchoolAccounts(ctx)
	if err != nil {
		return m, err
	}
	if err := add("accounts.json", accs, 0); err != nil {
		return m, fmt.Errorf("privacy: unable to write accounts.json: %w", err)
	}
	classIDs, err := s.store.SchoolClasses(ctx)
	if err != nil {
		return m, err
	}
	for i, id := range classIDs {
		if err := ctx.Err(); err != nil {
			return m, err
		}
		f, err := s.ClassFile(ctx, id)
		if err != nil {
			return m, err
		}
		if err := add(fmt.Sprintf("classes/%d.json", id), f, len(f.Students)); err != nil {
			return m, fmt.Errorf("privacy: unable to write class %d: %w", id, err)
		}
		m.Classes++
		m.Students += len(f.Students)
		if progress != nil {
			progress(i+1, len(classIDs))
		}
	}
	files := m.Files
	if err := add("manifest.json", m, 0); err != nil {
		return m, fmt.Errorf("privacy: unable to write the manifest: %w", err)
	}
	m.Files = files
	if err := tw.Close(); err != nil {
		return m, err
	}
	return m, gz.Close()
}
