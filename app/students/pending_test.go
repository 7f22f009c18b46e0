package students_test

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/app/classes"
	"animalgenius/app/students"
	"animalgenius/sqlitestore"
)

// A pupil who passes the name check is "working on the quiz" until it
// submits (then it is a student), its pending join expires, or the class goes.
func TestPendingJoins(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var offset atomic.Int64 // the service's clock, relative to now
	var pushes atomic.Int64
	svc := students.New(f.store, f.accounts, students.Options{
		Now:       func() time.Time { return time.Now().Add(time.Duration(offset.Load())) },
		Sleep:     func(context.Context, time.Duration) {},
		OnPending: func(classID int64) { pushes.Add(1) },
	})
	client := students.Client{IP: netip.MustParseAddr("10.0.0.9")}
	working := func() []string {
		t.Helper()
		data, err := f.store.InsightClass(ctx, f.class.ID)
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, p := range data.Pending {
			names = append(names, fmt.Sprintf("%s@%d", p.Name, p.Since.Unix()))
		}
		return names
	}

	// A taken or invalid name records nothing.
	if _, _, err := svc.CheckName(ctx, f.class.Code, "M4ya", "R", false, client); err == nil {
		t.Fatal("a name with a digit passed")
	}
	if got := working(); len(got) != 0 || pushes.Load() != 0 {
		t.Fatalf("working after a refused name: %v (%d pushes)", got, pushes.Load())
	}

	offset.Store(int64(-10 * time.Minute))
	if _, _, err := svc.CheckName(ctx, f.class.Code, "maya", "r", false, client); err != nil {
		t.Fatal(err)
	}
	since := time.Now().Add(-10 * time.Minute).Unix()
	if got := working(); len(got) != 1 || got[0] != fmt.Sprintf("Maya R.@%d", since) && got[0] != fmt.Sprintf("Maya R.@%d", since-1) {
		t.Fatalf("working = %v, want Maya R. since 10 minutes ago", got)
	}
	// Checking again (a reload) keeps the first "since".
	offset.Store(0)
	if _, _, err := svc.CheckName(ctx, f.class.Code, "Maya", "R", false, client); err != nil {
		t.Fatal(err)
	}
	if got := working(); len(got) != 1 || got[0][:8] != "Maya R.@" || got[0] == fmt.Sprintf("Maya R.@%d", time.Now().Unix()) {
		t.Fatalf("working after a second check = %v, want the first since kept", got)
	}
	if pushes.Load() != 2 {
		t.Fatalf("%d board pushes, want 2", pushes.Load())
	}

	// Leo's check was 50 minutes ago: expired (45 minutes), not shown.
	offset.Store(int64(-50 * time.Minute))
	if _, _, err := svc.CheckName(ctx, f.class.Code, "Leo", "K", false, client); err != nil {
		t.Fatal(err)
	}
	offset.Store(0)
	if got := working(); len(got) != 1 {
		t.Fatalf("working with an expired join = %v", got)
	}

	// Submitting ends Maya's pending join in the same transaction.
	if _, _, err := svc.Submit(ctx, students.SubmitInput{ClassCode: f.class.Code, FirstName: "Maya", LastInitial: "R",
		Key: key(), Answer: answers("ESTJ", "visual"), Client: client}); err != nil {
		t.Fatal(err)
	}
	if got := working(); len(got) != 0 {
		t.Fatalf("working after the submission = %v", got)
	}
	// The hourly purge deletes the expired row (it holds a name).
	if _, err := f.store.PurgeSessions(ctx, time.Now(), time.Now().Add(-time.Hour), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	var rows int
	f.store.Reader.QueryRow(`SELECT count(*) FROM pending_joins`).Scan(&rows)
	if rows != 0 {
		t.Fatalf("%d pending rows after the purge", rows)
	}
}

func TestPendingJoinsAreBoundedAndGoWithTheClass(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	now := time.Now()
	for i := range sqlitestore.MaxPendingPerClass + 5 {
		name := students.Name{First: fmt.Sprintf("Kid%c%c", 'a'+rune(i/26%26), 'a'+rune(i%26)), Initial: "Z"}
		ok, err := f.store.RecordPendingJoin(ctx, f.class.ID, name, now, now.Add(time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if want := i < sqlitestore.MaxPendingPerClass; ok != want {
			t.Fatalf("join %d recorded = %v, want %v", i, ok, want)
		}
	}
	// A name already pending is moved on even at the cap.
	if ok, err := f.store.RecordPendingJoin(ctx, f.class.ID, students.Name{First: "Kidaa", Initial: "Z"}, now, now.Add(2*time.Hour)); err != nil || !ok {
		t.Fatalf("re-check at the cap: %v %v", ok, err)
	}
	if _, err := f.classes.Delete(ctx, f.teacher, f.class.ID, f.class.Name); err != nil {
		t.Fatal(err)
	}
	var rows int
	f.store.Reader.QueryRow(`SELECT count(*) FROM pending_joins`).Scan(&rows)
	if rows != 0 {
		t.Fatalf("%d pending rows left after the class was deleted", rows)
	}
}

// A pupil refused at submission (the last seat went to another) is no
// longer working on the quiz; an archived class has nobody working on it.
func TestPendingJoinsEndWhenRefusedOrArchived(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	var pushes atomic.Int64
	svc := students.New(f.store, f.accounts, students.Options{
		Sleep:     func(context.Context, time.Duration) {},
		OnPending: func(int64) { pushes.Add(1) },
	})
	client := students.Client{IP: netip.MustParseAddr("10.0.0.9")}
	small, err := f.classes.Create(ctx, f.teacher, classes.Input{Name: "Room 8", SeatLimit: 1})
	if err != nil {
		t.Fatal(err)
	}
	working := func(classID int64) int {
		t.Helper()
		data, err := f.store.InsightClass(ctx, classID)
		if err != nil {
			t.Fatal(err)
		}
		return len(data.Pending)
	}
	for _, name := range []string{"Maya", "Leo"} {
		if _, _, err := svc.CheckName(ctx, small.Code, name, "R", false, client); err != nil {
			t.Fatal(err)
		}
	}
	if _, _, err := svc.Submit(ctx, students.SubmitInput{ClassCode: small.Code, FirstName: "Maya", LastInitial: "R",
		Key: key(), Answer: answers("ESTJ", "visual"), Client: client}); err != nil {
		t.Fatal(err)
	}
	before := pushes.Load()
	if _, _, err := svc.Submit(ctx, students.SubmitInput{ClassCode: small.Code, FirstName: "Leo", LastInitial: "R",
		Key: key(), Answer: answers("ESTJ", "visual"), Client: client}); !errors.Is(err, students.ErrClassFull) {
		t.Fatalf("the second pupil for the last seat: %v", err)
	}
	if n := working(small.ID); n != 0 || pushes.Load() != before+1 {
		t.Fatalf("working after a refused submission: %d (%d board pushes, want %d)", n, pushes.Load(), before+1)
	}

	if _, _, err := svc.CheckName(ctx, f.class.Code, "Ola", "P", false, client); err != nil {
		t.Fatal(err)
	}
	if n := working(f.class.ID); n != 1 {
		t.Fatalf("working before the archive: %d", n)
	}
	if _, err := f.classes.SetArchived(ctx, f.teacher, f.class.ID, true); err != nil {
		t.Fatal(err)
	}
	if n := working(f.class.ID); n != 0 {
		t.Fatalf("working in an archived class: %d", n)
	}
}

// One address shows at most PendingPerAddr pupils working on a class's
// quiz (a school's shared address brings a whole class); past it the
// name check still answers, and other addresses and classes still show.
func TestPendingJoinsPerAddressAreBounded(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	svc := students.New(f.store, f.accounts, students.Options{Sleep: func(context.Context, time.Duration) {}})
	school := students.Client{IP: netip.MustParseAddr("2001:db8:5:6::1")}
	for i := range students.PendingPerAddr + 10 {
		// Another address of the same /64 each time: one subscriber.
		school.IP = netip.MustParseAddr(fmt.Sprintf("2001:db8:5:6::%x", i+1))
		if _, _, err := svc.CheckName(ctx, f.class.Code, fmt.Sprintf("Kid%c%c", 'a'+rune(i/26), 'a'+rune(i%26)), "Z", false, school); err != nil {
			t.Fatalf("check %d: %v", i, err)
		}
	}
	data, err := f.store.InsightClass(ctx, f.class.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(data.Pending) != students.PendingPerAddr {
		t.Fatalf("%d working from one address, want %d", len(data.Pending), students.PendingPerAddr)
	}
	home := students.Client{IP: netip.MustParseAddr("192.0.2.44")}
	if _, _, err := svc.CheckName(ctx, f.class.Code, "Maya", "R", false, home); err != nil {
		t.Fatal(err)
	}
	if data, _ := f.store.InsightClass(ctx, f.class.ID); len(data.Pending) != students.PendingPerAddr+1 {
		t.Fatalf("another address: %d working", len(data.Pending))
	}
}
