package economy

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"path"
	"strings"
	"sync/atomic"
	"time"

	"animalgenius/app/jsonbody"
	"animalgenius/app/pets"
)

// Dashboard is a student's economy at a glance: coins, store state,
// avatar, pet and the latest coin movements.
type Dashboard struct {
	Student   StudentRef    `json:"student"`
	Coins     int           `json:"coins"`
	StoreOpen bool          `json:"storeOpen"`
	Avatar    Avatar        `json:"avatar"`
	Pet       *PetView      `json:"pet"`
	Recent    []LedgerEntry `json:"recent"`
}

// dashboardData is the stored part of a dashboard, cached per student.
type dashboardData struct {
	student StudentRef
	avatar  Avatar
	pet     *Pet
	recent  []LedgerEntry
	// encoded is the last answer DashboardJSON made from this data.
	encoded atomic.Pointer[encodedDashboard]
}

// encodedDashboard is a dashboard's JSON with what it was made from that
// changes without the stored part changing: the class's store and the
// pet's state at the time (which moves with the clock).
type encodedDashboard struct {
	open bool
	pet  *PetView
	body *jsonbody.Body
}

// Dashboard returns the student's dashboard. The stored parts are cached
// per student (see versionedCache); the pet's decay is computed on every
// read, so it is always current.
func (s *Service) Dashboard(ctx context.Context, studentID int64) (Dashboard, error) {
	d, open, err := s.dashboardParts(ctx, studentID)
	if err != nil {
		return Dashboard{}, err
	}
	return d.at(open, s.opts.Now()), nil
}

// DashboardJSON is Dashboard as JSON. The bytes are made again only when
// what they show changed: the stored part (a new cache entry), the store's
// state, or the pet's numbers, mood or cooldowns, which move at most once
// a second; a pupil's page polling its dashboard is served the same bytes.
func (s *Service) DashboardJSON(ctx context.Context, studentID int64) (*jsonbody.Body, error) {
	d, open, err := s.dashboardParts(ctx, studentID)
	if err != nil {
		return nil, err
	}
	out := d.at(open, s.opts.Now())
	if e := d.encoded.Load(); e != nil && e.open == open && samePetView(e.pet, out.Pet) {
		return e.body, nil
	}
	body, err := json.Marshal(out)
	if err != nil {
		return nil, fmt.Errorf("economy: unable to encode a dashboard: %w", err)
	}
	e := &encodedDashboard{open: open, pet: out.Pet, body: jsonbody.New(body)}
	d.encoded.Store(e)
	return e.body, nil
}

func (s *Service) dashboardParts(ctx context.Context, studentID int64) (*dashboardData, bool, error) {
	v, seen, ok := s.dashboards.get(studentID)
	var d *dashboardData
	if ok {
		d = v.(*dashboardData)
	} else {
		d = &dashboardData{}
		var err error
		if d.student, err = s.store.Student(ctx, studentID); err != nil {
			return nil, false, err
		}
		if d.avatar, err = s.store.Avatar(ctx, studentID); err != nil {
			return nil, false, err
		}
		if d.pet, err = s.store.Pet(ctx, studentID); err != nil {
			return nil, false, err
		}
		if d.recent, err = s.store.Ledger(ctx, studentID, 0, 5); err != nil {
			return nil, false, err
		}
		s.dashboards.put(studentID, seen, d, s.opts.DashboardTTL)
	}
	open, err := s.StoreOpen(ctx, d.student.ClassID)
	if err != nil {
		return nil, false, err
	}
	return d, open, nil
}

// at is the dashboard at now.
func (d *dashboardData) at(open bool, now time.Time) Dashboard {
	out := Dashboard{Student: d.student, Coins: d.student.Coins, StoreOpen: open, Avatar: d.avatar, Recent: d.recent}
	if d.pet != nil {
		v := d.pet.View(now)
		out.Pet = &v
	}
	return out
}

// samePetView tells whether two views of the same pet show the same.
func samePetView(a, b *PetView) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Hunger == b.Hunger && a.Happiness == b.Happiness && a.Mood == b.Mood && a.Art == b.Art &&
		maps.Equal(a.Cooldowns, b.Cooldowns)
}

// AvatarSVG renders a student's avatar as one SVG (cached per student).
func (s *Service) AvatarSVG(ctx context.Context, studentID int64) ([]byte, error) {
	if v, _, ok := s.avatars.get(studentID); ok {
		return v.([]byte), nil
	}
	_, seen, _ := s.avatars.get(studentID)
	st, err := s.store.Student(ctx, studentID)
	if err != nil {
		return nil, err
	}
	a, err := s.store.Avatar(ctx, studentID)
	if err != nil {
		return nil, err
	}
	out, err := s.render(ctx, st, a)
	if err != nil {
		return nil, err
	}
	s.avatars.put(studentID, seen, out, 30*time.Minute)
	return out, nil
}

// PreviewAvatarSVG renders choices the student has not saved yet (the
// editor's live preview). Colours and items are checked as SaveAvatar does.
func (s *Service) PreviewAvatarSVG(ctx context.Context, studentID int64, a Avatar) ([]byte, error) {
	var ok1, ok2 bool
	a.Primary, ok1 = CanonicalColour(a.Primary)
	a.Secondary, ok2 = CanonicalColour(a.Secondary)
	if !ok1 || !ok2 {
		return nil, &ValidationError{"Pick the colours from the palette."}
	}
	st, err := s.store.Student(ctx, studentID)
	if err != nil {
		return nil, err
	}
	inv, err := s.store.Inventory(ctx, studentID)
	if err != nil {
		return nil, err
	}
	for slot, id := range a.Equipped {
		owned := false
		for _, o := range inv {
			if o.ID == id {
				owned = true
				if o.Slot != slot {
					return nil, ErrWrongSlot
				}
			}
		}
		if !owned {
			return nil, ErrNotOwned
		}
	}
	return s.render(ctx, st, a)
}

func (s *Service) render(ctx context.Context, st StudentRef, a Avatar) ([]byte, error) {
	var err error
	parts := AvatarParts{Label: st.DisplayName(), Primary: a.Primary, Secondary: a.Secondary, Items: map[Slot]Art{}}
	if st.Animal != "" {
		parts.Label = fmt.Sprintf("%s the %s", st.DisplayName(), strings.ReplaceAll(st.Animal, "_", " "))
	}
	code := st.Animal
	if code == "" {
		code = "meerkat" // a student without a result yet still gets a picture
	}
	if parts.Animal, err = s.art.Animal(code); err != nil {
		return nil, err
	}
	if len(a.Equipped) > 0 {
		items, err := s.allItems(ctx)
		if err != nil {
			return nil, err
		}
		for slot, id := range a.Equipped {
			it, ok := items[id]
			if !ok {
				continue
			}
			art, err := s.art.Art(it.Thumb) // 256 px is plenty for a 200 px avatar
			if err != nil {
				s.opts.Logger.Warn("economy: item art missing", "item", it.ID, "image", path.Base(it.Image))
				continue
			}
			parts.Items[slot] = art
		}
	}
	return RenderAvatar(parts)
}

// PetMoods counts pets by their mood now (for metrics).
func (s *Service) PetMoods(ctx context.Context) (map[pets.Mood]int, error) {
	snaps, err := s.store.PetSnapshots(ctx)
	if err != nil {
		return nil, err
	}
	now := s.opts.Now()
	out := map[pets.Mood]int{pets.Happy: 0, pets.Neutral: 0, pets.Sad: 0}
	for _, p := range snaps {
		h := pets.Decay(p.Hunger, p.HungerRate, p.LastAt, now)
		j := pets.Decay(p.Happiness, p.HappinessRate, p.LastAt, now)
		out[pets.MoodOf(h, j)]++
	}
	return out, nil
}

const allItemsKey = "items:all"

// allItems is every item, on sale or not (a worn item may be off sale),
// by id; cached until the catalog changes.
func (s *Service) allItems(ctx context.Context) (map[int64]Item, error) {
	if v, ok := s.cache.Get(allItemsKey); ok {
		return v.(map[int64]Item), nil
	}
	cat, err := s.store.Catalog(ctx, true)
	if err != nil {
		return nil, err
	}
	m := make(map[int64]Item, len(cat.Items))
	for _, it := range cat.Items {
		m[it.ID] = it
	}
	s.cache.Set(allItemsKey, m, 10*time.Minute)
	return m, nil
}
