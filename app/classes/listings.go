package classes

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	"animalgenius/app/jsonbody"
)

// maxListings bounds the remembered class lists (one per teacher who
// looked, and one of every class for admins); past it they start over.
const maxListings = 5_000

// maxAnswers bounds the answers kept with one listing: one per join-link
// base a teacher's browsers use (the LAN address, the mDNS name, ...).
const maxAnswers = 4

// Listing is a viewer's classes as List reads them, remembered until a
// change drops it: the teacher's home page asks for it on every visit,
// and it counts the students of each class. Nothing may change Classes.
// The answers made from it (Keep) go with it.
type Listing struct {
	Classes []Class
	answers atomic.Pointer[[]answer]
}

// answer is a prepared answer made from a listing, valid before until
// (zero: for as long as the listing is).
type answer struct {
	key   string
	body  *jsonbody.Body
	until time.Time
}

// Kept is the answer kept under key, if it is still valid at now.
func (l *Listing) Kept(key string, now time.Time) (*jsonbody.Body, bool) {
	if p := l.answers.Load(); p != nil {
		for _, a := range *p {
			if a.key == key && (a.until.IsZero() || now.Before(a.until)) {
				return a.body, true
			}
		}
	}
	return nil, false
}

// Keep keeps body under key until until (zero: as long as the listing).
// Kept hands out the same body (and its gzip form, made once).
func (l *Listing) Keep(key string, body *jsonbody.Body, until time.Time) {
	for {
		old := l.answers.Load()
		next := []answer{{key: key, body: body, until: until}}
		if old != nil {
			for _, a := range *old {
				if a.key != key && len(next) < maxAnswers {
					next = append(next, a)
				}
			}
		}
		if l.answers.CompareAndSwap(old, &next) {
			return
		}
	}
}

// listings remembers each scope's Listing: a teacher's id, or 0 for every
// class (an admin's ?all=1). A change drops the listing of the class's
// teacher and that of every class. The generations stop a read that
// raced with a change from storing what it read before the change.
type listings struct {
	mu    sync.Mutex
	m     map[int64]*Listing
	gens  map[int64]uint64
	epoch uint64
}

func (ls *listings) get(scope int64) (l *Listing, gen, epoch uint64) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	return ls.m[scope], ls.gens[scope], ls.epoch
}

func (ls *listings) put(scope int64, l *Listing, gen, epoch uint64) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.epoch != epoch || ls.gens[scope] != gen {
		return
	}
	if ls.m == nil || len(ls.m) >= maxListings {
		ls.m = make(map[int64]*Listing)
	}
	ls.m[scope] = l
}

// dropTeacher forgets the listing of a teacher's classes and that of every
// class.
func (ls *listings) dropTeacher(teacher int64) {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	if ls.gens == nil || len(ls.gens) >= maxListings {
		ls.gens = make(map[int64]uint64)
		ls.epoch++ // the generations start over: no read in flight may store
	}
	for _, scope := range [2]int64{teacher, 0} {
		ls.gens[scope]++
		delete(ls.m, scope)
	}
}

// dropAll forgets every listing.
func (ls *listings) dropAll() {
	ls.mu.Lock()
	defer ls.mu.Unlock()
	ls.epoch++
	ls.m = nil
}

// Listing is List, remembered: the viewer's classes, every class for an
// admin asking with all. A teacher's listing holds only that teacher's
// classes; every change to what it shows drops it: the changes this
// service makes, and those it is told of (StudentsChanged, TeacherChanged,
// OwnersChanged).
func (s *Service) Listing(ctx context.Context, v Viewer, all bool) (*Listing, error) {
	scope := v.AccountID
	if all && v.Admin {
		scope = 0
	}
	l, gen, epoch := s.lists.get(scope)
	if l != nil {
		return l, nil
	}
	list, err := s.store.ListClasses(ctx, scope)
	if err != nil {
		return nil, err
	}
	l = &Listing{Classes: list}
	s.lists.put(scope, l, gen, epoch)
	return l, nil
}

// StudentsChanged is called after a class's students changed (one
// joined, one was removed): the class lists show how many it has. When
// the class's teacher cannot be found, every listing goes.
func (s *Service) StudentsChanged(classID int64) {
	teacher, err := s.classTeacher(context.Background(), classID)
	if err != nil {
		s.lists.dropAll()
		return
	}
	s.lists.dropTeacher(teacher)
}

// TeacherChanged is called after a teacher's account changed what the
// class lists show of it (its display name).
func (s *Service) TeacherChanged(accountID int64) { s.lists.dropTeacher(accountID) }
