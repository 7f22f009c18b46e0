package economy

import (
	"context"
	"fmt"
	"strings"
)

// CanonicalColour returns the palette's spelling of c ("" stays "").
func CanonicalColour(c string) (string, bool) {
	if c == "" {
		return "", true
	}
	for _, p := range Palette {
		if strings.EqualFold(p, c) {
			return p, true
		}
	}
	return "", false
}

// SaveAvatar stores colours and worn items (each owned, in its slot).
func (s *Service) SaveAvatar(ctx context.Context, studentID int64, a Avatar) error {
	var ok1, ok2 bool
	a.Primary, ok1 = CanonicalColour(a.Primary)
	a.Secondary, ok2 = CanonicalColour(a.Secondary)
	if !ok1 || !ok2 {
		return &ValidationError{"Pick the colours from the palette."}
	}
	for slot := range a.Equipped {
		if !ValidSlot(slot) {
			return &ValidationError{fmt.Sprintf("There is no %q slot. Use hat, glasses, neck or background.", slot)}
		}
	}
	if a.Equipped == nil {
		a.Equipped = map[Slot]int64{}
	}
	err := s.store.SaveAvatar(ctx, studentID, a, s.opts.Now())
	s.avatars.invalidate(studentID)
	s.dashboards.invalidate(studentID)
	return err
}

// Avatar returns a student's colours and worn items.
func (s *Service) Avatar(ctx context.Context, studentID int64) (Avatar, error) {
	return s.store.Avatar(ctx, studentID)
}
