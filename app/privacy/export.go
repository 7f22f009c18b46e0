// Package privacy is what the appliance does for the people whose data it
// holds: the export of everything held about one student (for the
// student's family, through the teacher) and of the whole school (for
// the school), and the retention rules that delete data after a time.
package privacy

import (
	"context"
	"errors"
	"time"
)

// ExportFormat names the JSON of a student export.
const ExportFormat = "animalgenius-student-export"

// ErrNotFound: no such student in that class.
var ErrNotFound = errors.New("privacy: no such student")

// Section is the rows of one table about the student, every column by
// its name (secrets such as token hashes are left out, and said so).
type Section struct {
	Table string           `json:"table"`
	Title string           `json:"title"`
	About string           `json:"about"`
	Rows  []map[string]any `json:"rows"`
}

// StudentExport is everything the box holds about one student.
type StudentExport struct {
	Format     string    `json:"format"`
	Version    int       `json:"version"`
	ExportedAt time.Time `json:"exportedAt"`
	StudentID  int64     `json:"studentId"`
	ClassID    int64     `json:"classId"`
	Name       string    `json:"name"`
	Sections   []Section `json:"sections"`
	// Left out names what is held but not exported, and why.
	LeftOut []string `json:"leftOut"`
}

// Section returns the section of a table (nil when absent).
func (e *StudentExport) Section(table string) *Section {
	for i := range e.Sections {
		if e.Sections[i].Table == table {
			return &e.Sections[i]
		}
	}
	return nil
}

// Store is what exports need from the database.
type Store interface {
	// StudentExport reads every row about the student (ErrNotFound).
	StudentExport(ctx context.Context, studentID int64) (StudentExport, error)
	// SchoolClasses lists every class id, oldest first.
	SchoolClasses(ctx context.Context) ([]int64, error)
	// ClassExport reads a class's own row and its students' ids.
	ClassExport(ctx context.Context, classID int64) (map[string]any, []int64, error)
	// SchoolAccounts lists the adults' accounts (no password hashes).
	SchoolAccounts(ctx context.Context) ([]map[string]any, error)
}

// Service makes exports.
type Service struct {
	store Store
	now   func() time.Time
}

// New makes the service; now is the clock (nil: time.Now).
func New(store Store, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, now: now}
}

// StudentExport is everything held about a student of the class.
func (s *Service) StudentExport(ctx context.Context, classID, studentID int64) (StudentExport, error) {
	e, err := s.store.StudentExport(ctx, studentID)
	if err != nil {
		return e, err
	}
	if e.ClassID != classID {
		return StudentExport{}, ErrNotFound
	}
	e.Format, e.Version, e.ExportedAt = ExportFormat, 1, s.now().UTC()
	return e, nil
}
