package economy

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"animalgenius/app/pets"
)

// Ledger entry types.
const (
	TypeWelcomeBonus = "welcome_bonus"
	TypeTeacherGift  = "teacher_gift"
	TypeTeacherTake  = "teacher_deduct"
	TypePurchase     = "purchase"
	TypePetPurchase  = "pet_purchase"
	TypePetCare      = "pet_care"
	TypeGameReward   = "game_reward"
	TypeRefund       = "refund"
	// TypeLessonReward is what a class's completed lesson pays each student.
	TypeLessonReward = "lesson_reward"
)

// LedgerTypes lists every ledger type.
var LedgerTypes = []string{TypeWelcomeBonus, TypeTeacherGift, TypeTeacherTake, TypePurchase, TypePetPurchase, TypePetCare, TypeGameReward, TypeRefund, TypeLessonReward}

// Limits of a teacher's give or take.
const (
	MinGrant     = 1
	MaxGrant     = 1000
	MaxReasonLen = 120
)

// Actor is who moved coins.
type Actor struct {
	Kind string // system, account, student
	ID   int64
}

// Item is a store item.
type Item struct {
	ID     int64  `json:"id"`
	Code   string `json:"code"`
	Name   string `json:"name"`
	Slot   Slot   `json:"slot"`
	Rarity Rarity `json:"rarity"`
	Price  int    `json:"price"`
	Image  string `json:"image"`
	Thumb  string `json:"thumb"` // a small version for lists and avatars
	Active bool   `json:"active"`
}

// ThumbOf is the small picture of an item image: the upload's thumbnail
// ("/uploads/<hash>.thumb.png"), or the image itself for our SVG art.
func ThumbOf(image string) string {
	if rest, ok := strings.CutPrefix(image, "/uploads/"); ok {
		if dot := strings.LastIndexByte(rest, '.'); dot > 0 && !strings.Contains(rest, ".thumb.") {
			return "/uploads/" + rest[:dot] + ".thumb" + rest[dot:]
		}
	}
	return image
}

// Species is a pet species in the store.
type Species struct {
	ID            int64   `json:"id"`
	Code          string  `json:"code"`
	Name          string  `json:"name"`
	Rarity        Rarity  `json:"rarity"`
	Price         int     `json:"price"`
	HungerRate    float64 `json:"hungerRate"`
	HappinessRate float64 `json:"happinessRate"`
	Art           string  `json:"art"`
	Active        bool    `json:"active"`
}

// Rules returns the pets package's view of the species.
func (s Species) Rules() pets.Species {
	return pets.Species{Code: s.Code, Name: s.Name, Price: s.Price, HungerRate: s.HungerRate, HappinessRate: s.HappinessRate}
}

// Catalog is everything the store sells.
type Catalog struct {
	Items   []Item    `json:"items"`
	Species []Species `json:"species"`
}

// LedgerEntry is one coin movement.
type LedgerEntry struct {
	ID           int64     `json:"id"`
	StudentID    int64     `json:"studentId"`
	Amount       int       `json:"amount"`
	Type         string    `json:"type"`
	Reason       string    `json:"reason"`
	BalanceAfter *int      `json:"balanceAfter,omitempty"`
	At           time.Time `json:"at"`
}

// StudentRef names a student the economy touches.
type StudentRef struct {
	ID          int64  `json:"id"`
	ClassID     int64  `json:"classId"`
	FirstName   string `json:"firstName"`
	LastInitial string `json:"lastInitial"`
	Animal      string `json:"animal"`
	Coins       int    `json:"coins"`
}

// DisplayName is "Maya R.".
func (s StudentRef) DisplayName() string {
	if s.LastInitial == "" {
		return s.FirstName
	}
	return s.FirstName + " " + strings.TrimSuffix(s.LastInitial, ".") + "."
}

// Pet is a stored pet.
type Pet struct {
	ID        int64
	StudentID int64
	Species   Species
	Name      string
	State     pets.State
	CreatedAt time.Time
}

// Avatar is what a student chose to look like.
type Avatar struct {
	Primary   string         `json:"primary"`
	Secondary string         `json:"secondary"`
	Equipped  map[Slot]int64 `json:"equipped"`
}

// Errors of the economy. The web layer turns them into API errors.
var (
	ErrNotFound        = errors.New("economy: not found")
	ErrStoreClosed     = errors.New("economy: the class store is closed")
	ErrItemInactive    = errors.New("economy: the item is not for sale")
	ErrAlreadyOwned    = errors.New("economy: the item is already owned")
	ErrNotOwned        = errors.New("economy: the item is not owned")
	ErrWrongSlot       = errors.New("economy: the item does not go in that slot")
	ErrHasPet          = errors.New("economy: the student already has a pet")
	ErrNoPet           = errors.New("economy: the student has no pet")
	ErrKeyReused       = errors.New("economy: the idempotency key was used for another request")
	ErrCodeTaken       = errors.New("economy: that catalog code is taken")
	ErrClassArchived   = errors.New("economy: the class is archived")
	ErrNoStudents      = errors.New("economy: no students chosen")
	ErrStudentNotFound = errors.New("economy: a chosen student is not in this class")
	ErrAlreadyAwarded  = errors.New("economy: coins for this game were already given")
)

// NotEnoughCoinsError is a purchase or care the balance cannot pay.
type NotEnoughCoinsError struct {
	Need, Have int
}

func (e *NotEnoughCoinsError) Error() string {
	return fmt.Sprintf("economy: needs %d coins, has %d", e.Need, e.Have)
}

// ShortfallError is a take that would leave students below zero. Nothing
// was changed.
type ShortfallError struct {
	Students []StudentRef
}

func (e *ShortfallError) Error() string {
	return fmt.Sprintf("economy: %d students do not have enough coins", len(e.Students))
}

// Names lists the students as "Maya R. (has 3)".
func (e *ShortfallError) Names() string {
	parts := make([]string, len(e.Students))
	for i, s := range e.Students {
		parts[i] = fmt.Sprintf("%s (has %d)", s.DisplayName(), s.Coins)
	}
	return strings.Join(parts, ", ")
}
