// Package classes is a teacher's classes: name, grade, icon, colour, seat
// limit, the join code, archive and delete. A teacher sees only their own
// classes (another teacher's class is "not found"); admins see all. It
// knows nothing of HTTP or SQL: it calls the Store it declares.
package classes

import (
	"context"
	"errors"
	"strings"
	"time"

	"animalgenius/app/fields"
	"animalgenius/app/jsontime"
)

// Class is one class as teachers see it.
type Class struct {
	ID          int64  `json:"id"`
	TeacherID   int64  `json:"teacherId"`
	TeacherName string `json:"teacherName"`
	Name        string `json:"name"`
	// Grade is 1-12, or 0 when not set (a mixed group, a club).
	Grade  int    `json:"grade"`
	Icon   string `json:"icon"`   // an animal code, drawn with its art
	Colour string `json:"colour"` // one of Palette
	// SeatLimit is the most students that may join; 0 means no limit
	// other than MaxStudents.
	SeatLimit    int           `json:"seatLimit"`
	Code         string        `json:"code"`
	AllowRetakes bool          `json:"allowRetakes"`
	Archived     bool          `json:"archived"`
	ArchivedAt   jsontime.Time `json:"archivedAt,omitzero"`
	CreatedAt    jsontime.Time `json:"createdAt"`
	UpdatedAt    jsontime.Time `json:"updatedAt"`
	// Students is how many students the class has.
	Students int `json:"students"`
}

// Full reports whether no more students may join.
func (c Class) Full() bool {
	if c.SeatLimit > 0 && c.Students >= c.SeatLimit {
		return true
	}
	return c.Students >= MaxStudents
}

// Viewer is who asks: an account, and whether it is an admin.
type Viewer struct {
	AccountID int64
	Admin     bool
}

// owner is the teacher filter for the store: 0 lets an admin reach any class.
func (v Viewer) owner() int64 {
	if v.Admin {
		return 0
	}
	return v.AccountID
}

// Input is a new class, or the full settings of one.
type Input struct {
	Name      string `json:"name"`
	Grade     int    `json:"grade"`
	Icon      string `json:"icon"`
	Colour    string `json:"colour"`
	SeatLimit int    `json:"seatLimit"`
}

// Patch changes some settings; nil fields stay as they are.
type Patch struct {
	Name         *string `json:"name"`
	Grade        *int    `json:"grade"`
	Icon         *string `json:"icon"`
	Colour       *string `json:"colour"`
	SeatLimit    *int    `json:"seatLimit"`
	AllowRetakes *bool   `json:"allowRetakes"`
}

// NewClass is what CreateClass stores.
type NewClass struct {
	TeacherID int64
	Input
	Code string
	Now  time.Time
}

// Store is what the classes area needs from the database. owner is the
// teacher a class must belong to, or 0 for any (admins); a class that does
// not match is ErrNotFound.
type Store interface {
	// CreateClass returns ErrCodeTaken when the code is in use.
	CreateClass(ctx context.Context, n NewClass) (Class, error)
	ClassByID(ctx context.Context, id, owner int64) (Class, error)
	// ClassTeacher is the id of the class's teacher (ErrNotFound if no
	// such class).
	ClassTeacher(ctx context.Context, id int64) (int64, error)
	// ListClasses lists a teacher's classes (every class for teacherID 0),
	// newest first.
	ListClasses(ctx context.Context, teacherID int64) ([]Class, error)
	// UpdateClass refuses (ErrArchived) to change an archived class, and
	// (ErrTooSmall) a seat limit below the students already in the class.
	UpdateClass(ctx context.Context, id, owner int64, p Patch, now time.Time) (Class, error)
	SetArchived(ctx context.Context, id, owner int64, archived bool, now time.Time) (Class, error)
	// SetClassCode returns ErrCodeTaken when the code is in use.
	SetClassCode(ctx context.Context, id, owner int64, code string, now time.Time) (Class, error)
	// DeleteClass deletes the class with every student's data and returns
	// the ids of the students it had.
	DeleteClass(ctx context.Context, id, owner int64) ([]int64, error)
	// PurgeArchivedStudents deletes every student's data of the classes
	// archived before cutoff and returns the classes and students touched.
	PurgeArchivedStudents(ctx context.Context, cutoff time.Time) (byClass map[int64][]int64, err error)
}

// Errors the web layer turns into answers.
var (
	ErrNotFound  = errors.New("classes: not found")
	ErrCodeTaken = errors.New("classes: class code in use")
	ErrArchived  = errors.New("classes: class is archived")
	ErrConfirm   = errors.New("classes: confirmation does not match the class name")
	ErrTooSmall  = errors.New("classes: seat limit below the number of students")
)

// FieldErrors maps a form field to what is wrong with it, in words for people.
type FieldErrors = fields.Errors

// Service is the classes use cases.
type Service struct {
	store  Store
	now    func() time.Time
	owners owners
	lists  listings
	// OnChanged, when set, runs after every committed change to a class
	// (settings, archive, code, deletion), e.g. to drop cached insight.
	OnChanged func(classID int64)
}

// changed runs after a change to class id of teacher was tried: when it
// committed, the teacher's class lists go and OnChanged runs.
func (s *Service) changed(id, teacher int64, err error) {
	if err != nil {
		return
	}
	s.lists.dropTeacher(teacher)
	if s.OnChanged != nil {
		s.OnChanged(id)
	}
}

// New makes the service over a store.
func New(store Store) *Service {
	return &Service{store: store, now: time.Now}
}

// codeTries bounds the retries when a fresh code is already taken (with
// 887 million codes that practically never happens twice).
const codeTries = 8

// Create validates in and makes a class with a fresh code for the viewer.
func (s *Service) Create(ctx context.Context, v Viewer, in Input) (Class, error) {
	in, err := CheckInput(in)
	if err != nil {
		return Class{}, err
	}
	for range codeTries {
		c, err := s.store.CreateClass(ctx, NewClass{TeacherID: v.AccountID, Input: in, Code: NewCode(), Now: s.now()})
		if errors.Is(err, ErrCodeTaken) {
			continue
		}
		if err == nil {
			s.lists.dropTeacher(c.TeacherID)
		}
		return c, err
	}
	return Class{}, errors.New("classes: no free class code found")
}

// List is the viewer's classes; with all, an admin gets every class.
func (s *Service) List(ctx context.Context, v Viewer, all bool) ([]Class, error) {
	if all && v.Admin {
		return s.store.ListClasses(ctx, 0)
	}
	return s.store.ListClasses(ctx, v.AccountID)
}

// Get is one class the viewer may see (ErrNotFound otherwise).
func (s *Service) Get(ctx context.Context, v Viewer, id int64) (Class, error) {
	if id <= 0 {
		return Class{}, ErrNotFound
	}
	return s.store.ClassByID(ctx, id, v.owner())
}

// Visible answers ErrNotFound unless the viewer may see the class (its
// own, or any for an admin), as Get would, but reads only the class's
// teacher: the insight pages check this on every request, and reading
// the whole class (teacher's name, student count) cost more than the
// cached page behind the check. The teacher is remembered (see owners).
func (s *Service) Visible(ctx context.Context, v Viewer, id int64) error {
	if id <= 0 {
		return ErrNotFound
	}
	teacher, err := s.classTeacher(ctx, id)
	if err != nil {
		return err
	}
	if owner := v.owner(); owner != 0 && teacher != owner {
		return ErrNotFound
	}
	return nil
}

// Update changes the settings named in p.
func (s *Service) Update(ctx context.Context, v Viewer, id int64, p Patch) (Class, error) {
	if id <= 0 {
		return Class{}, ErrNotFound
	}
	p, err := CheckPatch(p)
	if err != nil {
		return Class{}, err
	}
	c, err := s.store.UpdateClass(ctx, id, v.owner(), p, s.now())
	s.changed(id, c.TeacherID, err)
	return c, err
}

// SetArchived archives (read-only; students can still log in) or brings
// a class back.
func (s *Service) SetArchived(ctx context.Context, v Viewer, id int64, archived bool) (Class, error) {
	if id <= 0 {
		return Class{}, ErrNotFound
	}
	c, err := s.store.SetArchived(ctx, id, v.owner(), archived, s.now())
	s.changed(id, c.TeacherID, err)
	return c, err
}

// RotateCode gives the class a fresh join code; the old one stops working.
func (s *Service) RotateCode(ctx context.Context, v Viewer, id int64) (Class, error) {
	if id <= 0 {
		return Class{}, ErrNotFound
	}
	for range codeTries {
		c, err := s.store.SetClassCode(ctx, id, v.owner(), NewCode(), s.now())
		if errors.Is(err, ErrCodeTaken) {
			continue
		}
		s.changed(id, c.TeacherID, err)
		return c, err
	}
	return Class{}, errors.New("classes: no free class code found")
}

// Delete removes a class and all its students' data once confirm is the
// class's name (spaces around and letter case are forgiven). It returns
// the ids of the students that were removed, whose sessions must end.
func (s *Service) Delete(ctx context.Context, v Viewer, id int64, confirm string) ([]int64, error) {
	c, err := s.Get(ctx, v, id)
	if err != nil {
		return nil, err
	}
	if !strings.EqualFold(strings.Join(strings.Fields(confirm), " "), strings.Join(strings.Fields(c.Name), " ")) {
		return nil, ErrConfirm
	}
	ids, err := s.store.DeleteClass(ctx, id, v.owner())
	if err == nil {
		s.owners.forget(id)
	}
	s.changed(id, c.TeacherID, err)
	return ids, err
}

// PurgeArchived deletes the students, with all their data, of classes
// archived for longer than olderThan (retention.archived_class_days); the
// classes stay, empty. It returns the deleted students' ids so their
// sessions can be ended.
func (s *Service) PurgeArchived(ctx context.Context, olderThan time.Duration) (map[int64][]int64, error) {
	byClass, err := s.store.PurgeArchivedStudents(ctx, s.now().Add(-olderThan))
	if err != nil {
		return nil, err
	}
	if len(byClass) > 0 {
		s.lists.dropAll()
	}
	for id := range byClass {
		if s.OnChanged != nil {
			s.OnChanged(id)
		}
	}
	return byClass, nil
}
