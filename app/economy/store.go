package economy

import (
	"animalgenius/app/jsontime"
	"context"
	"time"
)

// Request carries what every coin-moving request needs: who asks, and
// the idempotency key with a hash of the request it was first used for.
type Request struct {
	Actor       Actor
	Key         string   // "" only for internal callers that cannot repeat
	RequestHash [32]byte // a key reused for a different request is refused
}

// GrantRequest is a teacher's give or take.
type GrantRequest struct {
	Request
	ClassID    int64
	StudentIDs []int64 // ignored when All
	All        bool
	Amount     int  // 1-1000
	Take       bool // take instead of give
	Reason     string
	Type       string // teacher_gift / teacher_deduct, or game_reward, refund for internal callers
}

// Balance is a student's coins after a change.
type Balance struct {
	StudentID int64 `json:"studentId"`
	Coins     int   `json:"coins"`
}

// GrantResult lists the new balances.
type GrantResult struct {
	Balances []Balance `json:"balances"`
	Replayed bool      `json:"-"` // the kept answer of an earlier request with the same key
}

// MarkReplayed flags a kept answer (metrics count each movement once).
func (r *GrantResult) MarkReplayed() { r.Replayed = true }

// PurchaseRequest buys one store item.
type PurchaseRequest struct {
	Request
	StudentID int64
	ItemID    int64
}

// PurchaseResult is the new balance and what was bought.
type PurchaseResult struct {
	Coins    int  `json:"coins"`
	Item     Item `json:"item"`
	Replayed bool `json:"-"`
}

// MarkReplayed flags a kept answer.
func (r *PurchaseResult) MarkReplayed() { r.Replayed = true }

// BuyPetRequest buys and names the student's pet.
type BuyPetRequest struct {
	Request
	StudentID int64
	SpeciesID int64
	Name      string // already cleaned
}

// CareRequest feeds, plays with or pets the student's pet.
type CareRequest struct {
	Request
	StudentID int64
	Action    string
}

// PetResult is the pet after a purchase or care, and the balance.
type PetResult struct {
	Coins    int     `json:"coins"`
	Pet      PetView `json:"pet"`
	Replayed bool    `json:"-"`
}

// MarkReplayed flags a kept answer.
func (r *PetResult) MarkReplayed() { r.Replayed = true }

// OwnedItem is an item in a student's inventory.
type OwnedItem struct {
	Item
	PricePaid  int           `json:"pricePaid"`
	AcquiredAt jsontime.Time `json:"acquiredAt"`
}

// ClassEconomy is a class's store state and its students' coins.
type ClassEconomy struct {
	ClassID   int64        `json:"classId"`
	StoreOpen bool         `json:"storeOpen"`
	Students  []StudentRef `json:"students"`
	Given     int          `json:"given"` // coins ever credited to the students now in the class
	Spent     int          `json:"spent"` // coins ever debited
}

// PetMoodCount is one line of the pets-by-mood metric.
type PetSnapshot struct {
	Hunger, Happiness float64
	LastAt            time.Time
	HungerRate        float64
	HappinessRate     float64
}

// Store is what the economy needs from the database. Every method that
// moves coins runs in one writer transaction with its checks.
type Store interface {
	SeedCatalog(ctx context.Context, c StarterCatalog, now time.Time) error
	Catalog(ctx context.Context, includeInactive bool) (Catalog, error)
	CreateItem(ctx context.Context, it Item, now time.Time) (Item, error)
	UpdateItem(ctx context.Context, it Item, now time.Time) (Item, error)
	CreateSpecies(ctx context.Context, sp Species, now time.Time) (Species, error)
	UpdateSpecies(ctx context.Context, sp Species, now time.Time) (Species, error)

	Student(ctx context.Context, id int64) (StudentRef, error)
	ClassOwner(ctx context.Context, classID int64) (teacherID int64, err error)
	StoreOpen(ctx context.Context, classID int64) (bool, error)
	SetStoreOpen(ctx context.Context, classID int64, open bool, now time.Time) error
	ClassEconomy(ctx context.Context, classID int64) (ClassEconomy, error)

	Grant(ctx context.Context, r GrantRequest, now time.Time) (GrantResult, error)
	Purchase(ctx context.Context, r PurchaseRequest, now time.Time) (PurchaseResult, error)
	BuyPet(ctx context.Context, r BuyPetRequest, now time.Time) (PetResult, error)
	CarePet(ctx context.Context, r CareRequest, now time.Time) (PetResult, error)
	RenamePet(ctx context.Context, studentID int64, name string) error

	AwardGame(ctx context.Context, r AwardGameRequest, now time.Time) ([]Balance, error)

	Ledger(ctx context.Context, studentID, beforeID int64, limit int) ([]LedgerEntry, error)
	Inventory(ctx context.Context, studentID int64) ([]OwnedItem, error)
	Pet(ctx context.Context, studentID int64) (*Pet, error) // nil, nil when none
	Avatar(ctx context.Context, studentID int64) (Avatar, error)
	SaveAvatar(ctx context.Context, studentID int64, a Avatar, now time.Time) error
	PetSnapshots(ctx context.Context) ([]PetSnapshot, error)
	PurgeIdempotencyKeys(ctx context.Context, before time.Time) (int, error)
}

// StudentCoins is coins for one student.
type StudentCoins struct {
	StudentID int64
	Coins     int
	Reason    string
}

// AwardGameRequest pays a live game's podium, once per game, in one
// transaction that also marks the game as awarded.
type AwardGameRequest struct {
	GameID int64
	HostID int64
	Awards []StudentCoins
}
