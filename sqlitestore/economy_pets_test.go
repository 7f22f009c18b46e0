package sqlitestore_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"animalgenius/app/economy"
	"animalgenius/app/pets"
)

func TestPetsInTheStore(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 2, 70)
	kid := ids[0]
	cat, _ := s.Catalog(ctx, false)
	var kitten economy.Species
	for _, sp := range cat.Species {
		if sp.Code == "kitten" {
			kitten = sp
		}
	}
	buyPet := func(key string) (economy.PetResult, error) {
		return s.BuyPet(ctx, economy.BuyPetRequest{Request: req("student", kid, key), StudentID: kid, SpeciesID: kitten.ID, Name: "Mittens"}, t0)
	}
	if _, err := buyPet("pet-closed-00001"); !errors.Is(err, economy.ErrStoreClosed) {
		t.Fatalf("closed = %v", err)
	}
	s.SetStoreOpen(ctx, class, true, t0)
	res, err := buyPet("pet-buy-00000001")
	if err != nil || res.Coins != 10 || res.Pet.Name != "Mittens" || res.Pet.Hunger != 80 || res.Pet.Mood != pets.Happy || res.Pet.Art != "/art/pets/kitten-happy.svg" {
		t.Fatalf("buy pet = %+v %v", res, err)
	}
	if _, err := buyPet("pet-buy-00000002"); !errors.Is(err, economy.ErrHasPet) {
		t.Fatalf("second pet = %v", err)
	}
	care := func(action, key string, at time.Time) (economy.PetResult, error) {
		return s.CarePet(ctx, economy.CareRequest{Request: req("student", kid, key), StudentID: kid, Action: action}, at)
	}
	later := t0.Add(10 * time.Hour)
	fed, err := care("feed", "feed-key-0000001", later)
	if err != nil || fed.Coins != 5 || fed.Pet.Hunger != 100 || fed.Pet.Cooldowns[pets.Feed] != 30 {
		t.Fatalf("feed = %+v %v", fed, err)
	}
	if again, err := care("feed", "feed-key-0000001", later.Add(time.Minute)); err != nil || again.Coins != 5 {
		t.Fatalf("a replayed feed = %+v %v", again, err)
	}
	var cd *pets.CooldownError
	if _, err := care("feed", "feed-key-0000002", later.Add(10*time.Second)); !errors.As(err, &cd) {
		t.Fatalf("feed in cooldown = %v", err)
	}
	var nec *economy.NotEnoughCoinsError
	if _, err := care("feed", "feed-key-0000003", later.Add(time.Minute)); err != nil {
		t.Fatalf("feed after cooldown = %v", err)
	}
	if _, err := care("feed", "feed-key-0000004", later.Add(2*time.Minute)); !errors.As(err, &nec) {
		t.Fatalf("feed without coins = %v", err)
	}
	if _, err := care("play", "", later.Add(2*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if err := s.RenamePet(ctx, kid, "Sir Mittens"); err != nil {
		t.Fatal(err)
	}
	p, _ := s.Pet(ctx, kid)
	if p.Name != "Sir Mittens" || p.State.LastCare[pets.Play].IsZero() {
		t.Fatalf("pet = %+v", p)
	}
	if _, err := s.CarePet(ctx, economy.CareRequest{Request: req("student", ids[1], ""), StudentID: ids[1], Action: "pet"}, later); !errors.Is(err, economy.ErrNoPet) {
		t.Fatalf("care without pet = %v", err)
	}
	snaps, _ := s.PetSnapshots(ctx)
	if len(snaps) != 1 {
		t.Fatalf("snapshots = %+v", snaps)
	}
	assertConsistent(t, s)
}

func TestAvatarRules(t *testing.T) {
	s := newEconomyStore(t)
	ctx := context.Background()
	class, ids := seedClass(t, s, 2, 100)
	s.SetStoreOpen(ctx, class, true, t0)
	hat := itemByCode(t, s, "hat-party")
	glasses := itemByCode(t, s, "glasses-round")
	if _, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", ids[0], "avatar-buy-hat-1"), StudentID: ids[0], ItemID: hat.ID}, t0); err != nil {
		t.Fatal(err)
	}
	save := func(id int64, eq map[economy.Slot]int64) error {
		return s.SaveAvatar(ctx, id, economy.Avatar{Primary: "#8B5CF6", Equipped: eq}, t0)
	}
	if err := save(ids[0], map[economy.Slot]int64{economy.SlotHat: hat.ID}); err != nil {
		t.Fatal(err)
	}
	if err := save(ids[0], map[economy.Slot]int64{economy.SlotGlasses: glasses.ID}); !errors.Is(err, economy.ErrNotOwned) {
		t.Fatalf("not owned = %v", err)
	}
	if err := save(ids[0], map[economy.Slot]int64{economy.SlotNeck: hat.ID}); !errors.Is(err, economy.ErrWrongSlot) {
		t.Fatalf("wrong slot = %v", err)
	}
	if err := save(ids[1], map[economy.Slot]int64{economy.SlotHat: hat.ID}); !errors.Is(err, economy.ErrNotOwned) {
		t.Fatalf("another student's item = %v", err)
	}
	a, err := s.Avatar(ctx, ids[0])
	if err != nil || a.Primary != "#8B5CF6" || a.Equipped[economy.SlotHat] != hat.ID || len(a.Equipped) != 1 {
		t.Fatalf("avatar = %+v %v (a refused save must change nothing)", a, err)
	}
	// Moving the item to another slot takes it off.
	hat.Slot = economy.SlotNeck
	if _, err := s.UpdateItem(ctx, hat, t0); err != nil {
		t.Fatal(err)
	}
	if a, _ := s.Avatar(ctx, ids[0]); len(a.Equipped) != 0 {
		t.Fatalf("avatar after slot change = %+v", a)
	}
}
