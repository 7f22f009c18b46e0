package economy

import (
	"context"
	"strconv"
)

// classesChanged tells Options.ClassChanged that coins of students of
// these classes moved (after the commit), so pages that show a class's
// coins (the teacher's roster and live board) refresh.
func (s *Service) classesChanged(classIDs ...int64) {
	if s.opts.ClassChanged == nil {
		return
	}
	seen := make(map[int64]bool, len(classIDs))
	for _, id := range classIDs {
		if id > 0 && !seen[id] {
			seen[id] = true
			s.opts.ClassChanged(id)
		}
	}
}

// studentsChanged is classesChanged for students named by id: a student
// never changes class, so its class is looked up once and remembered.
func (s *Service) studentsChanged(ctx context.Context, studentIDs ...int64) {
	if s.opts.ClassChanged == nil {
		return
	}
	classes := make([]int64, 0, 1)
	for _, id := range studentIDs {
		key := "classof:" + strconv.FormatInt(id, 10)
		if v, ok := s.cache.Get(key); ok {
			classes = append(classes, v.(int64))
			continue
		}
		st, err := s.store.Student(context.WithoutCancel(ctx), id)
		if err != nil {
			continue // deleted meanwhile: nothing to refresh
		}
		s.cache.SetDefault(key, st.ClassID)
		classes = append(classes, st.ClassID)
	}
	s.classesChanged(classes...)
}

// Credited tells the economy that another part of the appliance credited
// amount coins each to these students of one class in its own transaction
// (a completed lesson): their cached dashboards go, the class's pages
// refresh and the coins are counted in the metrics.
func (s *Service) Credited(classID int64, studentIDs []int64, ledgerType string, amount int) {
	for _, id := range studentIDs {
		s.dashboards.invalidate(id)
	}
	if len(studentIDs) == 0 {
		return
	}
	s.classesChanged(classID)
	if s.opts.Observer != nil {
		s.opts.Observer.CoinsMoved(ledgerType, amount*len(studentIDs))
	}
}
