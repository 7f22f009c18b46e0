package classes

import (
	"context"
	"sync"
)

// maxOwners bounds the owner cache (a box holds a few thousand classes;
// past the bound the cache starts over rather than grow).
const maxOwners = 20_000

// owners remembers each class's teacher for Visible, which every teacher
// page checks on every request. A class's teacher changes only when its
// account is deleted (the classes go to an heir or are deleted) and a
// class goes only by Delete: both drop entries after their commit. The
// generation stops a lookup that raced with such a change from storing
// what it read before the change.
type owners struct {
	mu  sync.RWMutex
	m   map[int64]int64
	gen uint64
}

func (o *owners) get(id int64) (teacher int64, ok bool, gen uint64) {
	o.mu.RLock()
	defer o.mu.RUnlock()
	teacher, ok = o.m[id]
	return teacher, ok, o.gen
}

func (o *owners) put(id, teacher int64, gen uint64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.gen != gen {
		return
	}
	if o.m == nil || len(o.m) >= maxOwners {
		o.m = make(map[int64]int64)
	}
	o.m[id] = teacher
}

// forget drops one class, or every class for id 0.
func (o *owners) forget(id int64) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.gen++
	if id == 0 {
		o.m = nil
		return
	}
	delete(o.m, id)
}

// classTeacher is the class's teacher, from the cache or the store.
func (s *Service) classTeacher(ctx context.Context, id int64) (int64, error) {
	teacher, ok, gen := s.owners.get(id)
	if ok {
		return teacher, nil
	}
	teacher, err := s.store.ClassTeacher(ctx, id)
	if err != nil {
		return 0, err
	}
	s.owners.put(id, teacher, gen)
	return teacher, nil
}

// OwnersChanged is called after an account's deletion committed: its
// classes went to another teacher or were deleted, so no remembered
// teacher, and no class list, can be trusted.
func (s *Service) OwnersChanged() {
	s.owners.forget(0)
	s.lists.dropAll()
}
