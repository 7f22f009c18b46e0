package insight

import (
	"testing"
	"time"
)

func TestWorkingOnTheQuiz(t *testing.T) {
	snap := NewSnapshot(1, []Member{finished(1, "Ada L.", "INTP", "visual")})
	snap.working = workingRows([]Pending{{Name: "Maya R.", Since: t0, Expires: t0.Add(time.Hour)},
		{Name: "Leo K.", Since: t0.Add(time.Minute), Expires: t0.Add(time.Hour)}})

	r := snap.Roster(DefaultRoster)
	if len(r.Working) != 2 || r.Working[0].Name != "Maya R." || !r.Working[0].Since.Equal(t0) || !r.Working[0].ExpiresAt.Equal(t0.Add(time.Hour)) || r.Total != 1 {
		t.Fatalf("roster working = %+v (total %d)", r.Working, r.Total)
	}
	// Pending joins are not students: no analytics, no "not yet" row.
	if a := snap.Analytics(); a.Total != 1 || len(r.NotYet) != 0 {
		t.Fatalf("analytics total %d, not yet %d", a.Total, len(r.NotYet))
	}
	if got := snap.Roster(RosterQuery{Sort: "name", Search: "leo"}).Working; len(got) != 1 || got[0].Name != "Leo K." {
		t.Fatalf("search working = %+v", got)
	}
	for _, q := range []RosterQuery{{Sort: "name", Status: "finished"}, {Sort: "name", Animal: "owl"}} {
		if got := snap.Roster(q).Working; len(got) != 0 {
			t.Errorf("%+v: working = %+v, want none (they have no result)", q, got)
		}
	}
	if b := snap.Board(time.Time{}); len(b.Working) != 2 || len(b.Arrivals) != 1 {
		t.Fatalf("board = %+v", b)
	}
	// Maya finishes: she leaves "working" and arrives, in the snapshot built
	// in memory too.
	next := snap.with(finished(2, "Maya R.", "ESTJ", "visual"))
	if b := next.Board(time.Time{}); len(b.Working) != 1 || b.Working[0].Name != "Leo K." || len(b.Arrivals) != 2 {
		t.Fatalf("board after Maya finished = %+v", b)
	}
	if b := NewSnapshot(2, nil).Board(time.Time{}); b.Working == nil {
		t.Fatal("a board without pending joins sends null, want []")
	}
}
