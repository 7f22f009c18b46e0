package economy_test

import (
	"context"
	"encoding/json"
	"errors"
	"io/fs"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app/economy"
	"animalgenius/app/pets"
	"animalgenius/embed"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

type embedArt struct{}

func (embedArt) Art(p string) (economy.Art, error) {
	b, err := fs.ReadFile(embed.FS, strings.TrimPrefix(p, "/"))
	return economy.Art{SVG: b}, err
}

func (embedArt) Animal(code string) ([]byte, error) {
	return fs.ReadFile(embed.FS, "art/animals/"+code+".svg")
}

type recorder struct {
	mu        sync.Mutex
	coins     map[string]int
	purchases map[string]int
}

func (r *recorder) CoinsMoved(t string, n int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.coins[t] += n
}

func (r *recorder) Purchased(slot string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.purchases[slot]++
}

type fixture struct {
	svc   *economy.Service
	store *sqlitestore.Store
	rec   *recorder
	class int64
	kids  []int64
	now   *time.Time
}

func newFixture(t *testing.T, n int) *fixture {
	t.Helper()
	st := storetest.New(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	f := &fixture{store: st, rec: &recorder{coins: map[string]int{}, purchases: map[string]int{}}, now: &now}
	f.svc = economy.NewService(st, embedArt{}, economy.Options{Now: func() time.Time { return *f.now }, Observer: f.rec, DashboardTTL: time.Hour})
	ctx := context.Background()
	if err := f.svc.Seed(ctx); err != nil {
		t.Fatal(err)
	}
	names := make([]string, n)
	for i := range names {
		names[i] = "Kid" + string(rune('A'+i))
	}
	f.class, f.kids = storetest.FixtureClass(t, st, storetest.FixtureTeacher(t, st), "panda", names...)
	return f
}

func (f *fixture) give(t *testing.T, amount int, key string) {
	t.Helper()
	if _, err := f.svc.Give(context.Background(), economy.Actor{Kind: "account", ID: 1}, economy.GiveInput{ClassID: f.class, All: true, Amount: amount, Reason: "Well done", Key: key}); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) item(t *testing.T, code string) economy.Item {
	t.Helper()
	c, err := f.svc.Catalog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, it := range c.Items {
		if it.Code == code {
			return it
		}
	}
	t.Fatalf("no %s", code)
	return economy.Item{}
}

func TestGiveValidation(t *testing.T) {
	f := newFixture(t, 2)
	ctx := context.Background()
	teacher := economy.Actor{Kind: "account", ID: 1}
	var ve *economy.ValidationError
	for _, amount := range []int{0, -5, 1001, 1 << 40} {
		if _, err := f.svc.Give(ctx, teacher, economy.GiveInput{ClassID: f.class, All: true, Amount: amount, Key: "amount-key-000001"}); !errors.As(err, &ve) {
			t.Errorf("amount %d: %v", amount, err)
		}
	}
	if _, err := f.svc.Give(ctx, teacher, economy.GiveInput{ClassID: f.class, All: true, Amount: 5, Reason: strings.Repeat("x", 121), Key: "reason-key-000001"}); !errors.As(err, &ve) {
		t.Errorf("long reason: %v", err)
	}
	if _, err := f.svc.Give(ctx, teacher, economy.GiveInput{ClassID: f.class, Amount: 5, Key: "no-students-00001"}); !errors.Is(err, economy.ErrNoStudents) {
		t.Errorf("no students: %v", err)
	}
	for _, key := range []string{"", "short", strings.Repeat("k", 129), "has spaces in it ok", "ünïcode-key-000001"} {
		if _, err := f.svc.Give(ctx, teacher, economy.GiveInput{ClassID: f.class, All: true, Amount: 5, Key: key}); !errors.Is(err, economy.ErrBadKey) {
			t.Errorf("key %q: %v", key, err)
		}
	}
	// Duplicated ids count once.
	res, err := f.svc.Give(ctx, teacher, economy.GiveInput{ClassID: f.class, StudentIDs: []int64{f.kids[0], f.kids[0]}, Amount: 5, Key: "dup-ids-key-00001"})
	if err != nil || len(res.Balances) != 1 || res.Balances[0].Coins != 5 {
		t.Fatalf("dup ids = %+v %v", res, err)
	}
	if f.rec.coins[economy.TypeTeacherGift] != 5 {
		t.Fatalf("metrics = %+v", f.rec.coins)
	}
}

// The dashboard is cached, but a student's own action always shows at once.
func TestDashboardNeverOlderThanOwnAction(t *testing.T) {
	f := newFixture(t, 1)
	ctx := context.Background()
	kid := f.kids[0]
	// After every step the JSON answer is the dashboard encoded now.
	f.checkDashboardJSON(t, kid)
	defer f.checkDashboardJSON(t, kid)
	f.give(t, 100, "dash-give-0000001")
	if err := f.svc.SetStoreOpen(ctx, f.class, true); err != nil {
		t.Fatal(err)
	}
	d, err := f.svc.Dashboard(ctx, kid)
	if err != nil || d.Coins != 100 || !d.StoreOpen || d.Pet != nil || len(d.Recent) != 1 {
		t.Fatalf("dashboard = %+v %v", d, err)
	}
	// The store's state alone changes the answer.
	for _, open := range []bool{false, true} {
		if err := f.svc.SetStoreOpen(ctx, f.class, open); err != nil {
			t.Fatal(err)
		}
		f.checkDashboardJSON(t, kid)
	}
	hat := f.item(t, "hat-party")
	if _, err := f.svc.Purchase(ctx, kid, hat.ID, "dash-buy-00000001"); err != nil {
		t.Fatal(err)
	}
	f.checkDashboardJSON(t, kid)
	if d, _ = f.svc.Dashboard(ctx, kid); d.Coins != 75 || d.Recent[0].Type != economy.TypePurchase {
		t.Fatalf("after purchase = %+v", d)
	}
	if err := f.svc.SaveAvatar(ctx, kid, economy.Avatar{Primary: "#8b5cf6", Equipped: map[economy.Slot]int64{economy.SlotHat: hat.ID}}); err != nil {
		t.Fatal(err)
	}
	f.checkDashboardJSON(t, kid)
	if d, _ = f.svc.Dashboard(ctx, kid); d.Avatar.Primary != "#8B5CF6" || d.Avatar.Equipped[economy.SlotHat] != hat.ID {
		t.Fatalf("after avatar = %+v", d.Avatar)
	}
	cat, _ := f.svc.Catalog(ctx)
	if _, err := f.svc.BuyPet(ctx, kid, cat.Species[0].ID, "  Nibbles ", "dash-pet-00000001"); err != nil {
		t.Fatal(err)
	}
	f.checkDashboardJSON(t, kid)
	if d, _ = f.svc.Dashboard(ctx, kid); d.Pet == nil || d.Pet.Name != "Nibbles" || d.Coins != 75-cat.Species[0].Price {
		t.Fatalf("after pet = %+v", d)
	}
	// Decay shows on every read even from the cache.
	*f.now = f.now.Add(48 * time.Hour)
	f.checkDashboardJSON(t, kid)
	if d, _ = f.svc.Dashboard(ctx, kid); d.Pet.Mood != pets.Neutral {
		t.Fatalf("after two days = %+v", d.Pet)
	}
	before := d.Coins
	if _, err := f.svc.Care(ctx, kid, "feed", "dash-feed-0000001"); err != nil {
		t.Fatal(err)
	}
	f.checkDashboardJSON(t, kid)
	if d, _ = f.svc.Dashboard(ctx, kid); d.Coins != before-5 {
		t.Fatalf("feed did not show: %d -> %d", before, d.Coins)
	}
	// The teacher closing the store shows at once too.
	f.svc.SetStoreOpen(ctx, f.class, false)
	f.checkDashboardJSON(t, kid)
	if d, _ = f.svc.Dashboard(ctx, kid); d.StoreOpen {
		t.Fatal("closed store still shows open")
	}
	if f.rec.purchases["hat"] != 1 || f.rec.purchases["pet"] != 1 || f.rec.coins[economy.TypePetCare] != -5 {
		t.Fatalf("metrics = %+v %+v", f.rec.purchases, f.rec.coins)
	}
}

func TestPetNameAndCareRules(t *testing.T) {
	f := newFixture(t, 1)
	ctx := context.Background()
	kid := f.kids[0]
	f.give(t, 500, "pets-give-0000001")
	f.svc.SetStoreOpen(ctx, f.class, true)
	cat, _ := f.svc.Catalog(ctx)
	var ne *pets.NameError
	for _, name := range []string{"", "Rex<b>", strings.Repeat("a", 21), "Mr Poop"} {
		if _, err := f.svc.BuyPet(ctx, kid, cat.Species[0].ID, name, "pets-name-"+strings.Repeat("0", 8)); !errors.As(err, &ne) {
			t.Errorf("name %q: %v", name, err)
		}
	}
	if _, err := f.svc.Care(ctx, kid, "dance", "pets-care-0000001"); !errors.Is(err, pets.ErrUnknownAction) {
		t.Fatalf("dance: %v", err)
	}
	if _, err := f.svc.Care(ctx, kid, "feed", ""); !errors.Is(err, economy.ErrBadKey) {
		t.Fatalf("feed without key: %v", err)
	}
	if _, err := f.svc.Care(ctx, kid, "pet", ""); !errors.Is(err, economy.ErrNoPet) {
		t.Fatalf("care without pet: %v", err)
	}
	if _, err := f.svc.BuyPet(ctx, kid, cat.Species[0].ID, "Rex", "pets-buy-00000001"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.RenamePet(ctx, kid, "f.u.c.k"); !errors.As(err, &ne) {
		t.Fatalf("rename: %v", err)
	}
	pv, _ := f.svc.Pet(ctx, kid)
	if pv.Name != "Rex" {
		t.Fatalf("pet = %+v", pv)
	}
}

func TestAvatarSVG(t *testing.T) {
	f := newFixture(t, 1)
	ctx := context.Background()
	kid := f.kids[0]
	f.give(t, 100, "svg-give-00000001")
	f.svc.SetStoreOpen(ctx, f.class, true)
	svg, err := f.svc.AvatarSVG(ctx, kid)
	if err != nil || !strings.Contains(string(svg), "KidA R. the panda") || strings.Contains(string(svg), "ag-hat") {
		t.Fatalf("plain avatar: %v\n%s", err, svg)
	}
	hat := f.item(t, "hat-party")
	if _, err := f.svc.Purchase(ctx, kid, hat.ID, "svg-buy-000000001"); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SaveAvatar(ctx, kid, economy.Avatar{Primary: "#E63946", Equipped: map[economy.Slot]int64{economy.SlotHat: hat.ID}}); err != nil {
		t.Fatal(err)
	}
	svg, err = f.svc.AvatarSVG(ctx, kid)
	if err != nil || !strings.Contains(string(svg), `class="ag-hat"`) || !strings.Contains(string(svg), `fill="#E63946"`) {
		t.Fatalf("dressed avatar: %v\n%s", err, svg)
	}
	var ve *economy.ValidationError
	if err := f.svc.SaveAvatar(ctx, kid, economy.Avatar{Primary: "#123456"}); !errors.As(err, &ve) {
		t.Fatalf("off-palette colour: %v", err)
	}
	if err := f.svc.SaveAvatar(ctx, kid, economy.Avatar{Equipped: map[economy.Slot]int64{"shoes": hat.ID}}); !errors.As(err, &ve) {
		t.Fatalf("unknown slot: %v", err)
	}
}

func TestAdminCatalog(t *testing.T) {
	f := newFixture(t, 0)
	ctx := context.Background()
	exists := func(p string) bool { return p == "/art/items/hat-top.svg" }
	var ve *economy.ValidationError
	bad := []economy.ItemInput{
		{Name: "", Slot: "hat", Rarity: "common", Price: 5, Image: "/art/items/hat-top.svg"},
		{Name: "Cap", Slot: "shoes", Rarity: "common", Price: 5, Image: "/art/items/hat-top.svg"},
		{Name: "Cap", Slot: "hat", Rarity: "legendary", Price: 5, Image: "/art/items/hat-top.svg"},
		{Name: "Cap", Slot: "hat", Rarity: "common", Price: 0, Image: "/art/items/hat-top.svg"},
		{Name: "Cap", Slot: "hat", Rarity: "common", Price: 5, Image: "https://example.invalid/x.png"},
		{Name: "Cap", Slot: "hat", Rarity: "common", Price: 5, Image: "/art/items/missing.svg"},
		{Name: "Cap", Slot: "hat", Rarity: "common", Price: 5, Image: "/art/items/../../etc.svg"},
	}
	for i, in := range bad {
		if _, err := f.svc.CreateItem(ctx, in, exists); !errors.As(err, &ve) {
			t.Errorf("bad item %d: %v", i, err)
		}
	}
	it, err := f.svc.CreateItem(ctx, economy.ItemInput{Name: " Fancy  Cap ", Slot: "hat", Rarity: "rare", Price: 45, Image: "/art/items/hat-top.svg", Active: true}, exists)
	if err != nil || it.Name != "Fancy Cap" || !strings.HasPrefix(it.Code, "custom-fancy-cap-") {
		t.Fatalf("create = %+v %v", it, err)
	}
	c, _ := f.svc.Catalog(ctx)
	found := false
	for _, x := range c.Items {
		found = found || x.ID == it.ID
	}
	if !found {
		t.Fatal("the cached catalog does not show a new item")
	}
	if _, err := f.svc.UpdateItem(ctx, it.ID, economy.ItemInput{Name: "Fancy Cap", Slot: "hat", Rarity: "rare", Price: 45, Image: "/art/items/hat-top.svg", Active: false}, exists); err != nil {
		t.Fatal(err)
	}
	c, _ = f.svc.Catalog(ctx)
	for _, x := range c.Items {
		if x.ID == it.ID {
			t.Fatal("an item taken off sale still shows in the store")
		}
	}
	if _, err := f.svc.UpdateItem(ctx, 99999, economy.ItemInput{Name: "X", Slot: "hat", Rarity: "rare", Price: 45, Image: "/art/items/hat-top.svg"}, exists); !errors.Is(err, economy.ErrNotFound) {
		t.Fatalf("update unknown: %v", err)
	}
	sp, err := f.svc.CreateSpecies(ctx, economy.SpeciesInput{Name: "Hamster", Rarity: "common", Price: 40, HungerRate: 1, HappinessRate: 1, Art: "/art/pets/bunny", Active: true})
	if err != nil || sp.Art != "/art/pets/bunny" {
		t.Fatalf("species = %+v %v", sp, err)
	}
	if _, err := f.svc.CreateSpecies(ctx, economy.SpeciesInput{Name: "Hamster", Rarity: "common", Price: 40, HungerRate: 11, Art: "/art/pets/bunny"}); !errors.As(err, &ve) {
		t.Fatalf("fast decay: %v", err)
	}
	if _, err := f.svc.CreateSpecies(ctx, economy.SpeciesInput{Name: "Hamster", Rarity: "common", Price: 40, Art: "/art/pets/nope"}); !errors.As(err, &ve) {
		t.Fatalf("unknown art: %v", err)
	}
}

func TestPetMoods(t *testing.T) {
	f := newFixture(t, 3)
	ctx := context.Background()
	f.give(t, 100, "moods-give-000001")
	f.svc.SetStoreOpen(ctx, f.class, true)
	cat, _ := f.svc.Catalog(ctx)
	for i, kid := range f.kids {
		if _, err := f.svc.BuyPet(ctx, kid, cat.Species[0].ID, "Pal", "moods-pet-00000"+string(rune('a'+i))); err != nil {
			t.Fatal(err)
		}
	}
	m, err := f.svc.PetMoods(ctx)
	if err != nil || m[pets.Happy] != 3 || m[pets.Sad] != 0 {
		t.Fatalf("moods = %+v %v", m, err)
	}
	// A second after adoption the pet is still an 80 and happy, and a pat
	// gives it 90 (seconds of decay do not take a point off).
	*f.now = f.now.Add(time.Second)
	if v, err := f.svc.Pet(ctx, f.kids[0]); err != nil || v.Hunger != 80 || v.Happiness != 80 || v.Mood != pets.Happy {
		t.Fatalf("a second after adoption: %+v %v", v, err)
	}
	*f.now = f.now.Add(time.Second)
	if res, err := f.svc.Care(ctx, f.kids[0], "pet", "moods-pat-0000001"); err != nil || res.Pet.Happiness != 90 {
		t.Fatalf("a pat: %+v %v", res, err)
	}
	*f.now = f.now.Add(200 * time.Hour)
	if m, _ = f.svc.PetMoods(ctx); m[pets.Sad] != 3 {
		t.Fatalf("moods later = %+v", m)
	}
}

// Reward is how other areas (a game podium) credit coins: once per key.
func TestReward(t *testing.T) {
	f := newFixture(t, 2)
	ctx := context.Background()
	for i := 0; i < 2; i++ {
		res, err := f.svc.Reward(ctx, f.class, f.kids[:1], 30, economy.TypeGameReward, "Game podium: 1st", "game-12-podium-first")
		if err != nil || len(res.Balances) != 1 || res.Balances[0].Coins != 30 {
			t.Fatalf("reward try %d = %+v %v", i, res, err)
		}
	}
	if _, err := f.svc.Reward(ctx, f.class, f.kids[:1], 30, economy.TypeTeacherGift, "x", "game-12-podium-other"); err == nil {
		t.Fatal("Reward wrote a teacher gift")
	}
	d, _ := f.svc.Dashboard(ctx, f.kids[0])
	if d.Coins != 30 || d.Recent[0].Type != economy.TypeGameReward {
		t.Fatalf("dashboard = %+v", d)
	}
	if f.rec.coins[economy.TypeGameReward] != 30 {
		t.Fatalf("metrics = %+v", f.rec.coins)
	}
}

// checkDashboardJSON compares DashboardJSON with Dashboard encoded at the
// same time, reads it again to see the same bytes kept, then moves the
// clock on a second, which changes a pet's cooldowns (after care) but
// nothing else, and compares again.
func (f *fixture) checkDashboardJSON(t *testing.T, kid int64) {
	t.Helper()
	ctx := context.Background()
	for range 2 {
		d, err := f.svc.Dashboard(ctx, kid)
		if err != nil {
			t.Fatal(err)
		}
		want, _ := json.Marshal(d)
		got, err := f.svc.DashboardJSON(ctx, kid)
		if err != nil || string(got.JSON()) != string(want) {
			t.Fatalf("DashboardJSON = %v %v\nwant %s", got, err, want)
		}
		again, _ := f.svc.DashboardJSON(ctx, kid)
		if again != got {
			t.Fatal("the same dashboard was encoded again")
		}
		*f.now = f.now.Add(time.Second)
	}
}
