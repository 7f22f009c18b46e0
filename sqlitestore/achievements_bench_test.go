package sqlitestore_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"animalgenius/app/classes"
	"animalgenius/app/economy"
	"animalgenius/sqlitestore"
	"animalgenius/sqlitestore/storetest"
)

// BenchmarkAchievementOverhead times the two busiest paths that earn
// achievements, the first quiz submission and the purchase, with and
// without the achievement check, in the same run: blocks of 50 operations
// by 8 goroutines (grouped commits, synchronous=FULL) alternate between the
// two, so drift of the machine falls on both alike. It reports the time
// per operation of each and the overhead in percent. With synchronous=FULL
// a commit waits for the disk; NORMAL (no fsync per commit in WAL) shows
// the CPU the check costs on the path.
//
//	go test -run '^$' -bench AchievementOverhead -benchtime 20000x ./sqlitestore
func BenchmarkAchievementOverhead(b *testing.B) {
	for _, sync := range []string{"FULL", "NORMAL"} {
		b.Run("sync="+sync, func(b *testing.B) { benchAchievementOverhead(b, sync) })
	}
}

// storeWith is a migrated store with the shipped catalog, on synchronous.
func storeWith(b *testing.B, synchronous string) *sqlitestore.Store {
	opts := sqlitestore.DefaultOptions()
	opts.Synchronous = synchronous
	s, err := sqlitestore.Open(b.TempDir(), opts)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	if err := s.MigrateUp(); err != nil {
		b.Fatal(err)
	}
	c, err := economy.Starter()
	if err != nil {
		b.Fatal(err)
	}
	if err := s.SeedCatalog(context.Background(), c, t0); err != nil {
		b.Fatal(err)
	}
	return s
}

func benchAchievementOverhead(b *testing.B, synchronous string) {
	b.Run("submit", func(b *testing.B) {
		s := storeWith(b, synchronous)
		ctx := context.Background()
		owner := storetest.FixtureTeacher(b, s)
		const alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
		var codes []string
		for i := range b.N/900 + 2 { // 900 students a class
			code := "BENC" + string(alphabet[i%31]) + string(alphabet[(i/31)%31])
			if _, err := s.CreateClass(ctx, classes.NewClass{TeacherID: owner, Code: code, Now: time.Now(),
				Input: classes.Input{Name: fmt.Sprintf("Bench %d", i), Grade: 6, Icon: "owl", Colour: classes.Palette[0]}}); err != nil {
				b.Fatal(err)
			}
			codes = append(codes, code)
		}
		var n atomic.Int64
		overhead(b, func() error {
			i := n.Add(1) - 1
			_, err := s.CreateStudent(ctx, newStudent(codes[i/900], fmt.Sprintf("Kid%d", i), "B", randomKey(), otterResult))
			return err
		})
	})
	b.Run("purchase", func(b *testing.B) {
		s := storeWith(b, synchronous)
		ctx := context.Background()
		const students = 200
		ids, items := purchaseFixture(b, s, students, b.N/students+2, "ach-bench")
		var n atomic.Int64
		overhead(b, func() error {
			i := n.Add(1) - 1
			kid := ids[i%students]
			_, err := s.Purchase(ctx, economy.PurchaseRequest{Request: req("student", kid, fmt.Sprintf("ach-bench-key-%012d", i)), StudentID: kid, ItemID: items[i/students]}, t0)
			return err
		})
	})
}

// overhead runs b.N calls of op in alternating blocks with the achievement
// check off and on, and reports the median time per operation of the
// blocks of each (a WAL checkpoint or a stray pause lands in one block and
// would otherwise swing a mean by more than the effect measured).
func overhead(b *testing.B, op func() error) {
	const block, workers = 50, 8
	var per [2][]float64 // ns per operation of each full block, by mode
	defer sqlitestore.SetAchievementsOff(false)
	b.ResetTimer()
	for left, round := b.N, 0; left > 0; round++ {
		mode := round % 2 // 0: off, 1: on
		sqlitestore.SetAchievementsOff(mode == 0)
		k := min(block, left)
		left -= k
		var next atomic.Int64
		var wg sync.WaitGroup
		start := time.Now()
		for range workers {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for next.Add(1) <= int64(k) {
					if err := op(); err != nil {
						b.Error(err)
						return
					}
				}
			}()
		}
		wg.Wait()
		if k == block {
			per[mode] = append(per[mode], float64(time.Since(start).Nanoseconds())/block)
		}
	}
	b.StopTimer()
	if len(per[0]) == 0 || len(per[1]) == 0 {
		return
	}
	off, on := median(per[0]), median(per[1])
	b.ReportMetric(off, "ns/op-without")
	b.ReportMetric(on, "ns/op-with")
	b.ReportMetric((on/off-1)*100, "%overhead")
}

func median(xs []float64) float64 {
	slices.Sort(xs)
	return xs[len(xs)/2]
}
