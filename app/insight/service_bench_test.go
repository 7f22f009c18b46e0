package insight_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"animalgenius/app/insight"
)

var benchTypes = []struct{ typ, animal, genius string }{
	{"INFP", "meerkat", "feeler"}, {"INTJ", "panda", "feeler"}, {"INTP", "owl", "thinker"}, {"ISTJ", "beaver", "doer"},
	{"ENFJ", "elephant", "feeler"}, {"ESTP", "otter", "doer"}, {"ENTP", "parrot", "thinker"}, {"ESTJ", "border_collie", "doer"},
}

func classOf500(b *testing.B) *fixture {
	f := newFixture(b)
	t0 := time.UnixMilli(1_700_000_000_000)
	for i := range 500 {
		k := benchTypes[i%8]
		if i%10 == 9 {
			f.add(fmt.Sprintf("Kid%03d", i), "", "", "", time.Time{})
			continue
		}
		f.add(fmt.Sprintf("Kid%03d", i), k.typ, k.animal, k.genius, t0.Add(time.Duration(i)*time.Second))
	}
	return f
}

// BenchmarkAnalyticsRoster500 is what GET analytics + GET roster cost for
// a 500-student class: "uncached" reads the class from SQLite every time
// (as after a change), "cached" is served from the class's snapshot.
func BenchmarkAnalyticsRoster500(b *testing.B) {
	f := classOf500(b)
	ctx := context.Background()
	q := insight.RosterQuery{Sort: "name"}
	b.Run("uncached", func(b *testing.B) {
		svc := insight.NewService(f.store, insight.Options{})
		for b.Loop() {
			svc.OnStudentsChanged(f.class)
			snap, err := svc.Snapshot(ctx, f.class)
			if err != nil {
				b.Fatal(err)
			}
			_ = snap.Analytics()
			if r := snap.Roster(q); len(r.Finished) != 450 {
				b.Fatalf("%d finished", len(r.Finished))
			}
		}
	})
	b.Run("cached", func(b *testing.B) {
		svc := insight.NewService(f.store, insight.Options{})
		for b.Loop() {
			snap, err := svc.Snapshot(ctx, f.class)
			if err != nil {
				b.Fatal(err)
			}
			_ = snap.Analytics()
			_ = snap.Roster(q)
		}
	})
}
