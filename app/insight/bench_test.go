package insight

import (
	"math/rand/v2"
	"testing"
)

// BenchmarkSnapshot500 builds a 500-student class's snapshot (analytics
// and roster rows) and its default roster: the work of an uncached
// request, without the database read.
func BenchmarkSnapshot500(b *testing.B) {
	class := randomClass(rand.New(rand.NewPCG(1, 2)), 500)
	q := RosterQuery{Sort: "name"}
	b.ReportAllocs()
	for b.Loop() {
		s := NewSnapshot(1, class)
		_ = s.Analytics()
		_ = s.Roster(q)
	}
}

// BenchmarkRosterCached500 is the roster of a cached snapshot.
func BenchmarkRosterCached500(b *testing.B) {
	s := NewSnapshot(1, randomClass(rand.New(rand.NewPCG(1, 2)), 500))
	for _, q := range []struct {
		name string
		q    RosterQuery
	}{
		{"default", RosterQuery{Sort: "name"}},
		{"filtered", RosterQuery{Sort: "completed", Desc: true, Genius: "feeler", Search: "1"}},
	} {
		b.Run(q.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = s.Analytics()
				_ = s.Roster(q.q)
			}
		})
	}
}

func BenchmarkPair500(b *testing.B) {
	class := randomClass(rand.New(rand.NewPCG(1, 2)), 500)
	b.ReportAllocs()
	for b.Loop() {
		_ = Pair(class)
	}
}

func BenchmarkMakeGroups500(b *testing.B) {
	class := randomClass(rand.New(rand.NewPCG(1, 2)), 500)
	s := int64(42)
	b.ReportAllocs()
	for b.Loop() {
		_ = MakeGroups(class, GroupRequest{Size: 4, Balance: BalanceGenius, Seed: &s})
	}
}
