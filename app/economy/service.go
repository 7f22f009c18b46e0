package economy

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	gocache "github.com/patrickmn/go-cache"
)

// tidy trims text a person typed, turns every run of white space into one
// space and drops control and invisible formatting characters.
func tidy(raw string) string {
	clean := strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return ' '
		}
		if unicode.IsControl(r) || unicode.Is(unicode.Cf, r) {
			return -1
		}
		return r
	}, raw)
	return strings.Join(strings.Fields(clean), " ")
}

// Observer hears about coin movements after they commit (for metrics).
type Observer interface {
	CoinsMoved(ledgerType string, amount int)
	Purchased(slot string)
}

// ArtSource loads the pictures avatars are made of: "/art/..." files of
// the binary, "/uploads/..." processed uploads, and animal art by code.
type ArtSource interface {
	Art(path string) (Art, error)
	Animal(code string) ([]byte, error)
}

// Options tune the service; zero values get defaults.
type Options struct {
	Now      func() time.Time
	Observer Observer
	Logger   *slog.Logger
	// DashboardTTL bounds how long a cached dashboard may miss changes made
	// by others (a teacher's gift); the student's own actions show at once.
	DashboardTTL time.Duration
	// ClassChanged, when set, runs after every committed movement of coins
	// with the class of the students concerned (the teacher's roster and
	// live board show coins).
	ClassChanged func(classID int64)
}

// Service is the economy's use cases, with caching.
type Service struct {
	store Store
	art   ArtSource
	opts  Options
	cache *gocache.Cache

	dashboards *versionedCache // per student
	avatars    *versionedCache // per student
	stores     *versionedCache // per class: open or closed

	purgeMu   sync.Mutex
	lastPurge time.Time
}

// NewService builds the service.
func NewService(store Store, art ArtSource, opts Options) *Service {
	if opts.Now == nil {
		// Times are stored in milliseconds; reading the clock at the same
		// precision keeps a value just written equal to the value read back.
		opts.Now = func() time.Time { return time.Now().Truncate(time.Millisecond) }
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	if opts.DashboardTTL <= 0 {
		opts.DashboardTTL = 30 * time.Second
	}
	c := gocache.New(5*time.Minute, 10*time.Minute)
	return &Service{store: store, art: art, opts: opts, cache: c,
		dashboards: newVersionedCache(c, "dash:"), avatars: newVersionedCache(c, "avatar:"), stores: newVersionedCache(c, "store:")}
}

// Seed puts the shipped catalog into the database (new entries only).
func (s *Service) Seed(ctx context.Context) error {
	c, err := Starter()
	if err != nil {
		return err
	}
	return s.store.SeedCatalog(ctx, c, s.opts.Now())
}

const catalogKey = "catalog"

// Catalog is what the store sells now (cached).
func (s *Service) Catalog(ctx context.Context) (Catalog, error) {
	if v, ok := s.cache.Get(catalogKey); ok {
		return v.(Catalog), nil
	}
	c, err := s.store.Catalog(ctx, false)
	if err != nil {
		return c, err
	}
	s.cache.Set(catalogKey, c, 10*time.Minute)
	return c, nil
}

// AdminCatalog lists every item and species, for sale or not.
func (s *Service) AdminCatalog(ctx context.Context) (Catalog, error) {
	return s.store.Catalog(ctx, true)
}

func (s *Service) catalogChanged() {
	s.cache.Delete(catalogKey)
	s.cache.Delete(allItemsKey)
	s.avatars.invalidateAll()
	s.dashboards.invalidateAll()
}

// Idempotency keys are what the browser makes: 16-128 letters, digits, - and _.
var keyPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{16,128}$`)

// ErrBadKey is a missing or malformed Idempotency-Key.
var ErrBadKey = errors.New("economy: a valid idempotency key is required")

func request(actor Actor, key string, parts ...any) (Request, error) {
	if !keyPattern.MatchString(key) {
		return Request{}, ErrBadKey
	}
	return Request{Actor: actor, Key: key, RequestHash: sha256.Sum256([]byte(fmt.Sprint(parts...)))}, nil
}

// ValidationError is bad input, in words for people.
type ValidationError struct{ Message string }

func (e *ValidationError) Error() string { return "economy: " + e.Message }

// CleanReason tidies a teacher's reason for a gift or take.
func CleanReason(raw string) (string, error) {
	if !utf8.ValidString(raw) {
		return "", &ValidationError{"The reason has characters we can't read. Type it again."}
	}
	r := tidy(raw)
	if utf8.RuneCountInString(r) > MaxReasonLen {
		return "", &ValidationError{fmt.Sprintf("The reason is too long. Use %d characters or fewer.", MaxReasonLen)}
	}
	return r, nil
}

// GiveInput is a teacher's give or take as the web layer decodes it.
type GiveInput struct {
	ClassID    int64
	StudentIDs []int64
	All        bool
	Amount     int
	Take       bool
	Reason     string
	Key        string
}

// Give gives or takes coins for students of one class, all or nothing.
func (s *Service) Give(ctx context.Context, actor Actor, in GiveInput) (GrantResult, error) {
	if in.Amount < MinGrant || in.Amount > MaxGrant {
		return GrantResult{}, &ValidationError{fmt.Sprintf("Choose an amount from %d to %d coins.", MinGrant, MaxGrant)}
	}
	reason, err := CleanReason(in.Reason)
	if err != nil {
		return GrantResult{}, err
	}
	ids := slices.Clone(in.StudentIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	if !in.All && len(ids) == 0 {
		return GrantResult{}, ErrNoStudents
	}
	if in.All {
		ids = nil
	}
	typ := TypeTeacherGift
	if in.Take {
		typ = TypeTeacherTake
	}
	req, err := request(actor, in.Key, "grant", in.ClassID, ids, in.All, in.Amount, in.Take, reason)
	if err != nil {
		return GrantResult{}, err
	}
	return s.grant(ctx, GrantRequest{Request: req, ClassID: in.ClassID, StudentIDs: ids, All: in.All, Amount: in.Amount, Take: in.Take, Reason: reason, Type: typ})
}

// Reward credits coins from another part of the appliance (a game podium,
// a refund). key makes it happen once, e.g. "game:12:podium".
func (s *Service) Reward(ctx context.Context, classID int64, studentIDs []int64, amount int, ledgerType, reason, key string) (GrantResult, error) {
	if ledgerType != TypeGameReward && ledgerType != TypeRefund {
		return GrantResult{}, fmt.Errorf("economy: Reward cannot write %s", ledgerType)
	}
	req, err := request(Actor{Kind: "system"}, key, "reward", classID, studentIDs, amount, ledgerType, reason)
	if err != nil {
		return GrantResult{}, err
	}
	return s.grant(ctx, GrantRequest{Request: req, ClassID: classID, StudentIDs: studentIDs, Amount: amount, Reason: reason, Type: ledgerType})
}

// AwardGame pays a live game's podium (ledger type game_reward), all in
// one transaction that also marks the game as awarded: a second award for
// the same game is ErrAlreadyAwarded. Students deleted since the game, or
// whose class is now archived, are left out.
func (s *Service) AwardGame(ctx context.Context, gameID, hostID int64, awards []StudentCoins) ([]Balance, error) {
	for _, a := range awards {
		if a.Coins < MinGrant || a.Coins > MaxGrant {
			return nil, &ValidationError{fmt.Sprintf("Each prize is %d to %d coins.", MinGrant, MaxGrant)}
		}
	}
	paid, err := s.store.AwardGame(ctx, AwardGameRequest{GameID: gameID, HostID: hostID, Awards: awards}, s.opts.Now())
	ids := make([]int64, 0, len(paid))
	for _, b := range paid {
		s.dashboards.invalidate(b.StudentID)
		ids = append(ids, b.StudentID)
	}
	s.studentsChanged(ctx, ids...)
	if err == nil && s.opts.Observer != nil {
		total := 0
		for _, a := range awards {
			for _, b := range paid {
				if b.StudentID == a.StudentID {
					total += a.Coins
				}
			}
		}
		s.opts.Observer.CoinsMoved(TypeGameReward, total)
	}
	return paid, err
}

func (s *Service) grant(ctx context.Context, r GrantRequest) (GrantResult, error) {
	res, err := s.store.Grant(ctx, r, s.opts.Now())
	for _, b := range res.Balances {
		s.dashboards.invalidate(b.StudentID)
	}
	if err == nil && !res.Replayed {
		s.classesChanged(r.ClassID)
	}
	if err == nil && !res.Replayed && s.opts.Observer != nil {
		amount := r.Amount
		if r.Take {
			amount = -amount
		}
		s.opts.Observer.CoinsMoved(r.Type, amount*len(res.Balances))
	}
	s.maybePurge(ctx)
	return res, err
}

// maybePurge forgets idempotency keys older than a day, at most hourly.
func (s *Service) maybePurge(ctx context.Context) {
	now := s.opts.Now()
	s.purgeMu.Lock()
	due := now.Sub(s.lastPurge) > time.Hour
	if due {
		s.lastPurge = now
	}
	s.purgeMu.Unlock()
	if !due {
		return
	}
	if _, err := s.store.PurgeIdempotencyKeys(context.WithoutCancel(ctx), now.Add(-24*time.Hour)); err != nil {
		s.opts.Logger.Warn("economy: unable to purge idempotency keys", slog.Any("error", err))
	}
}

// StoreOpen tells whether a class's store is open (cached per class).
func (s *Service) StoreOpen(ctx context.Context, classID int64) (bool, error) {
	if v, _, ok := s.stores.get(classID); ok {
		return v.(bool), nil
	}
	_, seen, _ := s.stores.get(classID)
	open, err := s.store.StoreOpen(ctx, classID)
	if err != nil {
		return false, err
	}
	s.stores.put(classID, seen, open, 10*time.Minute)
	return open, nil
}

// SetStoreOpen is the teacher's toggle.
func (s *Service) SetStoreOpen(ctx context.Context, classID int64, open bool) error {
	err := s.store.SetStoreOpen(ctx, classID, open, s.opts.Now())
	s.stores.invalidate(classID)
	return err
}

// ClassOwner is the teacher who owns a class (ErrNotFound when none).
func (s *Service) ClassOwner(ctx context.Context, classID int64) (int64, error) {
	return s.store.ClassOwner(ctx, classID)
}

// Student returns a student's name, class, animal and coins.
func (s *Service) Student(ctx context.Context, id int64) (StudentRef, error) {
	return s.store.Student(ctx, id)
}

// ClassEconomy is the teacher's economy page data.
func (s *Service) ClassEconomy(ctx context.Context, classID int64) (ClassEconomy, error) {
	return s.store.ClassEconomy(ctx, classID)
}

// Ledger pages through a student's history, newest first.
func (s *Service) Ledger(ctx context.Context, studentID, beforeID int64, limit int) ([]LedgerEntry, error) {
	limit = max(1, min(limit, 200))
	return s.store.Ledger(ctx, studentID, beforeID, limit)
}

// Inventory lists what a student owns.
func (s *Service) Inventory(ctx context.Context, studentID int64) ([]OwnedItem, error) {
	return s.store.Inventory(ctx, studentID)
}

// Purchase buys an item for the student.
func (s *Service) Purchase(ctx context.Context, studentID, itemID int64, key string) (PurchaseResult, error) {
	req, err := request(Actor{Kind: "student", ID: studentID}, key, "purchase", itemID)
	if err != nil {
		return PurchaseResult{}, err
	}
	res, err := s.store.Purchase(ctx, PurchaseRequest{Request: req, StudentID: studentID, ItemID: itemID}, s.opts.Now())
	s.dashboards.invalidate(studentID)
	if err == nil && !res.Replayed {
		s.studentsChanged(ctx, studentID)
	}
	if err == nil && !res.Replayed && s.opts.Observer != nil {
		s.opts.Observer.CoinsMoved(TypePurchase, -res.Item.Price)
		s.opts.Observer.Purchased(string(res.Item.Slot))
	}
	s.maybePurge(ctx)
	return res, err
}
