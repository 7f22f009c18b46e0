package insight_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"animalgenius/app/insight"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

type fixture struct {
	t     testing.TB
	store *sqlitestore.Store
	class int64
	seq   int
}

func newFixture(t testing.TB) *fixture {
	s := storetest.New(t)
	f := &fixture{t: t, store: s}
	err := s.Write(context.Background(), func(tx *sql.Tx) error {
		var acct int64
		if err := tx.QueryRow(`INSERT INTO accounts (email, display_name, role, created_at, updated_at)
			VALUES ('t@school.test', 'T', 'teacher', 0, 0) RETURNING id`).Scan(&acct); err != nil {
			return err
		}
		return tx.QueryRow(`INSERT INTO classes (teacher_id, name, icon, colour, code, created_at, updated_at)
			VALUES (?, 'Room 7', 'owl', '#112233', 'ABCDEF', 0, 0) RETURNING id`, acct).Scan(&f.class)
	})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// add inserts a student of the fixture's class with the given type and
// animal (empty animal: not finished).
func (f *fixture) add(first, typ, animal, genius string, completed time.Time) int64 {
	f.t.Helper()
	f.seq++
	code := "PAR-" + strings.Repeat("2", 4) + string("23456789ABCDEFGHJKMNPQRSTUVWXYZ"[f.seq%31])
	if f.seq >= 31 {
		code = "PAR-" + string("23456789ABCDEFGHJKMNPQRSTUVWXYZ"[f.seq/31%31]) + "222" + string("23456789ABCDEFGHJKMNPQRSTUVWXYZ"[f.seq%31])
	}
	var id int64
	err := f.store.Write(context.Background(), func(tx *sql.Tx) error {
		if animal == "" {
			return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, created_at)
				VALUES (?, ?, 'K', lower(?), ?, 0) RETURNING id`, f.class, first, first, code).Scan(&id)
		}
		return tx.QueryRow(`INSERT INTO students (class_id, first_name, last_initial, name_key, passport_code, created_at,
				type, animal, genius, learning_style, styles, e, i, s, n, t, f, j, p, visual, auditory, reading_writing, kinesthetic, completed_at)
			VALUES (?, ?, 'K', lower(?), ?, 0, ?, ?, ?, 'auditory', 'auditory', 5, 4, 3, 6, 5, 4, 6, 3, 1, 5, 2, 2, ?) RETURNING id`,
			f.class, first, first, code, typ, animal, genius, completed.UnixMilli()).Scan(&id)
	})
	if err != nil {
		f.t.Fatal(err)
	}
	return id
}

// countingStore counts reads and can run a hook in the middle of one.
type countingStore struct {
	*sqlitestore.Store
	mu     sync.Mutex
	reads  int
	during func()
}

func (c *countingStore) InsightClass(ctx context.Context, id int64) (insight.ClassData, error) {
	c.mu.Lock()
	c.reads++
	hook := c.during
	c.during = nil
	c.mu.Unlock()
	d, err := c.Store.InsightClass(ctx, id)
	if hook != nil {
		hook() // a change that commits after the rows were read
	}
	return d, err
}

func TestServiceCacheAndInvalidation(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.store}
	svc := insight.NewService(cs, insight.Options{})
	ctx := context.Background()
	t0 := time.UnixMilli(1_700_000_000_000)
	f.add("Ana", "ENTP", "parrot", "thinker", t0)

	a, err := svc.Snapshot(ctx, f.class)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := svc.Snapshot(ctx, f.class)
	if a != b || cs.reads != 1 {
		t.Fatalf("second read not cached (%d reads)", cs.reads)
	}
	f.add("Ben", "", "", "", time.Time{})
	svc.OnStudentsChanged(f.class)
	c, _ := svc.Snapshot(ctx, f.class)
	if cs.reads != 2 || len(c.Members()) != 2 || c.Version <= a.Version {
		t.Fatalf("after a change: %d reads, %d members, version %d -> %d", cs.reads, len(c.Members()), a.Version, c.Version)
	}

	// A change committed while a read is under way must not leave the
	// older read in the cache.
	cs.during = func() {
		f.add("Cleo", "ISFJ", "beaver", "doer", t0)
		svc.OnStudentsChanged(f.class)
	}
	svc.OnStudentsChanged(f.class)
	stale, _ := svc.Snapshot(ctx, f.class)
	if len(stale.Members()) != 2 {
		t.Fatalf("the racing read saw %d members", len(stale.Members()))
	}
	fresh, _ := svc.Snapshot(ctx, f.class)
	if len(fresh.Members()) != 3 {
		t.Fatalf("the stale read was cached: %d members", len(fresh.Members()))
	}
}

// hubStandIn records what the service publishes, like the socket hub.
type hubStandIn struct {
	mu   sync.Mutex
	subs map[string]int
	msgs chan []byte
}

func (h *hubStandIn) Publish(topic string, msg []byte) int {
	h.msgs <- msg
	return h.Subscribers(topic)
}

func (h *hubStandIn) Subscribers(topic string) int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.subs[topic]
}

func TestServiceBoardPush(t *testing.T) {
	f := newFixture(t)
	svc := insight.NewService(f.store, insight.Options{})
	hub := &hubStandIn{subs: map[string]int{}, msgs: make(chan []byte, 100)}
	svc.SetPublisher(hub)
	t0 := time.UnixMilli(1_700_000_000_000)

	f.add("Ana", "ENTP", "parrot", "thinker", t0)
	svc.OnStudentsChanged(f.class) // nobody watches: no push
	select {
	case m := <-hub.msgs:
		t.Fatalf("pushed with no subscriber: %s", m)
	case <-time.After(50 * time.Millisecond):
	}

	hub.subs[insight.Topic(f.class)] = 1
	id := f.add("Ben", "ESTJ", "border_collie", "doer", t0.Add(time.Minute))
	svc.OnStudentsChanged(f.class)
	var msg insight.BoardMessage
	select {
	case raw := <-hub.msgs:
		if err := json.Unmarshal(raw, &msg); err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no push within 5 s")
	}
	if msg.Type != "board" || msg.Topic != insight.Topic(f.class) || len(msg.Board.Arrivals) != 2 || msg.Board.Arrivals[1].ID != id {
		t.Fatalf("push %+v", msg)
	}

	// Many changes at once are coalesced: never more pushes than changes,
	// and the last push has every student.
	for i := range 20 {
		f.add("Kid"+string(rune('A'+i)), "INFP", "meerkat", "feeler", t0.Add(2*time.Minute))
		svc.OnStudentsChanged(f.class)
	}
	deadline := time.After(5 * time.Second)
	for {
		select {
		case raw := <-hub.msgs:
			json.Unmarshal(raw, &msg)
			if len(msg.Board.Arrivals) == 22 {
				return
			}
		case <-deadline:
			t.Fatalf("last push had %d arrivals, want 22", len(msg.Board.Arrivals))
		}
	}
}

func TestServiceFreshAndGroupings(t *testing.T) {
	f := newFixture(t)
	now := time.UnixMilli(1_700_000_100_000)
	svc := insight.NewService(f.store, insight.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	f.add("Ana", "ENTP", "parrot", "thinker", now.Add(-time.Hour))
	ben := f.add("Ben", "ESTJ", "border_collie", "doer", now.Add(-time.Minute))

	msg, err := svc.StartFresh(ctx, f.class, false)
	if err != nil || len(msg.Board.Arrivals) != 0 || msg.Board.FreshSince == nil || !msg.Board.FreshSince.Equal(now) {
		t.Fatalf("fresh: %v %+v", err, msg.Board)
	}
	f.add("Cleo", "ISFJ", "beaver", "doer", now.Add(time.Second))
	svc.OnStudentsChanged(f.class)
	snap, _ := svc.Snapshot(ctx, f.class)
	if b := snap.BoardMessage().Board; len(b.Arrivals) != 1 || b.Arrivals[0].Name != "Cleo K." {
		t.Fatalf("after fresh start: %+v", b)
	}
	if msg, _ = svc.StartFresh(ctx, f.class, true); len(msg.Board.Arrivals) != 3 {
		t.Fatalf("show everyone: %+v", msg.Board)
	}

	g, err := svc.MakeGroups(ctx, f.class, insight.GroupRequest{Size: 2, Balance: insight.BalanceGenius})
	if err != nil || len(g.Groups) != 1 || g.Seed < 0 {
		t.Fatalf("make: %v %+v", err, g)
	}
	if _, err := svc.MakeGroups(ctx, f.class, insight.GroupRequest{Size: 9, Balance: insight.BalanceGenius}); err == nil {
		t.Fatal("size 9 accepted")
	}
	saved, err := svc.SaveGrouping(ctx, f.class, insight.SaveGroupingRequest{Name: "Pairs", Size: 2, Balance: "genius", Seed: g.Seed,
		Groups: [][]int64{{ben}}})
	if err != nil || saved.ID == 0 || len(saved.Unassigned) != 2 {
		t.Fatalf("save: %v %+v", err, saved)
	}
	if _, err := svc.SaveGrouping(ctx, f.class, insight.SaveGroupingRequest{Name: "Bad", Size: 2, Balance: "genius",
		Groups: [][]int64{{ben + 1000}}}); !errors.Is(err, insight.ErrNotFound) {
		t.Fatalf("unknown student: %v", err)
	}
	list, _ := svc.Groupings(ctx, f.class)
	if len(list) != 1 || list[0].Students != 1 {
		t.Fatalf("list %+v", list)
	}
	loaded, err := svc.LoadGrouping(ctx, f.class, saved.ID)
	if err != nil || loaded.Name != "Pairs" || loaded.Groups[0].Members[0].ID != ben {
		t.Fatalf("load: %v %+v", err, loaded)
	}
	if err := svc.DeleteGrouping(ctx, f.class, saved.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := svc.LoadGrouping(ctx, f.class, saved.ID); !errors.Is(err, insight.ErrNotFound) {
		t.Fatalf("load deleted: %v", err)
	}
}

// Coins moving drop the cached snapshot (the roster shows coins) but push
// nothing: the live board does not show coins.
func TestServiceCoinsChangedDropsCacheWithoutPush(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.store}
	svc := insight.NewService(cs, insight.Options{})
	hub := &hubStandIn{subs: map[string]int{}, msgs: make(chan []byte, 100)}
	svc.SetPublisher(hub)
	hub.subs[insight.Topic(f.class)] = 1
	ctx := context.Background()
	f.add("Ana", "ENTP", "parrot", "thinker", time.UnixMilli(1_700_000_000_000))
	a, _ := svc.Snapshot(ctx, f.class)
	svc.OnCoinsChanged(f.class)
	b, _ := svc.Snapshot(ctx, f.class)
	if cs.reads != 2 || b == a || b.Version <= a.Version {
		t.Fatalf("after coins moved: %d reads, version %d -> %d", cs.reads, a.Version, b.Version)
	}
	select {
	case m := <-hub.msgs:
		t.Fatalf("coins moving pushed the board: %s", m)
	case <-time.After(50 * time.Millisecond):
	}
}

// A student who joins a cached class is added in memory (no read), the
// board is pushed with the student, and the result is what a read gives.
func TestServiceOnJoinedAddsWithoutRead(t *testing.T) {
	f := newFixture(t)
	cs := &countingStore{Store: f.store}
	svc := insight.NewService(cs, insight.Options{})
	hub := &hubStandIn{subs: map[string]int{}, msgs: make(chan []byte, 100)}
	svc.SetPublisher(hub)
	hub.subs[insight.Topic(f.class)] = 1
	ctx := context.Background()
	t0 := time.UnixMilli(1_700_000_000_000)
	f.add("Ana", "ENTP", "parrot", "thinker", t0)
	a, _ := svc.Snapshot(ctx, f.class)
	id := f.add("Ben", "ESTJ", "border_collie", "doer", t0.Add(time.Minute))
	fromDB, err := f.store.InsightClass(ctx, f.class)
	if err != nil {
		t.Fatal(err)
	}
	var ben insight.Member
	for _, m := range fromDB.Members {
		if m.ID == id {
			ben = m
		}
	}
	svc.OnJoined(f.class, ben)
	var msg insight.BoardMessage
	select {
	case raw := <-hub.msgs:
		if err := json.Unmarshal(raw, &msg); err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("no push within 5 s")
	}
	b, _ := svc.Snapshot(ctx, f.class)
	if cs.reads != 1 || len(b.Members()) != 2 || b.Version <= a.Version || len(msg.Board.Arrivals) != 2 || msg.Board.Arrivals[1].ID != id {
		t.Fatalf("after a join: %d reads, %d members, version %d -> %d, push %+v", cs.reads, len(b.Members()), a.Version, b.Version, msg)
	}
	want, _ := json.Marshal(insight.NewSnapshot(f.class, fromDB.Members).Analytics())
	got, _ := b.AnalyticsJSON()
	if string(got.JSON()) != string(want) {
		t.Fatalf("analytics in memory %s, from the database %s", got.JSON(), want)
	}
}

// pendingStore serves the class with pupils working on the quiz, those
// not yet expired at the fake clock's time, as the database does.
type pendingStore struct {
	*sqlitestore.Store
	now     func() time.Time
	pending []insight.Pending
}

func (p *pendingStore) InsightClass(ctx context.Context, id int64) (insight.ClassData, error) {
	d, err := p.Store.InsightClass(ctx, id)
	d.Pending = nil
	for _, w := range p.pending {
		if w.Expires.After(p.now()) {
			d.Pending = append(d.Pending, w)
		}
	}
	return d, err
}

// A pupil whose pending join ran out leaves the roster and the board at
// once, not when the class's cached snapshot happens to be dropped.
func TestExpiredPendingJoinLeavesTheCachedRoster(t *testing.T) {
	f := newFixture(t)
	now := time.UnixMilli(1_700_000_000_000)
	clock := func() time.Time { return now }
	ps := &pendingStore{Store: f.store, now: clock, pending: []insight.Pending{
		{Name: "Soon X.", Since: now.Add(-44 * time.Minute), Expires: now.Add(time.Minute)},
		{Name: "Later Y.", Since: now.Add(-time.Minute), Expires: now.Add(44 * time.Minute)},
	}}
	svc := insight.NewService(ps, insight.Options{Now: clock})
	ctx := context.Background()
	working := func() []string {
		t.Helper()
		snap, err := svc.Snapshot(ctx, f.class)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range snap.Roster(insight.RosterQuery{Sort: "name"}).Working {
			names = append(names, w.Name)
		}
		if b := snap.Board(time.Time{}); len(b.Working) != len(names) {
			t.Fatalf("board %v, roster %v", b.Working, names)
		}
		return names
	}
	if got := working(); len(got) != 2 {
		t.Fatalf("working at first: %v", got)
	}
	now = now.Add(30 * time.Second) // still cached, nobody expired
	if got := working(); len(got) != 2 {
		t.Fatalf("working after 30 s: %v", got)
	}
	now = now.Add(31 * time.Second) // Soon X. ran out, within the cache's minute
	if got := working(); len(got) != 1 || got[0] != "Later Y." {
		t.Fatalf("working after the first expiry: %v", got)
	}
}
