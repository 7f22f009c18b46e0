package achievements

import (
	"context"
	"errors"
)

// ErrNotFound is a student that does not exist (or not in this class).
var ErrNotFound = errors.New("achievements: not found")

// Store reads what students earned; earning happens in the stores of the
// events themselves.
type Store interface {
	// StudentAchievements is what a student earned, the measures behind
	// progress, and the student's class.
	StudentAchievements(ctx context.Context, studentID int64) (classID int64, held []Earning, f Facts, err error)
	MarkAchievementsSeen(ctx context.Context, studentID int64, codes []string) (int, error)
	ClassAchievementCounts(ctx context.Context, classID int64) (map[int64]int, error)
}

// Service is the achievements' use cases.
type Service struct{ store Store }

// NewService builds the service.
func NewService(store Store) *Service { return &Service{store: store} }

// ForStudent lists every achievement with the student's status.
func (s *Service) ForStudent(ctx context.Context, studentID int64) ([]Status, error) {
	_, held, facts, err := s.store.StudentAchievements(ctx, studentID)
	if err != nil {
		return nil, err
	}
	return Statuses(held, facts), nil
}

// ForClassStudent is ForStudent for a teacher: a student of another class
// is ErrNotFound.
func (s *Service) ForClassStudent(ctx context.Context, classID, studentID int64) ([]Status, error) {
	cl, held, facts, err := s.store.StudentAchievements(ctx, studentID)
	if err != nil {
		return nil, err
	}
	if cl != classID {
		return nil, ErrNotFound
	}
	return Statuses(held, facts), nil
}

// ErrUnknownCode is a code that names no achievement.
var ErrUnknownCode = errors.New("achievements: unknown code")

// MarkSeen records that the student's home celebrated these achievements
// (only ones the student holds change; this never earns anything).
func (s *Service) MarkSeen(ctx context.Context, studentID int64, codes []string) (int, error) {
	for _, c := range codes {
		if _, ok := ByCode(c); !ok {
			return 0, ErrUnknownCode
		}
	}
	if len(codes) == 0 {
		return 0, nil
	}
	return s.store.MarkAchievementsSeen(ctx, studentID, codes)
}

// ClassCounts is how many achievements each student of a class holds.
func (s *Service) ClassCounts(ctx context.Context, classID int64) (map[int64]int, error) {
	return s.store.ClassAchievementCounts(ctx, classID)
}
